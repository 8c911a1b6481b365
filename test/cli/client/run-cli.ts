/** Runs `atelier <args>` as a real child process (bin/atelier.mjs, as `npx atelier` does). */
import { spawn } from 'node:child_process';
import { TrainerRegistry } from '../../../src/training/registry.ts';
import { TrainerBadInputError, type Trainer } from '../../../src/training/trainer.ts';
import { slowTrainer, testTrainers } from '../../http/fixtures/slow-trainer.ts';
import { ATELIER_BIN } from '../../harness/components.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  /** Resolves with the first stdout line (the job id for `submit`). */
  firstLine: Promise<string>;
  done: Promise<CliRun>;
}

export function startCli(
  args: string[],
  env: Record<string, string>,
  command: string[] = [process.execPath, ATELIER_BIN],
): RunningCli {
  const child = spawn(command[0], [...command.slice(1), ...args], {
    env: { ...process.env, ATELIER_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let resolveLine: (line: string) => void;
  const firstLine = new Promise<string>((r) => (resolveLine = r));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stdout.includes('\n')) resolveLine(stdout.split('\n')[0]);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000); // a hung CLI must not hang the run
  const done = new Promise<CliRun>((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolveLine('');
      resolve({ code, stdout, stderr });
    }),
  );
  return { firstLine, done };
}

export const runCli = (args: string[], env: Record<string, string>) => startCli(args, env).done;

/** A trainer whose input is never acceptable: the job fails with TrainerBadInput. */
const refusingTrainer: Trainer = {
  ...slowTrainer,
  name: 'refusing-test',
  train: async () => {
    throw new TrainerBadInputError('this test trainer refuses every image');
  },
};

export const cliTrainers = () => new TrainerRegistry([...testTrainers().list(), refusingTrainer]);
