/**
 * The chaos run on the cluster, between start and stop: one training worker, the
 * chaos suite's load and kills (through chaos-adapter.ts), its invariant checker,
 * and recovery times per kill target.
 */
import { Client, Connection } from '@temporalio/client';
import { type Violation } from '../check-jobs.ts';
import { dataDirOf } from '../../harness/components.ts';
import { type JobSpec } from '../job-specs.ts';
import { type PlannedKill } from '../kill-schedule.ts';
import { runLoadAndKills } from '../load-phase.ts';
import { type KillRecord } from '../monkey.ts';
import { stat, type Stat } from '../report.ts';
import { verify } from '../verify.ts';
import { chaosTargets } from './chaos-adapter.ts';
import { type ClusterSession } from '../../harness/cluster-tier/cluster-session.ts';
import { type TemporalService } from '../../harness/cluster-tier/temporal-config.ts';

export type ClusterKill = KillRecord & { target: string };

export interface ClusterChaosOutcome {
  kills: ClusterKill[];
  recovery: Record<
    string,
    { kills: number; servingMs: Stat; firstProgressMs: Stat; interruptedJobResumedMs: Stat }
  >;
  jobs: Record<string, number>;
  client: { requests: number; failedAttempts: Record<string, number> };
  violations: Violation[];
}

export async function runClusterChaos(
  s: ClusterSession,
  o: {
    specs: JobSpec[];
    killPlan: PlannedKill[];
    temporalOrder: TemporalService[];
    referenceSha256: Map<string, string>;
    loadWindowMs: number;
    submitBudgetMs: number;
    pollDeadline: number;
    say(m: string): void;
  },
): Promise<ClusterChaosOutcome> {
  await s.atelier.scaleTraining(1);
  const connection = await Connection.connect({ address: s.temporal.address });
  try {
    const client = new Client({ connection });
    const { cluster, temporalHits } = chaosTargets(s, o.temporalOrder);
    const outcome = await runLoadAndKills({ ...o, client, cluster });
    o.say('checking invariants');
    const verdict = await verify({
      client,
      dataDir: dataDirOf(cluster.layout),
      gatewayUrl: cluster.gatewayUrl,
      specs: o.specs,
      records: outcome.records,
      referenceSha256: o.referenceSha256,
    });
    let hit = 0;
    const kills: ClusterKill[] = outcome.kills.map((k) => ({
      ...k,
      target: k.component === 'temporal' ? `temporal ${temporalHits[hit++]}` : k.component,
    }));
    const violations = [...verdict.violations];
    for (const k of kills) {
      if (k.servingAfterMs === null)
        violations.push({ invariant: 'member-serves-again', detail: `kill #${k.n} ${k.target}: ${k.note}` });
      else if (k.firstProgressAfterMs === null && !k.note?.startsWith('idle'))
        violations.push({
          invariant: 'progress-after-recovery',
          detail: `kill #${k.n} ${k.target}: ${k.note}`,
        });
    }
    for (const e of [
      ...s.temporal.unexpectedExits.map((x) => ({ ...x, component: `temporal ${x.service}` })),
      ...s.atelier.unexpectedExits,
    ])
      violations.push({
        invariant: 'members-die-only-when-killed',
        detail: `${e.component} pid ${e.pid} exited with code ${e.code}: ${e.tail.slice(-400)}`,
      });
    const recovery: ClusterChaosOutcome['recovery'] = {};
    for (const target of new Set(kills.map((k) => k.target))) {
      const ks = kills.filter((k) => k.target === target);
      recovery[target] = {
        kills: ks.length,
        servingMs: stat(ks.map((k) => k.servingAfterMs)),
        firstProgressMs: stat(ks.map((k) => k.firstProgressAfterMs)),
        interruptedJobResumedMs: stat(ks.map((k) => k.interruptedJob?.resumedAfterMs)),
      };
    }
    const records = outcome.records;
    return {
      kills,
      recovery,
      jobs: {
        planned: o.specs.length,
        acknowledged: records.filter((r) => r.jobId).length,
        acknowledgedOnReplay: records.filter((r) => r.ackWasReplay).length,
        repeatedSubmissions: records.filter((r) => r.resend).length,
        cancelRequested: records.filter((r) => r.cancel).length,
        succeeded: verdict.succeeded.length,
        cancelled: verdict.cancelled.length,
        deterministic: o.specs.filter((x) => x.referenceId).length,
        referencesMatched: verdict.artifacts.referencesMatched,
        artifactFilesVerified: verdict.artifacts.filesVerified,
      },
      client: { requests: outcome.stats.attempts, failedAttempts: outcome.stats.failures },
      violations,
    };
  } finally {
    await connection.close();
  }
}
