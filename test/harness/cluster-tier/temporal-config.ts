/**
 * Renders the cluster tier's Temporal config (temporal-cluster.template.yaml) and its
 * dynamic config into the run directory. The dynamic config is the docker-compose
 * stack's own file (deploy/temporal/dynamicconfig/atelier.yaml) with the dev server's
 * matching settings laid over it (src/temporal/dev-server.ts), so the cluster
 * dispatches tasks as `npm start` and the compose stack do.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { dynamicConfigFlags } from '../../../src/temporal/dev-server.ts';

export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface ClusterPorts {
  postgres: number;
  grpc: Record<TemporalService, number>;
  membership: Record<TemporalService, number>;
  frontendHttp: number;
}

const TEMPLATE = new URL('./temporal-cluster.template.yaml', import.meta.url);
const COMPOSE_DYNAMIC_CONFIG = new URL(
  '../../../deploy/temporal/dynamicconfig/atelier.yaml',
  import.meta.url,
);

/** `--dynamic-config-value k=v` pairs as dynamic-config YAML entries. */
function devServerDynamicConfig(): Record<string, { value: unknown }[]> {
  const flags = dynamicConfigFlags();
  const out: Record<string, { value: unknown }[]> = {};
  for (let i = 1; i < flags.length; i += 2) {
    const [key, raw] = flags[i].split('=', 2);
    out[key] = [{ value: JSON.parse(raw) as unknown }];
  }
  return out;
}

/** Writes temporal.yaml and dynamic-config.yaml into `dir`; returns the config file's path. */
export async function renderTemporalConfig(dir: string, ports: ClusterPorts): Promise<string> {
  const dynamicFile = path.join(dir, 'dynamic-config.yaml');
  const compose = parse(await readFile(COMPOSE_DYNAMIC_CONFIG, 'utf8')) as Record<string, unknown>;
  await writeFile(dynamicFile, stringify({ ...compose, ...devServerDynamicConfig() }));
  const values: Record<string, string | number> = {
    PG_PORT: ports.postgres,
    FRONTEND_HTTP_PORT: ports.frontendHttp,
    DYNAMIC_CONFIG_FILE: dynamicFile,
  };
  for (const s of TEMPORAL_SERVICES) {
    values[`${s.toUpperCase()}_PORT`] = ports.grpc[s];
    values[`${s.toUpperCase()}_MEMBERSHIP_PORT`] = ports.membership[s];
  }
  const rendered = (await readFile(TEMPLATE, 'utf8')).replace(/__([A-Z_]+)__/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`temporal-cluster.template.yaml: no value for __${name}__`);
    return String(values[name]);
  });
  const file = path.join(dir, 'temporal.yaml');
  await writeFile(file, rendered);
  return file;
}
