/**
 * `atelier cancel|pause|resume <id>`: asks the gateway (202) and prints the job as it is
 * right after; the change itself completes asynchronously. A state that forbids the
 * action (e.g. cancelling a finished job) is exit code 6.
 */
import { createApiClient, dataOf } from './api-client.ts';
import { ExitCode, runClient } from './exit-codes.ts';
import { jobIdArg, parseCommand } from './parse-args.ts';
import { describeJob } from './status.ts';

export type JobAction = 'cancel' | 'pause' | 'resume';

export function actionCommand(action: JobAction) {
  const usage = `atelier ${action} <job-id>`;
  return {
    run: (argv: string[]) =>
      runClient(action, async () => {
        const { positionals } = parseCommand(argv, {}, usage);
        const id = jobIdArg(positionals, usage);
        const job = dataOf(
          await createApiClient().typed.POST(`/v1/trainings/{id}/${action}`, { params: { path: { id } } }),
        );
        process.stdout.write(`${describeJob(job)}\n`);
        return ExitCode.ok;
      }),
  };
}
