/**
 * The load and the kills, side by side: clients submit and poll while the monkey
 * kills members. Then the drain: clients keep polling until their jobs finish (or the
 * poll deadline), and we wait for Temporal to close every acknowledged workflow.
 */
import { type Client } from '@temporalio/client';
import { type Cluster } from '../harness/cluster.ts';
import { dataDirOf } from '../harness/components.ts';
import { createFsStorage } from '../../src/storage/fs-storage.ts';
import { type Storage } from '../../src/storage/types.ts';
import { type RetryStats } from './http-retry.ts';
import { type JobSpec } from './job-specs.ts';
import { type PlannedKill } from './kill-schedule.ts';
import { runClient, type ClientRecord, type LoadContext } from './load.ts';
import { fillResumes, runKills, type KillRecord } from './monkey.ts';
import { trackProgress } from './progress.ts';

export interface LoadPhaseInput {
  client: Client;
  cluster: Cluster;
  specs: JobSpec[];
  killPlan: PlannedKill[];
  loadWindowMs: number;
  submitBudgetMs: number;
  pollDeadline: number;
  /** The cluster's storage, to watch checkpoints (default: the fs data dir of the layout). */
  storage?: Storage;
  say(msg: string): void;
}

export interface LoadOutcome {
  records: ClientRecord[];
  kills: KillRecord[];
  stats: RetryStats;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoadAndKills(input: LoadPhaseInput): Promise<LoadOutcome> {
  const { cluster } = input;
  const acked = new Set<string>();
  let clientsRunning = input.specs.length;
  const progress = trackProgress({
    client: input.client,
    storage: input.storage ?? createFsStorage(dataDirOf(cluster.layout)),
    jobIds: () => acked,
  });
  const open = () =>
    [...acked].filter((id) => (progress.workflows.get(`training-${id}`)?.status ?? 'RUNNING') === 'RUNNING')
      .length;
  const loadStartedAt = Date.now();
  const stats: RetryStats = { attempts: 0, failures: {} };
  const submitsInFlight = { n: 0 };
  const ctx: LoadContext = {
    submitsInFlight,
    gatewayUrl: cluster.gatewayUrl,
    loadStartedAt,
    submitBudgetMs: input.submitBudgetMs,
    pollDeadline: input.pollDeadline,
    stats,
    onAnswer: (a) => {
      if (a.status < 300) progress.record({ kind: 'gateway', at: a.at });
    },
    onAck: (r) => acked.add(r.jobId!),
  };
  try {
    input.say(
      `load: ${input.specs.length} jobs over ${input.loadWindowMs / 1000} s, ${input.killPlan.length} kills planned`,
    );
    const clients = input.specs.map((spec) => runClient(spec, ctx).finally(() => (clientsRunning -= 1)));
    const kills = runKills(input.killPlan, {
      cluster,
      progress,
      loadStartedAt,
      killUntil: loadStartedAt + input.loadWindowMs + 10_000,
      idle: () => clientsRunning === 0,
      openJobs: open,
      submitsInFlight: () => submitsInFlight.n,
      say: input.say,
      servingTimeoutMs: 90_000,
      progressTimeoutMs: 60_000,
    });
    const [records, killRecords] = await Promise.all([Promise.all(clients), kills]);
    input.say(`load done: ${acked.size} acknowledged; waiting for Temporal to close them`);
    // A job shows `succeeded` a moment before its execution closes (final notification, handlers).
    const closeDeadline = Math.min(Date.now() + 30_000, input.pollDeadline + 20_000);
    while (open() > 0 && Date.now() < closeDeadline) await sleep(250);
    fillResumes(killRecords, progress);
    return { records, kills: killRecords, stats };
  } finally {
    await progress.stop();
  }
}
