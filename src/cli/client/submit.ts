/**
 * `atelier submit <image> --style NAME [--base-model M] [--param k=v]… [--priority N] [--id ID] [--wait]`
 * Uploads the image (multipart) and prints the job id on stdout, so `id=$(atelier submit …)`
 * works. With --wait it follows the job live (progress bar on stderr) and exits with the
 * job's outcome (0 succeeded, 1 failed, 4 cancelled).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type components } from '../../client/index.ts';
import { createApiClient, dataOf } from './api-client.ts';
import { CliError, ExitCode, runClient } from './exit-codes.ts';
import { exitCodeOfStatus, followJob } from './follow-job.ts';
import { parseCommand } from './parse-args.ts';
import { createProgressView } from './progress-view.ts';

type CreateTrainingMultipart = components['schemas']['CreateTrainingMultipart'];

const USAGE =
  'atelier submit <image> --style NAME [--base-model color-lut] [--param key=value]... [--priority 1-5] [--id JOB_ID] [--wait]';
const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** `k=v`: v as JSON when it parses (numbers, booleans, arrays), else as a string. */
export function paramsOf(pairs: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new CliError(`--param expects key=value, got '${pair}'`, ExitCode.usage);
    const raw = pair.slice(eq + 1);
    try {
      params[pair.slice(0, eq)] = JSON.parse(raw);
    } catch {
      params[pair.slice(0, eq)] = raw;
    }
  }
  return params;
}

async function submit(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      style: { type: 'string' },
      'base-model': { type: 'string', default: 'color-lut' },
      param: { type: 'string', multiple: true, default: [] },
      priority: { type: 'string' },
      id: { type: 'string' },
      wait: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (positionals.length !== 1 || !values.style)
    throw new CliError(`an image and --style are required\nusage: ${USAGE}`, ExitCode.usage);
  const file = positionals[0];
  const image = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${err.code ?? err.message}`, ExitCode.usage);
  });
  const form = new FormData();
  form.set(
    'image',
    new Blob([image], { type: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' }),
    path.basename(file),
  );
  form.set('styleName', values.style);
  form.set('baseModel', values['base-model']!);
  form.set('params', JSON.stringify(paramsOf(values.param!)));
  if (values.priority !== undefined) form.set('priority', values.priority);
  if (values.id !== undefined) form.set('id', values.id);

  const api = createApiClient();
  // Multipart: the form goes as it is (fetch sets its boundary), not through the JSON serializer.
  const job = dataOf(
    await api.typed.POST('/v1/trainings', {
      body: form as unknown as CreateTrainingMultipart,
      bodySerializer: (b) => b as unknown as FormData,
    }),
  );
  process.stdout.write(`${job.id}\n`);
  if (!values.wait) {
    process.stderr.write(`submitted ${job.id} (${job.status}); follow it with: atelier status ${job.id}\n`);
    return ExitCode.ok;
  }
  const view = createProgressView();
  let status: string;
  try {
    status = await followJob(api, job.id, view);
  } finally {
    view.stop();
  }
  const final = dataOf(await api.typed.GET('/v1/trainings/{id}', { params: { path: { id: job.id } } }));
  const detail =
    status === 'succeeded'
      ? `artifacts: ${final.artifacts.map((a) => a.name).join(', ')} (atelier download ${job.id})`
      : final.error
        ? `${final.error.code}: ${final.error.message}`
        : '';
  process.stderr.write(`job ${job.id} ${status}${detail ? ` — ${detail}` : ''}\n`);
  return exitCodeOfStatus(status);
}

export const run = (argv: string[]) => runClient('submit', () => submit(argv));
