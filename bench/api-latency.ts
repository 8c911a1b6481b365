/**
 * API latency at concurrency 20 against a running gateway: p50/p99 of
 * `POST /v1/trainings` (small PNG, cheap params) and `GET /v1/trainings/{id}`.
 * Loopback only (it creates real jobs); a bounded number of requests.
 *
 *   ATELIER_URL=http://127.0.0.1:3000 [ATELIER_API_KEY=…] node --import tsx bench/api-latency.ts
 *
 * Writes bench/results/api-latency.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { styleImage } from '../test/harness/images.ts';

const target = new URL(process.env.ATELIER_URL ?? 'http://127.0.0.1:3000');
const key = process.env.ATELIER_API_KEY;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const POSTS = Number(process.env.BENCH_POSTS ?? 200);
const GETS = Number(process.env.BENCH_GETS ?? 1000);

if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
  console.error(`refusing to benchmark ${target.origin}: loopback only`);
  process.exit(2);
}

const headers = (json: boolean): Record<string, string> => ({
  ...(json ? { 'content-type': 'application/json' } : {}),
  ...(key ? { authorization: `Bearer ${key}` } : {}),
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `count` calls of `fn` with `CONCURRENCY` in flight; returns latencies (ms) and failures. */
async function load(count: number, fn: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const res = await fn(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    requests: count,
    statuses,
    throughputPerSecond: round(count / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

const png = await styleImage();
const body = (i: number) =>
  JSON.stringify({
    styleName: `bench ${i}`,
    baseModel: 'color-lut',
    styleRefBase64: png.toString('base64'),
    params: { iterations: 3, lutSize: 17 },
    metadata: { bench: 'api-latency' },
  });

const ids: string[] = [];
const post = await load(POSTS, async (i) => {
  const res = await fetch(new URL('/v1/trainings', target), {
    method: 'POST',
    headers: headers(true),
    body: body(i),
  });
  if (res.status === 202) ids.push(((await res.clone().json()) as { id: string }).id);
  return res;
});
if (ids.length === 0) throw new Error(`no job was created: ${JSON.stringify(post.statuses)}`);
const get = await load(GETS, (i) =>
  fetch(new URL(`/v1/trainings/${ids[i % ids.length]}`, target), { headers: headers(false) }),
);

const result = {
  target: target.origin,
  concurrency: CONCURRENCY,
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    loadAverage: os.loadavg(),
  },
  'POST /v1/trainings': post,
  'GET /v1/trainings/{id}': get,
};
const out = path.resolve('bench/results/api-latency.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
