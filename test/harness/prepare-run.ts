/**
 * Everything a cluster run (chaos, benchmarks) needs before it starts: a temp run directory, free
 * loopback ports, the Temporal CLI (the module `npm start` and the tests use, cached
 * under ./.atelier), and a prebuilt workflow bundle — production workers use one, and
 * it keeps each orchestration-worker restart from spending seconds in webpack.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { provisionTemporalCli } from '../../src/temporal/cli-provision.ts';
import { ATELIER_BIN, type ClusterLayout } from './components.ts';
import { stablePorts } from './ports.ts';

export interface PreparedRun {
  runDir: string;
  layout: ClusterLayout;
  temporalCliVersion: string;
}

export async function prepareRun(
  env: Record<string, string>,
  say: (m: string) => void,
  cliPath: string | undefined,
  prefix: string,
): Promise<PreparedRun> {
  const cli = await provisionTemporalCli({
    dataDir: path.resolve('.atelier'),
    cliPath: cliPath ?? (process.env.TEMPORAL_CLI_PATH || undefined),
    log: say,
  });
  if (!cli.path) throw new Error('a cluster run needs a local Temporal CLI binary');
  const runDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await mkdir(path.join(runDir, 'logs'), { recursive: true });
  const workflowBundle = path.join(runDir, 'workflow-bundle.js');
  await promisify(execFile)(process.execPath, [ATELIER_BIN, 'build-workflows', workflowBundle], {
    timeout: 180_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [temporalPort, gatewayPort] = await stablePorts(2);
  return {
    runDir,
    temporalCliVersion: cli.version ?? 'unknown',
    layout: { runDir, cliPath: cli.path, temporalPort, gatewayPort, workflowBundle, env },
  };
}
