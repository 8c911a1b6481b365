/**
 * One chaos run, start to verdict: plan the seeded job mix and kill schedule, compute
 * the deterministic references, start the cluster, run the load and the kills side by
 * side, let the load drain, check the invariants, stop everything, look for orphans,
 * and report. Every wait is bounded, so the run ends by itself within `maxDurationMs`.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { type Violation } from './check-jobs.ts';
import { createCluster } from '../harness/cluster.ts';
import { type Component, COMPONENTS, MULTI_HOST_COMPONENTS } from '../harness/components.ts';
import {
  type ChaosStorage,
  type ChaosStorageKind,
  type S3Target,
  setUpChaosStorage,
} from './chaos-storage.ts';
import { planJobs } from './job-specs.ts';
import { planKills } from './kill-schedule.ts';
import { runLoadAndKills, type LoadOutcome } from './load-phase.ts';
import { findOrphans } from '../harness/orphans.ts';
import { prepareRun } from '../harness/prepare-run.ts';
import { createRng } from './prng.ts';
import { referenceCubeSha256 } from '../harness/reference-trainer.ts';
import { type ChaosReport, machineFacts, recoveryByComponent, writeReport } from './report.ts';
import { trainingStats, type TrainingStats } from './training-stats.ts';
import { verify, type Verdict } from './verify.ts';

export interface ChaosOptions {
  seed: number;
  jobs: number;
  loadWindowMs: number;
  kills: number;
  /** Fewer kills than this (the load window ran out) is a failed run. */
  minKills: number;
  killGapMs: [number, number];
  downMs: [number, number];
  components?: Component[];
  cancelShare: number;
  submitBudgetMs: number;
  maxDurationMs: number;
  reportFile: string;
  keepRunDir: boolean;
  /** The Temporal CLI to use (default: provisioned as `npm start` does). */
  cliPath?: string;
  /** Default `fs`. `multi-host` adds a second training worker and gives every member a private data dir. */
  storage?: ChaosStorageKind;
  /** The S3 server for `s3`/`multi-host` (default: a private SeaweedFS for this run). */
  s3?: S3Target;
  say(msg: string): void;
}

/** Short heartbeat timeout and frequent checkpoints: a lost training attempt shows in 5 s and costs ≤ 250 ms of work. */
export const CLUSTER_ENV = { HEARTBEAT_TIMEOUT_MS: '5000', CHECKPOINT_EVERY_MS: '250', TRAINING_SLOTS: '1' };
/** Kept free at the end for the checks, the stop and the orphan hunt. */
const RESERVE_MS = 75_000;

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const startedAt = Date.now();
  const loadAvgStart = os.loadavg();
  const rng = createRng(o.seed);
  const plan = await planJobs(rng, {
    runSeed: o.seed,
    jobs: o.jobs,
    loadWindowMs: o.loadWindowMs,
    cancelShare: o.cancelShare,
  });
  const storageKind = o.storage ?? 'fs';
  const members = storageKind === 'multi-host' ? MULTI_HOST_COMPONENTS : COMPONENTS;
  const killPlan = planKills(rng, {
    count: o.kills,
    gapMs: o.killGapMs,
    downMs: o.downMs,
    components: o.components ?? members,
  });
  o.say(`computing ${plan.references.size} clean-run references in-process`);
  const referenceSha256 = new Map<string, string>();
  for (const [id, input] of plan.references) referenceSha256.set(id, await referenceCubeSha256(input));

  const prepared = await prepareRun({ ...CLUSTER_ENV }, o.say, o.cliPath, 'atelier-chaos-');
  const cluster = createCluster(prepared.layout, o.say);
  const violations: Violation[] = [];
  let storage: ChaosStorage | undefined;
  let outcome: LoadOutcome | undefined;
  let verdict: Verdict | undefined;
  let training: TrainingStats | null = null;
  let connection: Connection | undefined;
  try {
    storage = await setUpChaosStorage(storageKind, prepared.layout, o.s3, o.say);
    o.say(`starting the cluster (${storageKind} storage) in ${prepared.runDir}`);
    await cluster.startAll(120_000, members);
    connection = await Connection.connect({ address: cluster.address });
    const client = new Client({ connection });
    outcome = await runLoadAndKills({
      ...o,
      client,
      cluster,
      specs: plan.specs,
      killPlan,
      storage: storage.storage,
      pollDeadline: startedAt + o.maxDurationMs - RESERVE_MS,
    });
    o.say('checking invariants');
    verdict = await verify({
      client,
      dataDir: storage.sharedDataDir,
      storage: storage.storage,
      privateDirs: storage.privateDirs,
      gatewayUrl: cluster.gatewayUrl,
      specs: plan.specs,
      records: outcome.records,
      referenceSha256,
    });
    violations.push(...verdict.violations);
    training = await trainingStats(client, [...verdict.succeeded, ...verdict.cancelled]);
  } catch (err) {
    violations.push({ invariant: 'run-completes', detail: (err as Error).stack ?? String(err) });
  } finally {
    await connection?.close();
    o.say('stopping the cluster');
    await cluster.stop();
    await storage?.stop();
  }
  violations.push(
    ...(await findOrphans({
      pids: cluster.started,
      ports: [prepared.layout.temporalPort, prepared.layout.gatewayPort],
      runDir: prepared.runDir,
    })),
  );
  const kills = outcome?.kills ?? [];
  for (const k of kills) {
    // Why a training that looked interrupted never continued.
    const job = k.interruptedJob;
    if (job?.resumedAfterMs !== null || !job) continue;
    if (verdict?.cancelled.includes(job.jobId))
      k.note = 'the interrupted job was cancelled before it could resume';
    else if (training && !training.jobsWithTrainingRetries.includes(job.jobId)) {
      k.note = 'its training had just finished (final checkpoint) when the worker died; no attempt was lost';
    }
  }
  for (const k of kills) {
    if (k.servingAfterMs === null)
      violations.push({ invariant: 'member-serves-again', detail: `kill #${k.n} ${k.component}: ${k.note}` });
    else if (k.firstProgressAfterMs === null && !k.note?.startsWith('idle'))
      violations.push({
        invariant: 'progress-after-recovery',
        detail: `kill #${k.n} ${k.component}: ${k.note}`,
      });
  }
  if (kills.length < o.minKills)
    violations.push({
      invariant: 'kills-executed',
      detail: `only ${kills.length} of at least ${o.minKills} kills happened`,
    });
  for (const e of cluster.unexpectedExits)
    violations.push({
      invariant: 'members-die-only-when-killed',
      detail: `${e.component} pid ${e.pid} exited with code ${e.code}: ${e.tail.slice(-400)}`,
    });

  const records = outcome?.records ?? [];
  const ok = violations.length === 0;
  const report: ChaosReport = {
    ok,
    seed: o.seed,
    startedAt: new Date(startedAt).toISOString(),
    durationS: (Date.now() - startedAt) / 1000,
    machine: machineFacts(prepared.temporalCliVersion, loadAvgStart),
    config: {
      storage: storageKind,
      jobs: o.jobs,
      loadWindowMs: o.loadWindowMs,
      plannedKills: killPlan,
      cancelShare: o.cancelShare,
      clusterEnv: CLUSTER_ENV,
      maxDurationMs: o.maxDurationMs,
    },
    jobs: {
      planned: plan.specs.length,
      acknowledged: records.filter((r) => r.jobId).length,
      acknowledgedOnReplay: records.filter((r) => r.ackWasReplay).length,
      repeatedSubmissions: records.filter((r) => r.resend).length,
      cancelRequested: records.filter((r) => r.cancel).length,
      pausedAndResumed: records.filter((r) => r.pause?.pauseStatus === 202).length,
      succeeded: verdict?.succeeded.length ?? 0,
      cancelled: verdict?.cancelled.length ?? 0,
      deterministic: plan.specs.filter((s) => s.referenceId).length,
      referencesMatched: verdict?.artifacts.referencesMatched ?? 0,
      artifactFilesVerified: verdict?.artifacts.filesVerified ?? 0,
    },
    client: { requests: outcome?.stats.attempts ?? 0, failedAttempts: outcome?.stats.failures ?? {} },
    kills,
    recovery: recoveryByComponent(kills),
    unexpectedExits: cluster.unexpectedExits,
    startFailures: cluster.startFailures,
    training,
    strayTempFiles: verdict?.strayTempFiles ?? 0,
    violations,
    runDir: ok && !o.keepRunDir ? null : prepared.runDir,
  };
  await writeReport(report, o.reportFile);
  if (report.runDir === null) await rm(prepared.runDir, { recursive: true, force: true });
  return report;
}
