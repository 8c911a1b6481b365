/**
 * One training attempt of a command trainer: restore the checkpoint, start the command
 * in its own process group, act on its stdout, and turn its exit into an outcome:
 * 0 = success (the artifacts packed into the final state), 65 (EX_DATAERR) = bad input
 * (`TrainerBadInputError`, not retried), anything else = a retryable error.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { TrainerBadInputError, type TrainerOutcome, type TrainerRun } from '../trainer.ts';
import { buildEnv, expandArgs } from './command-line.ts';
import { runCommand, type CommandExit } from './run-command.ts';
import { createRunDir, resolveReportedFile } from './run-dir.ts';
import { RunProgress } from './run-progress.ts';
import {
  StateContainerError,
  decodeState,
  encodeState,
  isStateContainer,
  type CommandState,
} from './state-container.ts';
import { sweepStaleRunDirs } from './stale-run-dirs.ts';
import { createStdoutHandler } from './stdout-handler.ts';
import { type CommandTrainerSpec } from './trainers-file.ts';
import { TrainerOutput } from './trainer-output.ts';

export const EXIT_BAD_INPUT = 65;

export async function trainWithCommand(
  spec: CommandTrainerSpec,
  total: number,
  run: TrainerRun,
): Promise<TrainerOutcome> {
  run.signal.throwIfAborted();
  const output = new TrainerOutput(run.onLog);
  const resumed = restore(run, output);
  // The previous attempt finished and stored its final state, but its completion never
  // reached the server (the worker died in between): that state is the outcome.
  if (resumed?.kind === 'final') return outcomeOf(resumed, run.resume!.data);

  const progress = new RunProgress({
    iteration: resumed?.iteration ?? 0,
    total,
    losses: resumed?.losses ?? [],
  });
  const root = spec.workDir ?? os.tmpdir();
  for (const stale of await sweepStaleRunDirs(root)) output.note('info', `removed stale work dir ${stale}`);
  const dir = await createRunDir({
    root,
    trainer: spec.name,
    jobId: run.jobId,
    pixels: run.pixels,
    resume: resumed ? resumed.files[0] : null,
  });
  try {
    const artifacts = new Map<string, string>();
    const [command, ...args] = expandArgs(spec.command, dir, run.params);
    const exit = await runCommand({
      command,
      args,
      cwd: spec.cwd,
      env: buildEnv({
        inherit: spec.inheritEnv,
        extra: spec.env,
        jobId: run.jobId,
        params: run.params,
        paths: dir,
        resumeIteration: progress.iteration,
        checkpointEveryMs: run.checkpointEveryMs,
      }),
      gracePeriodMs: spec.gracePeriodMs,
      signal: run.signal,
      onStdoutLine: createStdoutHandler({ paths: dir, progress, output, run, artifacts }),
      onStderrLine: (line) => output.stderr(line),
      onEvent: (e) => output.note(e.level, e.message),
    });
    if (exit.code === 0) return await finish(progress, dir.outputDir, artifacts, output);
    if (exit.code === EXIT_BAD_INPUT) {
      throw new TrainerBadInputError(
        `trainer ${spec.name} rejected its input: ${output.reason() ?? '(it said nothing)'}`,
      );
    }
    const tail = output.stderrTail();
    throw new Error(
      `trainer ${spec.name} ${describeExit(exit)}${tail ? `; stderr:\n${tail}` : ' (no stderr output)'}`,
    );
  } finally {
    await dir.remove();
  }
}

/**
 * The state to resume from, or null for a fresh start. Bytes we cannot use (another
 * trainer's, or damaged) mean starting over, with a warning: retrying on them would fail
 * the same way forever.
 */
function restore(run: TrainerRun, output: TrainerOutput): CommandState | null {
  if (!run.resume) return null;
  const unusable = (why: string) => {
    output.note(
      'warn',
      `latest checkpoint (iteration ${run.resume!.iteration}) ${why}; starting from scratch`,
    );
    return null;
  };
  if (!isStateContainer(run.resume.data)) return unusable('is not a command-trainer state');
  let state: CommandState;
  try {
    state = decodeState(run.resume.data);
  } catch (err) {
    if (err instanceof StateContainerError) return unusable(`is unusable: ${err.message}`);
    throw err;
  }
  if (state.kind === 'checkpoint' && state.files.length !== 1)
    return unusable(`holds ${state.files.length} files, not 1`);
  return state;
}

async function finish(
  progress: RunProgress,
  outputDir: string,
  artifacts: Map<string, string>,
  output: TrainerOutput,
): Promise<TrainerOutcome> {
  if (artifacts.size === 0) output.note('warn', 'trainer exited 0 without reporting any artifact');
  const files = [];
  for (const [name, reported] of artifacts) {
    // Resolved again: the file may have been replaced (by a symlink, say) since it was reported.
    const file = await resolveReportedFile(outputDir, reported).catch((err: Error) => {
      throw new Error(`artifact ${name} vanished after it was reported: ${err.message}`);
    });
    files.push({ name, data: await readFile(file) });
  }
  const state: CommandState = {
    kind: 'final',
    iteration: progress.iteration,
    total: progress.total,
    losses: progress.lossesUpTo(progress.iteration),
    files,
  };
  return outcomeOf(state, encodeState(state));
}

function outcomeOf(state: CommandState, finalState: Uint8Array): TrainerOutcome {
  return {
    iterations: state.iteration,
    total: state.total,
    finalLoss: state.losses.at(-1)?.[1] ?? null,
    finalState,
  };
}

function describeExit(exit: CommandExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}
