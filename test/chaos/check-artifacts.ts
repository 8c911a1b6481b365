/**
 * Invariants about what jobs left in storage: a succeeded job's files match its
 * manifest's sha256 (on disk and as downloaded through the gateway, whose ETag must
 * agree), a deterministic job's style.cube equals the clean-run reference, and a
 * cancelled job left no artifacts behind.
 */
import { createHash } from 'node:crypto';
import { type Storage } from '../../src/storage/types.ts';
import { LOCAL_TENANT } from '../../src/auth/api-keys.ts';
import { type Violation } from './check-jobs.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const REQUIRED = ['style.cube', 'preview.png'];

interface Manifest {
  files: { name: string; bytes: number; sha256: string }[];
}

export interface ArtifactCheckInput {
  storage: Storage;
  gatewayUrl: string;
  succeeded: { jobId: string; referenceSha256?: string }[];
  cancelled: string[];
}

export interface ArtifactStats {
  filesVerified: number;
  referencesMatched: number;
}

async function checkSucceeded(
  input: ArtifactCheckInput,
  job: { jobId: string; referenceSha256?: string },
  v: Violation[],
  stats: ArtifactStats,
): Promise<void> {
  const read = (name: string) =>
    input.storage.readArtifact({ tenantId: LOCAL_TENANT, jobId: job.jobId }, name).catch(() => null);
  const say = (detail: string): void =>
    void v.push({ invariant: 'artifacts-match-manifest', jobId: job.jobId, detail });
  const text = await read('manifest.json');
  if (!text) return say('manifest.json is missing');
  const manifest = JSON.parse(text.toString('utf8')) as Manifest;
  const names = manifest.files.map((f) => f.name);
  for (const name of REQUIRED) if (!names.includes(name)) say(`manifest lists no ${name}`);
  for (const f of manifest.files) {
    const bytes = await read(f.name);
    if (!bytes) say(`${f.name} is missing`);
    else if (sha256(bytes) !== f.sha256 || bytes.length !== f.bytes)
      say(`${f.name} on disk does not match its manifest entry`);
    else stats.filesVerified += 1;
  }
  const cube = manifest.files.find((f) => f.name === 'style.cube');
  if (!cube) return;
  const res = await fetch(`${input.gatewayUrl}/v1/trainings/${job.jobId}/artifacts/style.cube`, {
    signal: AbortSignal.timeout(15_000),
  });
  const downloaded = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || sha256(downloaded) !== cube.sha256)
    say(`download of style.cube answered ${res.status} with sha256 ${sha256(downloaded)}`);
  if (res.headers.get('etag') !== `"${cube.sha256}"`)
    say(`ETag ${res.headers.get('etag')} is not the manifest sha256`);
  if (job.referenceSha256 !== undefined) {
    if (cube.sha256 === job.referenceSha256) stats.referencesMatched += 1;
    else
      v.push({
        invariant: 'deterministic-lut-equals-reference',
        jobId: job.jobId,
        detail: `style.cube ${cube.sha256} != reference ${job.referenceSha256}`,
      });
  }
}

export async function checkArtifacts(
  input: ArtifactCheckInput,
): Promise<{ violations: Violation[]; stats: ArtifactStats }> {
  const violations: Violation[] = [];
  const stats: ArtifactStats = { filesVerified: 0, referencesMatched: 0 };
  for (const job of input.succeeded) await checkSucceeded(input, job, violations, stats);
  for (const jobId of input.cancelled) {
    // Temp files of a write cut short by a kill are never artifacts (counted in the report).
    const left = (await input.storage.listArtifacts({ tenantId: LOCAL_TENANT, jobId })).map((a) => a.name);
    if (left.length)
      violations.push({
        invariant: 'cancelled-job-cleaned-up',
        jobId,
        detail: `artifacts left: ${left.join(', ')}`,
      });
  }
  return { violations, stats };
}
