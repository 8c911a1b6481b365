/**
 * The Temporal server `atelier dev` uses: one that already answers at the configured
 * address (said so, and its search attributes ensured), else an embedded dev server
 * with its database under the data dir, else — on a machine with internet — the one
 * the SDK downloads itself.
 */
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { type Config } from '../config.ts';
import { provisionTemporalCli } from '../temporal/cli-provision.ts';
import { dynamicConfigFlags, startDevServer } from '../temporal/dev-server.ts';
import { ensureSearchAttributes, searchAttributeFlags } from '../temporal/search-attributes.ts';

export interface DevTemporal {
  address: string;
  uiUrl?: string;
  how: string;
  stop(): Promise<void>;
}

async function answers(address: string): Promise<Connection | undefined> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 1_500 });
    await connection.workflowService.getSystemInfo({});
    return connection;
  } catch {
    return undefined;
  }
}

export async function temporalForDev(
  config: Config,
  address: string | undefined,
  namespace: string,
  say: (m: string) => void,
): Promise<DevTemporal> {
  const wanted = address ?? `127.0.0.1:${config.temporalDevPort}`;
  const existing = await answers(wanted);
  if (existing) {
    const added = await ensureSearchAttributes(existing, namespace);
    await existing.close();
    return {
      address: wanted,
      how: `using the Temporal server already running at ${wanted}${added.length ? ` (registered ${added.join(', ')})` : ''}`,
      stop: async () => undefined,
    };
  }
  const cli = await provisionTemporalCli({
    dataDir: config.dataDir,
    cliPath: config.temporalCliPath,
    allowSdkDownload: true,
    log: say,
  });
  const dbFile = path.join(config.dataDir, 'temporal.db');
  if (cli.path) {
    const server = await startDevServer({
      cliPath: cli.path,
      dataDir: config.dataDir,
      port: config.temporalDevPort,
      uiPort: config.temporalUiPort,
      dbFile,
      namespace,
      log: say,
    });
    return {
      address: server.address,
      uiUrl: server.uiUrl,
      how: `started ${cli.version} (${cli.source}), database ${dbFile}`,
      stop: () => server.stop(),
    };
  }
  // Last resort: the SDK downloads the CLI (needs internet) and runs it.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: config.temporalDevPort,
      uiPort: config.temporalUiPort,
      dbFilename: dbFile,
      namespace,
      // The same search attributes and matcher settings as our own supervised server.
      extraArgs: [...searchAttributeFlags(), ...dynamicConfigFlags()],
    },
  });
  await ensureSearchAttributes(env.connection, namespace);
  return {
    address: `127.0.0.1:${config.temporalDevPort}`,
    uiUrl: `http://localhost:${config.temporalUiPort}`,
    how: 'started the dev server the Temporal SDK downloaded',
    stop: () => env.teardown(),
  };
}
