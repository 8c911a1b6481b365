/**
 * The invariant checker, run once the load has drained and before the cluster stops
 * (downloads go through the live gateway). Orphans are checked separately, after the
 * stop, by orphans.ts.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type Client } from '@temporalio/client';
import { createFsStorage } from '../../src/storage/fs-storage.ts';
import { type Storage } from '../../src/storage/types.ts';
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
  /** The fs data dir (temp files are counted there); null when storage is S3. */
  dataDir: string | null;
  /** Default: the fs backend on `dataDir`. */
  storage?: Storage;
  /** Multi-host: each member's private data dir, where no job data may appear. */
  privateDirs?: string[];
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

/** Files left by atomic writes that a kill cut short (dot-prefixed; listings skip them; garbage collection takes them). */
async function countTempFiles(dataDir: string | null): Promise<number> {
  if (dataDir === null) return 0; // S3: a PUT is atomic, so a write cut short leaves no object
  const files = await readdir(path.join(dataDir, 'tenants'), { recursive: true }).catch(() => []);
  return files.filter((f) => path.basename(String(f)).startsWith('.tmp-')).length;
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
    storage: input.storage ?? createFsStorage(input.dataDir!),
    gatewayUrl: input.gatewayUrl,
    succeeded: succeeded.map((r) => {
      const ref = specOf.get(r.index)?.referenceId;
      return { jobId: r.jobId!, referenceSha256: ref ? input.referenceSha256.get(ref) : undefined };
    }),
    cancelled,
  });
  violations.push(...artifactViolations);
  for (const dir of input.privateDirs ?? []) {
    // S3 is the only thing members share: job data in a member's own dir would be invisible to the others.
    const files = (await readdir(dir, { recursive: true }).catch(() => [])).map(String);
    const jobData = files.filter((f) => f.startsWith('tenants'));
    if (jobData.length)
      violations.push({
        invariant: 'private-dirs-hold-no-job-data',
        detail: `${dir}: ${jobData.slice(0, 5).join(', ')}${jobData.length > 5 ? ', …' : ''}`,
      });
  }
  return {
    violations,
    succeeded: succeeded.map((r) => r.jobId!),
    cancelled,
    artifacts: stats,
    strayTempFiles: await countTempFiles(input.dataDir),
  };
}
