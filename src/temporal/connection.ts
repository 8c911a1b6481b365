/**
 * Temporal connection settings from the standard `TEMPORAL_*` variables and profile
 * files (`@temporalio/envconfig`), so Temporal Cloud or any cluster works unchanged.
 */
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { Client, Connection, type ClientPlugin } from '@temporalio/client';

export interface TemporalTarget {
  address: string;
  namespace: string;
  connectionOptions: ReturnType<typeof loadClientConnectConfig>['connectionOptions'];
}

export function resolveTemporalTarget(env: NodeJS.ProcessEnv = process.env): TemporalTarget {
  const cfg = loadClientConnectConfig({ overrideEnvVars: env as Record<string, string> });
  const address = cfg.connectionOptions.address ?? 'localhost:7233';
  return {
    address,
    namespace: cfg.namespace ?? 'default',
    connectionOptions: { ...cfg.connectionOptions, address },
  };
}

/** A client-only connection (pure JS gRPC: the gateway loads no native module). */
export async function connectClient(
  target: TemporalTarget,
  connectTimeoutMs = 10_000,
  plugins: ClientPlugin[] = [],
): Promise<Client> {
  const connection = await Connection.connect({
    ...target.connectionOptions,
    connectTimeout: connectTimeoutMs,
  });
  return new Client({ connection, namespace: target.namespace, plugins });
}
