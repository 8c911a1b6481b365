/**
 * What every client-command test needs: real workers and a real gateway (with the CLI
 * test trainers) on the shared dev server, and a reference image on disk to submit.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type Gateway } from '../../helpers/gateway-harness.ts';
import { createHarness, type Harness } from '../../helpers/harness.ts';
import { styleImage } from '../../harness/images.ts';
import { cliTrainers } from './run-cli.ts';

export interface CliStack {
  h: Harness;
  gw: Gateway;
  /** Environment for the CLI child processes (ATELIER_URL of the gateway). */
  env: Record<string, string>;
  tmp: string;
  image: string;
  close(): Promise<void>;
}

export async function startCliStack(): Promise<CliStack> {
  const h = await createHarness();
  await h.startWorkers('all', { trainers: cliTrainers() });
  const gw = await startGateway(h, { trainers: cliTrainers() });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'atelier-cli-'));
  const image = path.join(tmp, 'reference.png');
  await writeFile(image, await styleImage());
  return {
    h,
    gw,
    env: { ATELIER_URL: gw.url },
    tmp,
    image,
    async close() {
      await gw.close();
      await h.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
