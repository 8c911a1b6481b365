/**
 * `atelier status <id> [--json]`: the job as the gateway sees it. One readable line
 * (and the error or artifacts when there are some), or the API's JSON with --json.
 */
import { type Job } from '../../client/index.ts';
import { createApiClient, dataOf } from './api-client.ts';
import { ExitCode, runClient } from './exit-codes.ts';
import { jobIdArg, parseCommand } from './parse-args.ts';

const USAGE = 'atelier status <job-id> [--json]';

export function describeJob(job: Job): string {
  const parts = [`${job.id}  ${job.status} (${job.phase})  '${job.styleName}' with ${job.baseModel}`];
  const p = job.progress;
  if (p)
    parts.push(
      `iteration ${p.iteration}/${p.total} (${p.percent}%)${p.loss === null ? '' : ` loss ${p.loss.toPrecision(4)}`}`,
    );
  if (job.attempt > 1) parts.push(`attempt ${job.attempt}`);
  if (job.queue?.position) parts.push(`queue position ${job.queue.position} of ${job.queue.length}`);
  if (job.eta) parts.push(`eta ${job.eta}`);
  const lines = [parts.join('  ')];
  if (job.error) lines.push(`error: ${job.error.code}: ${job.error.message}`);
  if (job.artifacts.length)
    lines.push(`artifacts: ${job.artifacts.map((a) => `${a.name} (${a.bytes} B)`).join(', ')}`);
  return lines.join('\n');
}

async function status(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { json: { type: 'boolean', default: false } }, USAGE);
  const id = jobIdArg(positionals, USAGE);
  const job = dataOf(await createApiClient().typed.GET('/v1/trainings/{id}', { params: { path: { id } } }));
  process.stdout.write(values.json ? `${JSON.stringify(job, null, 2)}\n` : `${describeJob(job)}\n`);
  return ExitCode.ok;
}

export const run = (argv: string[]) => runClient('status', () => status(argv));
