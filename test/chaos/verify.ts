/**
 * The invariant checker, run once the load has drained and before the cluster stops
 * (downloads go through the live gateway). Orphans are checked separately, after the
 * stop, by orphans.ts.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type Client } from '@temporalio/client';
import { LOCAL_TENANT } from '../../src/auth/api-keys.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { checkArtifacts, type ArtifactStats } from './check-artifacts.ts';
import {
  checkClients,
  checkDuplicates,
  checkTerminal,
  listTrainingWorkflows,
  type Violation,
} from './check-jobs.ts';
import { type JobSpec } from './job-specs.ts';
import { type ClientRecord } from './load.ts';

export interface VerifyInput {
  client: Client;
  dataDir: string;
  gatewayUrl: string;
  specs: JobSpec[];
  records: ClientRecord[];
  referenceSha256: Map<string, string>;
}

export interface Verdict {
  violations: Violation[];
  succeeded: string[];
  cancelled: string[];
  artifacts: ArtifactStats;
  strayTempFiles: number;
}

/** Files left by atomic writes that a kill cut short (dot-prefixed; listings skip them). */
async function countTempFiles(dataDir: string): Promise<number> {
  const jobs = await readdir(path.join(dataDir, 'jobs')).catch(() => []);
  let n = 0;
  for (const job of jobs) {
    for (const sub of ['artifacts', 'checkpoints']) {
      n += (await readdir(path.join(dataDir, 'jobs', job, sub)).catch(() => [])).filter((f) =>
        f.startsWith('.tmp-'),
      ).length;
    }
  }
  return n;
}

export async function verify(input: VerifyInput): Promise<Verdict> {
  const violations: Violation[] = [...checkClients(input.records)];
  const workflows = await listTrainingWorkflows(input.client);
  violations.push(...checkDuplicates(workflows, input.records));
  violations.push(...(await checkTerminal(input.client, input.records)));
  const statusOf = new Map(workflows.map((w) => [w.workflowId, w.status]));
  const acked = input.records.filter((r) => r.jobId);
  const succeeded = acked.filter(
    (r) => statusOf.get(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: r.jobId! })) === 'COMPLETED',
  );
  const cancelled = acked
    .filter(
      (r) => statusOf.get(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: r.jobId! })) === 'CANCELLED',
    )
    .map((r) => r.jobId!);
  const specOf = new Map(input.specs.map((s) => [s.index, s]));
  const { violations: artifactViolations, stats } = await checkArtifacts({
    dataDir: input.dataDir,
    gatewayUrl: input.gatewayUrl,
    succeeded: succeeded.map((r) => {
      const ref = specOf.get(r.index)?.referenceId;
      return { jobId: r.jobId!, referenceSha256: ref ? input.referenceSha256.get(ref) : undefined };
    }),
    cancelled,
  });
  violations.push(...artifactViolations);
  return {
    violations,
    succeeded: succeeded.map((r) => r.jobId!),
    cancelled,
    artifacts: stats,
    strayTempFiles: await countTempFiles(input.dataDir),
  };
}
