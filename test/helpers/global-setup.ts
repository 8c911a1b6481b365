/**
 * Starts ONE real Temporal dev server for the whole test run, on free ports with a
 * throw-away database, provisioned by the same module `npm start` uses (the CLI is
 * cached under ./.atelier so both share one download).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { provisionTemporalCli } from '../../src/temporal/cli-provision.ts';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server.ts';
import { freePort } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalUiUrl: string;
    temporalCliPath: string;
  }
}

let server: DevServer | undefined;
let tmp: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const cli = await provisionTemporalCli({
    dataDir: path.resolve('.atelier'),
    log: (m) => console.log(`[global-setup] ${m}`),
  });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'atelier-test-temporal-'));
  const [port, uiPort] = [await freePort(), await freePort()];
  server = await startDevServer({
    cliPath: cli.path!,
    dataDir: tmp,
    port,
    uiPort,
    dbFile: path.join(tmp, 'temporal.db'),
  });
  project.provide('temporalAddress', server.address);
  project.provide('temporalUiUrl', server.uiUrl!);
  project.provide('temporalCliPath', cli.path!);
}

export async function teardown(): Promise<void> {
  await server?.stop(5_000);
  if (tmp) await rm(tmp, { recursive: true, force: true });
}
