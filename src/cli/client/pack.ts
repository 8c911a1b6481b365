/**
 * `atelier pack submit <image>... [--param k=v]... [--max-parallel N] [--priority N] [--id ID] [--wait]`,
 * `atelier pack status <id> [--json]`, `atelier pack cancel <id>`: style packs (several
 * styles trained together). Each image becomes one style named after its file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Pack } from '../../client/index.ts';
import { createApiClient, dataOf, type ApiClient } from './api-client.ts';
import { CliError, ExitCode, runClient } from './exit-codes.ts';
import { parseCommand } from './parse-args.ts';
import { paramsOf } from './submit.ts';

const USAGE =
  'atelier pack submit <image>... [--param key=value]... [--max-parallel N] [--priority 1-5] [--id PACK_ID] [--wait]\n' +
  '       atelier pack status <pack-id> [--json]\n       atelier pack cancel <pack-id>';

const TERMINAL: Record<string, number> = {
  succeeded: ExitCode.ok,
  partially_failed: ExitCode.jobFailed,
  failed: ExitCode.jobFailed,
  cancelled: ExitCode.jobCancelled,
};

function describePack(p: Pack): string {
  const styles = p.styles.map(
    (s) =>
      `  ${s.id}  ${s.status.padEnd(9)} '${s.styleName}'${s.error ? `  ${s.error.code}: ${s.error.message}` : ''}`,
  );
  return [`${p.id}  ${p.status}  ${p.percent}%`, ...styles].join('\n');
}

function packId(positionals: string[]): string {
  const id = positionals[0];
  if (positionals.length !== 1 || !/^[A-Za-z0-9_-]{1,40}$/.test(id))
    throw new CliError(`expected one pack id\nusage: ${USAGE}`, ExitCode.usage);
  return id;
}

async function waitForPack(api: ApiClient, id: string): Promise<number> {
  let last = '';
  for (;;) {
    const p = dataOf(await api.typed.GET('/v1/packs/{id}', { params: { path: { id } } }));
    const line = `${p.status} ${p.percent}%`;
    if (line !== last) process.stdout.write(`${id}: ${line}\n`);
    last = line;
    if (p.status in TERMINAL) {
      process.stdout.write(`${describePack(p)}\n`);
      return TERMINAL[p.status];
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function pack(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseCommand(
    rest,
    {
      param: { type: 'string', multiple: true, default: [] },
      'max-parallel': { type: 'string' },
      priority: { type: 'string' },
      id: { type: 'string' },
      wait: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const api = createApiClient();
  if (verb === 'status') {
    const id = packId(positionals);
    const p = dataOf(await api.typed.GET('/v1/packs/{id}', { params: { path: { id } } }));
    process.stdout.write(values.json ? `${JSON.stringify(p, null, 2)}\n` : `${describePack(p)}\n`);
    return ExitCode.ok;
  }
  if (verb === 'cancel') {
    const id = packId(positionals);
    const p = dataOf(await api.typed.POST('/v1/packs/{id}/cancel', { params: { path: { id } } }));
    process.stdout.write(`${describePack(p)}\n`);
    return ExitCode.ok;
  }
  if (verb !== 'submit' || positionals.length === 0) throw new CliError(`usage: ${USAGE}`, ExitCode.usage);
  const params = paramsOf(values.param!);
  const styles = [];
  for (const file of positionals) {
    const bytes = await readFile(file).catch(() => {
      throw new CliError(`cannot read ${file}`, ExitCode.notFound);
    });
    styles.push({ styleName: path.parse(file).name, styleRefBase64: bytes.toString('base64'), params });
  }
  const body = {
    styles,
    ...(values.id ? { id: values.id } : {}),
    ...(values['max-parallel'] ? { maxParallel: Number(values['max-parallel']) } : {}),
    ...(values.priority ? { priority: Number(values.priority) } : {}),
  };
  const p = dataOf(await api.typed.POST('/v1/packs', { body }));
  process.stdout.write(`${p.id}\n`);
  return values.wait ? waitForPack(api, p.id) : ExitCode.ok;
}

export const run = (argv: string[]) => runClient('pack', () => pack(argv));
