/**
 * The trainers file (`ATELIER_TRAINERS_FILE`): JSON mapping trainer names to command
 * lines. One zod schema; cross-field rules (defaults within bounds, the iterations
 * parameter declared) are checked here too, so a bad file stops the worker at start-up
 * with the file and the field named, instead of failing jobs later.
 * Relative paths (`cwd`, `workDir`, a command with a `/`) resolve against the file's directory.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../config.ts';
import { checkPlaceholders } from './command-line.ts';
import { ParameterSpecSchema, checkParameterSpecs, type ParameterSpec } from './params.ts';

export const TRAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const TrainerSpecSchema = z.strictObject({
  command: z.array(z.string().min(1)).min(1),
  description: z.string().default(''),
  version: z.string().min(1).default('1'),
  parameters: z.array(ParameterSpecSchema).default([]),
  /** The integer parameter that holds the number of iterations (progress total). */
  iterationsParam: z.string().optional(),
  /** A fixed number of iterations, for trainers without such a parameter. */
  totalIterations: z.number().int().positive().optional(),
  gracePeriodMs: z.number().int().min(0).max(600_000).default(10_000),
  env: z
    .record(
      z
        .string()
        .regex(
          /^(?!ATELIER_)[A-Za-z_][A-Za-z0-9_]*$/,
          'must be a variable name not starting with ATELIER_ (reserved for the protocol)',
        ),
      z.string(),
    )
    .default({}),
  /** Pass the worker's environment on (minus TEMPORAL_* and ATELIER_*, which hold its credentials). */
  inheritEnv: z.boolean().default(true),
  cwd: z.string().min(1).optional(),
});

export const TrainersFileSchema = z.strictObject({
  /** Where per-run work dirs are created; default: the OS temp dir. */
  workDir: z.string().min(1).optional(),
  trainers: z.record(z.string().regex(TRAINER_NAME, `must match ${TRAINER_NAME.source}`), TrainerSpecSchema),
});

export interface CommandTrainerSpec {
  name: string;
  command: string[];
  description: string;
  version: string;
  parameters: ParameterSpec[];
  iterationsParam?: string;
  totalIterations?: number;
  gracePeriodMs: number;
  env: Record<string, string>;
  inheritEnv: boolean;
  /** Absolute. */
  cwd: string;
  /** Absolute. */
  workDir?: string;
}

/** A `ConfigError`: the CLI reports it as a configuration problem (message only, no stack). */
export class TrainersFileError extends ConfigError {
  override name = 'TrainersFileError';
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`invalid trainers file ${file}:\n${issues.map((i) => `  ${i}`).join('\n')}`);
  }
}

type Issue = { path: (string | number)[]; message: string };
const fieldOf = (p: (string | number | symbol)[]) => (p.length ? p.map(String).join('.') : '(root)');
/** A bad record key comes as "Invalid key in record" with the real reason nested. */
const messageOf = (i: z.core.$ZodIssue): string =>
  i.code === 'invalid_key' ? i.issues.map(messageOf).join('; ') : i.message;

/** Reads, validates and resolves the file; throws `TrainersFileError` listing every problem. */
export function readTrainersFile(file: string): CommandTrainerSpec[] {
  const absolute = path.resolve(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(absolute, 'utf8'));
  } catch (err) {
    throw new TrainersFileError(absolute, [`(file): ${(err as Error).message}`]);
  }
  return parseTrainersFile(json, absolute);
}

/** Validates already-parsed JSON as if read from `file` (which anchors relative paths). */
export function parseTrainersFile(json: unknown, file: string): CommandTrainerSpec[] {
  const parsed = TrainersFileSchema.safeParse(json);
  if (!parsed.success)
    throw new TrainersFileError(
      file,
      parsed.error.issues.map((i) => `${fieldOf(i.path)}: ${messageOf(i)}`),
    );
  const base = path.dirname(file);
  const workDir = parsed.data.workDir === undefined ? undefined : path.resolve(base, parsed.data.workDir);
  const issues: Issue[] = [];
  if (workDir !== undefined) checkDirectory(workDir, ['workDir'], issues);
  const specs = Object.entries(parsed.data.trainers).map(([name, t]): CommandTrainerSpec => {
    const at = ['trainers', name];
    const cwd = path.resolve(base, t.cwd ?? '.');
    checkDirectory(cwd, [...at, 'cwd'], issues);
    let command = t.command;
    // "./train.sh" means the file next to the trainers file; "python3" is looked up on PATH.
    if (command[0].includes('/')) {
      command = [path.resolve(cwd, command[0]), ...command.slice(1)];
      try {
        accessSync(command[0], constants.X_OK);
      } catch {
        issues.push({ path: [...at, 'command', 0], message: `${command[0]} is not an executable file` });
      }
    }
    issues.push(
      ...checkParameterSpecs(t.parameters).map((i) => ({ ...i, path: [...at, 'parameters', ...i.path] })),
    );
    issues.push(...checkIterations(t).map((i) => ({ ...i, path: [...at, ...i.path] })));
    const placeholders = checkPlaceholders(
      t.command,
      t.parameters.map((p) => p.name),
    );
    issues.push(...placeholders.map((i) => ({ path: [...at, 'command', i.index], message: i.message })));
    return { name, ...t, command, cwd, workDir };
  });
  if (issues.length)
    throw new TrainersFileError(
      file,
      issues.map((i) => `${fieldOf(i.path)}: ${i.message}`),
    );
  return specs;
}

function checkIterations(t: z.infer<typeof TrainerSpecSchema>): Issue[] {
  if (t.iterationsParam === undefined) {
    return t.totalIterations === undefined
      ? [{ path: [], message: 'one of iterationsParam or totalIterations is required' }]
      : [];
  }
  if (t.totalIterations !== undefined)
    return [{ path: ['totalIterations'], message: 'give iterationsParam or totalIterations, not both' }];
  const p = t.parameters.find((q) => q.name === t.iterationsParam);
  if (!p)
    return [{ path: ['iterationsParam'], message: `"${t.iterationsParam}" is not a declared parameter` }];
  if (p.type !== 'integer')
    return [{ path: ['iterationsParam'], message: `parameter "${p.name}" must be of type integer` }];
  if (p.default === undefined && !p.required) {
    return [
      { path: ['iterationsParam'], message: `parameter "${p.name}" needs a default or required: true` },
    ];
  }
  return [];
}

function checkDirectory(dir: string, at: (string | number)[], issues: Issue[]): void {
  try {
    if (!statSync(dir).isDirectory()) issues.push({ path: at, message: `${dir} is not a directory` });
  } catch {
    issues.push({ path: at, message: `${dir} does not exist` });
  }
}
