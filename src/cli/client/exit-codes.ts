/**
 * Exit codes of the client commands, for scripts (documented in `atelier --help` and the
 * README): a script can tell "the job failed" from "the server is down" from "typo".
 */
export const ExitCode = {
  /** Done; with `--wait`, the job succeeded. */
  ok: 0,
  /** The job failed (with `--wait`), or an unexpected error. */
  jobFailed: 1,
  /** Bad command line. */
  usage: 2,
  /** No such job (or not yours), or no such file. */
  notFound: 3,
  /** The job was cancelled (with `--wait`). */
  jobCancelled: 4,
  /** The gateway could not be reached (ATELIER_URL), or answered 5xx. */
  unreachable: 5,
  /** The gateway refused the request: bad API key, invalid input, or a state conflict (409). */
  refused: 6,
} as const;

export const EXIT_CODE_HELP = `exit codes: 0 ok (job succeeded with --wait), 1 job failed, 2 usage, 3 not found,
            4 job cancelled, 5 gateway unreachable, 6 request refused (auth, validation, state)`;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Runs a client command: a CliError becomes its message on stderr and its exit code. */
export async function runClient(name: string, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    if (err.message) process.stderr.write(`atelier ${name}: ${err.message}\n`);
    return err.exitCode;
  }
}
