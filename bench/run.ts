/**
 * `npm run bench`: every figure of issue 7 in one run on this machine, written to
 * bench/results/latest.json and latest.md. Loopback only, its own Temporal dev server
 * and data in a temp dir, default configuration; stops by itself (watchdog at 30 min).
 * Benchmarks are not tests: nothing here passes or fails on speed. The exit code is
 * non-zero only when a figure could not be measured.
 *
 *   npm run bench [-- --only peers]     (--only: a comma-separated list of sections, for quick
 *                                        iterations; written to test-output/bench/ instead)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeSpeed } from './decode-speed.ts';
import { loadAverage, machineFacts } from './machine.ts';
import { orchestrationOverhead } from './orchestration-overhead.ts';
import { peerRows, peerTable } from './peers/peer-table.ts';
import { LOCAL_TENANT } from '../src/auth/api-keys.ts';
import { trainingWorkflowId } from '../workflows/job-identity.ts';
import { takeoversUnderLoad } from './takeovers-under-load.ts';
import { peersBench, type PeersResult } from './peers/peers-bench.ts';
import { recoveryAfterKill, type RecoveryResult } from './recovery.ts';
import { markdown, writeResults } from './results.ts';
import { rowsOf } from './rows.ts';
import { rssWithQueuedJobs } from './rss-queued.ts';
import { startStack } from './stack.ts';
import { statusLatency } from './status-latency.ts';
import { storageSpeed } from './storage-speed.ts';
import { CONCURRENCY, postTraining, submitLatency, trainingBody } from './submit-latency.ts';
import { sustainedThroughput } from './sustained.ts';
import { trainerSpeed } from './trainer-speed.ts';
import { trainerThreadStart } from './trainer-thread-start.ts';

const HARD_LIMIT_MS = 30 * 60_000;
setTimeout(
  () => (process.stderr.write('bench: over 30 minutes; giving up\n'), process.exit(2)),
  HARD_LIMIT_MS,
).unref();

const started = Date.now();
const say = (m: string) =>
  process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${m}\n`);
const details: Record<string, unknown> = {};
const errors: Record<string, string> = {};
const only = parseArgs({ options: { only: { type: 'string' } } }).values.only?.split(',');
// The peer table compares with Atelier's recovery, so `--only peers` measures that too.
const selected = (name: string) =>
  !only || only.includes(name) || (name === 'recovery' && only.includes('peers'));

/** Runs one section; a failure is recorded and the other sections still run. */
async function section(name: string, fn: () => Promise<unknown>): Promise<void> {
  if (!selected(name)) return;
  say(name);
  try {
    details[name] = await fn();
  } catch (err) {
    errors[name] = (err as Error).stack ?? String(err);
    say(`${name} failed: ${(err as Error).message}`);
  }
}

const loadStart = loadAverage();
await section('trainer', trainerSpeed);
await section('trainerThreadStart', trainerThreadStart);
await section('decode', decodeSpeed);
await section('storage', storageSpeed);

// Submissions first, with no worker at all and the gateway on an unpolled queue, so
// nothing else competes for the CPU and none of these jobs ever runs.
const stack = await startStack(say, ['temporal'], { ATELIER_TASK_QUEUE_SUFFIX: '-bench-idle' });
try {
  stack.cluster.start('gateway');
  await stack.cluster.waitServing('gateway', 60_000);
  const gatewayUrl = stack.cluster.gatewayUrl;
  await section('submit', () =>
    submitLatency({ gatewayUrl, client: stack.client, dataDir: stack.dataDir, suffix: '-bench-idle' }, 250),
  );
  await section('statusQueued', async () => {
    // A queue of 20 waiting jobs of its own, so the queue place is computed over 20, not over the 1,000+ above.
    await stack.gatewayOnQueueSuffix('-bench-status');
    const body = await trainingBody();
    const ids = [];
    for (let i = 0; i < CONCURRENCY; i++)
      ids.push((await postTraining(gatewayUrl, body, `bench-status-${started}-${i}`)).id);
    return statusLatency(gatewayUrl, ids, 400);
  });
  await stack.gatewayOnQueueSuffix('');
  for (const c of ['orchestration', 'training'] as const) stack.cluster.start(c);
  await Promise.all(
    (['orchestration', 'training'] as const).map((c) => stack.cluster.waitServing(c, 90_000)),
  );
  await section('overhead', () => orchestrationOverhead(gatewayUrl, stack.client, 15));
  const finished = (details.overhead as { jobIds?: string[] } | undefined)?.jobIds ?? [];
  if (finished.length) await section('statusSucceeded', () => statusLatency(gatewayUrl, finished, 400));
  await section('statusSucceeded65', async () => {
    // A finished lutSize 65 job: its style.cube is ~8 MB, which GET re-hashes (storage.listArtifacts).
    const body = JSON.stringify({
      ...JSON.parse(await trainingBody()),
      params: { lutSize: 65, iterations: 1 },
    });
    const { id } = await postTraining(gatewayUrl, body, `bench-status65-${started}`);
    await stack.client.workflow.getHandle(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: id })).result();
    return statusLatency(gatewayUrl, [id], 200);
  });
  await section('recovery', () => recoveryAfterKill(stack));
  await section('takeovers', () => takeoversUnderLoad(stack));
  await section('rss', () => rssWithQueuedJobs(stack, 200));
  await section('sustained', () => sustainedThroughput(gatewayUrl, stack.client));
  await section('peers', () => peersBench(stack, say));
} finally {
  say('stopping the stack');
  await stack.stop();
}

const machine = await machineFacts(stack.temporalCliVersion);
const peers = details.peers as PeersResult | undefined;
const recovery = details.recovery as RecoveryResult | undefined;
const allRows = [...rowsOf(details), ...peerRows(peers, recovery)];
const rows = only ? allRows.filter((r) => r.value !== null) : allRows;
const results = {
  generatedAt: new Date(started).toISOString(),
  durationS: (Date.now() - started) / 1000,
  command: 'npm run bench',
  machine,
  loadAverage: { start: loadStart, end: loadAverage() },
  config: {
    concurrency: CONCURRENCY,
    layout:
      'Temporal CLI dev server (SQLite file) + gateway + orchestration worker + training worker, one process each, loopback',
    atelierConfig:
      'defaults: TRAINING_SLOTS=1, HEARTBEAT_TIMEOUT_MS=2500, CHECKPOINT_EVERY_MS=1000, prebuilt workflow bundle',
  },
  metrics: Object.fromEntries(rows.map((r) => [r.name, r.value])),
  rows,
  details: { ...details, errors },
  appendix: peers ? [peerTable(peers, recovery)] : [],
};
await writeResults(results, path.resolve(only ? 'test-output/bench' : 'bench/results'));
process.stdout.write(markdown(results));
const missing = rows.filter((r) => r.value === null).map((r) => r.name);
if (missing.length)
  process.stderr.write(`bench: no figure for ${missing.join(', ')}; see details.errors in latest.json\n`);
const failedParts = [...Object.keys(errors), ...Object.keys(peers?.errors ?? {}).map((p) => `peers.${p}`)];
if (failedParts.length) process.stderr.write(`bench: ${failedParts.join(', ')} failed; see latest.json\n`);
process.exit(missing.length || failedParts.length ? 1 : 0);
