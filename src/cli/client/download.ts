/**
 * `atelier download <id> [--out DIR]`: every artifact of a finished job into DIR
 * (default ./<id>), each checked against the sha256 the gateway lists, written to a
 * temporary name first so an interrupted download never leaves a half file behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createApiClient, dataOf, problemError } from './api-client.ts';
import { CliError, ExitCode, runClient } from './exit-codes.ts';
import { jobIdArg, parseCommand } from './parse-args.ts';

const USAGE = 'atelier download <job-id> [--out DIR]';
/** Artifact names come from the server; still, never let one escape the output directory. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

async function download(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { out: { type: 'string' } }, USAGE);
  const id = jobIdArg(positionals, USAGE);
  const dir = path.resolve(values.out ?? id);
  const api = createApiClient();
  const { data } = dataOf(await api.typed.GET('/v1/trainings/{id}/artifacts', { params: { path: { id } } }));
  if (data.length === 0)
    throw new CliError(`job ${id} has no artifacts (yet): see atelier status ${id}`, ExitCode.notFound);
  await mkdir(dir, { recursive: true });
  for (const artifact of data) {
    if (!SAFE_NAME.test(artifact.name) || artifact.name.includes('..'))
      throw new CliError(`refusing artifact name '${artifact.name}'`, ExitCode.refused);
    const res = await api.request(`/v1/trainings/${id}/artifacts/${artifact.name}`);
    if (!res.ok) throw await problemError(res);
    const bytes = Buffer.from(await res.arrayBuffer());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== artifact.sha256)
      throw new CliError(`${artifact.name}: checksum mismatch (got ${sha256})`, ExitCode.jobFailed);
    const target = path.join(dir, artifact.name);
    await writeFile(`${target}.partial`, bytes);
    await rename(`${target}.partial`, target);
    process.stdout.write(`${target}\n`);
  }
  return ExitCode.ok;
}

export const run = (argv: string[]) => runClient('download', () => download(argv));
