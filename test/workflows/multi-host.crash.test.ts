/**
 * Multi-host on one machine: the gateway, the orchestration worker and two training
 * workers are separate processes, each with its own private, empty data dir; the S3
 * bucket is the only thing they share. The training worker running the job is SIGKILLed
 * mid-job: the other one resumes from the checkpoint in S3, and the `.cube` is
 * byte-identical to a clean run.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { styleImage } from '../harness/images.ts';
import { startAtelierProcess, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface JobAnswer {
  id: string;
  status: string;
  progress: { iteration: number } | null;
}

describe('multi-host: private data dirs, S3 the only thing shared', () => {
  let h: Harness;
  const dirs: string[] = [];
  const processes: WorkerProcess[] = [];
  beforeAll(async () => {
    h = await createHarness({ backend: 's3' });
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    for (const d of dirs) await rm(d, { recursive: true, force: true });
    await h.close();
  });

  /** A fresh, empty data dir that no other process knows. */
  async function privateDir(name: string): Promise<Record<string, string>> {
    const dir = await mkdtemp(path.join(os.tmpdir(), `atelier-host-${name}-`));
    dirs.push(dir);
    return { ATELIER_DATA_DIR: dir };
  }

  it(
    'a SIGKILLed training worker: the other resumes from S3 and the cube is byte-identical',
    { timeout: 300_000 },
    async () => {
      const port = await freePort();
      const started = await Promise.all([
        startAtelierProcess(h, ['gateway'], 'gateway listening', {
          ...(await privateDir('gateway')),
          PORT: String(port),
          HOST: '127.0.0.1',
          HEARTBEAT_TIMEOUT_MS: '3000',
        }),
        startWorkerProcess(h, 'orchestration', await privateDir('orchestration')),
        startWorkerProcess(h, 'training', await privateDir('training-a')),
        startWorkerProcess(h, 'training', await privateDir('training-b')),
      ]);
      processes.push(...started);
      const [, , trainingA, trainingB] = started;
      const api = `http://127.0.0.1:${port}`;
      const image = (await styleImage()).toString('base64');
      const submit = async () => {
        const res = await fetch(`${api}/v1/trainings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            styleName: 'Multi-host',
            baseModel: 'color-lut',
            styleRefBase64: image,
            params: { iterations: 60, lutSize: 33, seed: 17 },
          }),
        });
        expect(res.status).toBe(202);
        return ((await res.json()) as JobAnswer).id;
      };
      const waitFor = async (id: string, ok: (j: JobAnswer) => boolean) => {
        for (const deadline = Date.now() + 240_000; Date.now() < deadline;) {
          const job = (await (await fetch(`${api}/v1/trainings/${id}`)).json()) as JobAnswer;
          if (ok(job)) return job;
          if (job.status === 'failed') throw new Error(`job ${id} failed: ${JSON.stringify(job)}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error(`job ${id} did not get there`);
      };
      const cubeOf = async (id: string) =>
        sha256(
          Buffer.from(await (await fetch(`${api}/v1/trainings/${id}/artifacts/style.cube`)).arrayBuffer()),
        );

      const id = await submit();
      await waitFor(id, (j) => (j.progress?.iteration ?? 0) >= 8);
      const [running, other] = trainingA.output().includes(id)
        ? [trainingA, trainingB]
        : [trainingB, trainingA];
      expect(running.output()).toContain(id);
      expect((await running.kill('SIGKILL')).signal).toBe('SIGKILL');
      await waitFor(id, (j) => j.status === 'succeeded');
      const resumed = other
        .output()
        .split('\n')
        .filter((l) => l.includes(id) && l.includes('training attempt starting'))
        .map((l) => JSON.parse(l) as { resumedFrom: number });
      expect(resumed.at(-1)!.resumedFrom).toBeGreaterThan(0);

      const reference = await submit();
      await waitFor(reference, (j) => j.status === 'succeeded');
      expect(await cubeOf(id)).toBe(await cubeOf(reference));
      // Nothing of either job in any private data dir: it all went to S3.
      for (const dir of dirs) {
        const files = (await readdir(dir, { recursive: true })).map(String);
        expect(files.filter((f) => f.startsWith('tenants'))).toEqual([]);
      }
    },
  );
});
