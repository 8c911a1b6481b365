/**
 * /readyz under failure: it checks storage by writing (a read-only disk, an S3 server
 * that refuses connections), and it answers within a bounded time even when the Temporal
 * server hangs (SIGSTOP) — on the code before this test existed it hung for 60 s and then
 * said 200 (issue 12). A Temporal dev server of this file's own is stopped, never the
 * run's shared one. Bounds are generous (a loaded 2-core machine must pass): the point
 * is "does not hang", each check itself gives up after 2 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createStorage } from '../../src/storage/create-storage.ts';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server.ts';
import { startGateway, type Gateway } from '../helpers/gateway-harness.ts';
import { freePort } from '../helpers/free-port.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { s3SettingsFor } from '../helpers/storage-backends.ts';
import { canMountTmpfs, mountTmpfs } from '../helpers/tmpfs.ts';

interface Readiness {
  ready: boolean;
  checks: Array<{ name: string; ok: boolean; detail?: string }>;
}

const mountable = await canMountTmpfs();

async function readyz(gw: Gateway): Promise<{ status: number; body: Readiness }> {
  const res = await gw.fetch('/readyz', { signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: (await res.json()) as Readiness };
}

const failing = (r: Readiness) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe('/readyz', () => {
  let h: Harness;
  let server: DevServer;
  let dir: string;
  let connection: Connection;
  let gw: Gateway;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-readyz-'));
    server = await startDevServer({
      cliPath: inject('temporalCliPath'),
      dataDir: dir,
      dbFile: ':memory:',
      port: await freePort(),
    });
    h = await createHarness();
    connection = await Connection.connect({ address: server.address });
    gw = await startGateway({ ...h, client: new Client({ connection }) });
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await connection?.close();
    await server?.stop(5_000);
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says 200 with every check passing when all is well', async () => {
    const { status, body } = await readyz(gw);
    expect(body).toEqual({
      ready: true,
      checks: ['temporal', 'namespace', 'searchAttributes', 'storage'].map((name) => ({ name, ok: true })),
    });
    expect(status).toBe(200);
  });

  it.skipIf(!mountable)('fs storage that cannot be written: 503, the storage check says why', async () => {
    const disk = await mountTmpfs(path.join(h.dataDir, 'tenants'), '1m');
    try {
      await disk.readOnly();
      const { status, body } = await readyz(gw);
      expect(status).toBe(503);
      expect(failing(body)).toEqual(['storage']);
      expect(body.checks.find((c) => c.name === 'storage')!.detail).toMatch(/^EROFS: read-only file system/);
    } finally {
      await disk.unmount();
    }
    expect((await readyz(gw)).status).toBe(200);
  });

  it('S3 that refuses connections: 503, the storage check says why', async () => {
    const settings = s3SettingsFor('readyz');
    if (settings.kind !== 's3') throw new Error('s3 settings expected');
    const storage = createStorage({ ...settings, endpoint: `http://127.0.0.1:${await freePort()}` });
    const down = await startGateway({ ...h, client: new Client({ connection }) }, { storage });
    try {
      const { status, body } = await readyz(down);
      expect(status).toBe(503);
      expect(failing(body)).toEqual(['storage']);
      expect(body.checks.find((c) => c.name === 'storage')!.detail).toMatch(/ECONNREFUSED|within 2000 ms/);
    } finally {
      await down.close();
    }
  });

  it(
    'a hung Temporal server (SIGSTOP): 503 within seconds, naming the Temporal checks',
    { timeout: 60_000 },
    async () => {
      const group = -server.process.pid!;
      process.kill(group, 'SIGSTOP');
      try {
        // Bounded by each check's own 2 s deadline (the detail says so) and this test's limit, not by a stopwatch.
        const { status, body } = await readyz(gw);
        expect(status).toBe(503);
        expect(failing(body)).toEqual(['temporal', 'namespace', 'searchAttributes']);
        for (const c of body.checks.filter((c) => !c.ok)) expect(c.detail).toMatch(/within 2000 ms/);
      } finally {
        process.kill(group, 'SIGCONT');
      }
      // And it recovers once the server runs again.
      await expect.poll(async () => (await readyz(gw)).status, { timeout: 30_000 }).toBe(200);
    },
  );
});
