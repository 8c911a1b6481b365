/**
 * The command line and environment a trainer is started with. Inputs always arrive as
 * environment variables; for scripts that take flags instead, arguments may contain
 * placeholders: `{image}`, `{outputDir}`, `{checkpointDir}`, `{workDir}`, `{params}`
 * (the JSON) and `{param:NAME}` (one value; empty when absent).
 */
export const PLACEHOLDER = /\{([A-Za-z]+)(?::([A-Za-z0-9_]+))?\}/g;
export const PLACEHOLDER_NAMES = ['image', 'outputDir', 'checkpointDir', 'workDir', 'params', 'param'];

export interface RunPaths {
  workDir: string;
  image: string;
  outputDir: string;
  checkpointDir: string;
  /** The restored checkpoint file, or null on a fresh start. */
  resumeCheckpoint: string | null;
}

/** Placeholder problems in a command line, by argument index. */
export function checkPlaceholders(
  args: string[],
  paramNames: string[],
): { index: number; message: string }[] {
  const issues: { index: number; message: string }[] = [];
  args.forEach((arg, index) => {
    for (const [text, key, param] of arg.matchAll(PLACEHOLDER)) {
      if (!PLACEHOLDER_NAMES.includes(key)) issues.push({ index, message: `unknown placeholder ${text}` });
      else if (key === 'param' && (param === undefined || !paramNames.includes(param))) {
        issues.push({ index, message: `${text} names no declared parameter` });
      } else if (key !== 'param' && param !== undefined)
        issues.push({ index, message: `unknown placeholder ${text}` });
    }
  });
  return issues;
}

export function expandArgs(args: string[], paths: RunPaths, params: Record<string, unknown>): string[] {
  const values: Record<string, string> = {
    image: paths.image,
    outputDir: paths.outputDir,
    checkpointDir: paths.checkpointDir,
    workDir: paths.workDir,
    params: JSON.stringify(params),
  };
  return args.map((arg) =>
    arg.replace(PLACEHOLDER, (text, key: string, param: string | undefined) => {
      if (key === 'param' && param !== undefined)
        return params[param] === undefined ? '' : String(params[param]);
      return values[key] ?? text;
    }),
  );
}

/** Variables of the worker itself: its Temporal credentials, API keys, webhook secrets. Never passed on. */
const WORKER_ONLY = /^(TEMPORAL_|ATELIER_)/;
/** Kept even without `inheritEnv`, so interpreters can be found and behave. */
const ESSENTIAL = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ'];

export interface EnvInput {
  inherit: boolean;
  extra: Record<string, string>;
  jobId: string;
  params: Record<string, unknown>;
  paths: RunPaths;
  resumeIteration: number;
  checkpointEveryMs: number;
}

export function buildEnv(input: EnvInput, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined || WORKER_ONLY.test(k)) continue;
    if (input.inherit || ESSENTIAL.includes(k)) env[k] = v;
  }
  Object.assign(env, input.extra, {
    ATELIER_JOB_ID: input.jobId,
    ATELIER_WORK_DIR: input.paths.workDir,
    ATELIER_IMAGE: input.paths.image,
    ATELIER_OUTPUT_DIR: input.paths.outputDir,
    ATELIER_CHECKPOINT_DIR: input.paths.checkpointDir,
    ATELIER_PARAMS: JSON.stringify(input.params),
    ATELIER_CHECKPOINT_EVERY_MS: String(input.checkpointEveryMs),
  });
  // Python buffers stdout when it is a pipe: progress would arrive in bursts, late.
  env.PYTHONUNBUFFERED ??= '1';
  if (input.paths.resumeCheckpoint !== null) {
    env.ATELIER_RESUME_CHECKPOINT = input.paths.resumeCheckpoint;
    env.ATELIER_RESUME_ITERATION = String(input.resumeIteration);
  }
  return env;
}
