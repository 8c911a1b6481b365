/** Command-line parsing for the client commands (node:util parseArgs), with usage errors as exit code 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_CODE_HELP, CliError, ExitCode } from './exit-codes.ts';
import { JOB_ID_PATTERN } from '../../../workflows/job-identity.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommand<T extends Options>(argv: string[], options: T, usage: string) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      `usage: ${usage}\n\nenvironment: ATELIER_URL (default http://127.0.0.1:3000), ATELIER_API_KEY\n${EXIT_CODE_HELP}\n`,
    );
    throw new CliError('', ExitCode.ok);
  }
  try {
    return parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nusage: ${usage}`, ExitCode.usage);
  }
}

/** The one positional job id of status/cancel/pause/resume/download. */
export function jobIdArg(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new CliError(`expected one job id\nusage: ${usage}`, ExitCode.usage);
  const id = positionals[0];
  if (!JOB_ID_PATTERN.test(id))
    throw new CliError(`'${id}' is not a job id (1-64 of A-Z a-z 0-9 _ -)`, ExitCode.usage);
  return id;
}
