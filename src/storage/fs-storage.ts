/**
 * `Storage` on a local (or shared, e.g. NFS/volume) directory:
 *   blobs/ab/ab12…        content-addressed by sha256, immutable
 *   jobs/<jobId>/checkpoints/…   see fs-checkpoints.ts
 *   jobs/<jobId>/artifacts/<name>
 * Every write is atomic (atomic-file.ts) and every caller-supplied id goes through
 * keys.ts before it touches a path.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { probeWritable, writeFileAtomic } from './atomic-file.ts';
import { createFsCheckpoints } from './fs-checkpoints.ts';
import { isMissing, nullIfMissing } from './fs-errors.ts';
import { isValidKey, resolveInside, validateKey } from './keys.ts';
import { createFileHashCache } from './file-hash-cache.ts';
import { sha256Hex } from './sha256.ts';
import { StorageNotFoundError, type ArtifactInfo, type Storage } from './types.ts';

export function createFsStorage(dataDir: string): Storage {
  const root = path.resolve(dataDir);
  const blobPath = (sha256: string) => {
    validateKey('sha256', sha256);
    return resolveInside(root, 'blobs', sha256.slice(0, 2), sha256);
  };
  const artifactDir = (jobId: string) =>
    resolveInside(root, 'jobs', validateKey('jobId', jobId), 'artifacts');
  const artifactPath = (jobId: string, name: string) =>
    resolveInside(artifactDir(jobId), validateKey('artifactName', name));

  const tombstonePath = (job: { tenantId: string; jobId: string }) =>
    resolveInside(root, 'tombstones', validateKey('jobId', job.tenantId), validateKey('jobId', job.jobId));

  const hashOf = createFileHashCache();
  async function existingInfo(file: string, name: string): Promise<ArtifactInfo | null> {
    const found = await hashOf(file).catch(nullIfMissing);
    return found && { name, ...found };
  }

  return {
    async putBlob(data, contentType) {
      const sha256 = sha256Hex(data);
      const file = blobPath(sha256);
      // Same address means same bytes, so an existing complete file is the answer (no-op).
      // A size mismatch can only be damage from outside; rewriting repairs it.
      const existing = await stat(file).catch(nullIfMissing);
      if (existing?.size !== data.byteLength) await writeFileAtomic(file, data);
      return { sha256, bytes: data.byteLength, contentType };
    },

    async getBlob(sha256) {
      const data = await readFile(blobPath(sha256)).catch(nullIfMissing);
      if (data === null) throw new StorageNotFoundError(`blob ${sha256} not found`);
      return data;
    },

    async hasBlob(sha256) {
      return (await stat(blobPath(sha256)).catch(nullIfMissing)) !== null;
    },

    ...createFsCheckpoints(root),

    async writeArtifact(jobId, name, data) {
      const file = artifactPath(jobId, name);
      const info: ArtifactInfo = { name, bytes: data.byteLength, sha256: sha256Hex(data) };
      // A retried publish with the same bytes leaves the file (and its mtime) untouched.
      const existing = await existingInfo(file, name);
      if (existing?.sha256 !== info.sha256) await writeFileAtomic(file, data);
      return info;
    },

    async readArtifact(jobId, name) {
      const data = await readFile(artifactPath(jobId, name)).catch(nullIfMissing);
      if (data === null) throw new StorageNotFoundError(`artifact ${name} of job ${jobId} not found`);
      return data;
    },

    artifactPath,

    async listArtifacts(jobId) {
      const dir = artifactDir(jobId);
      const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) =>
        isMissing(err) ? [] : Promise.reject(err),
      );
      const infos: ArtifactInfo[] = [];
      // Only regular files with valid names: this skips in-flight temp files (dot-prefixed).
      for (const entry of entries) {
        if (!entry.isFile() || !isValidKey('artifactName', entry.name)) continue;
        const info = await existingInfo(resolveInside(dir, entry.name), entry.name);
        if (info) infos.push(info);
      }
      return infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    async deleteArtifact(jobId, name) {
      // No directory fsync: a deletion that a crash undoes is simply repeated by the caller.
      await rm(artifactPath(jobId, name), { force: true });
    },

    async deleteJobData(jobId) {
      await rm(resolveInside(root, 'jobs', validateKey('jobId', jobId)), { recursive: true, force: true });
    },

    async writeTombstone(job, runId) {
      await writeFileAtomic(tombstonePath(job), Buffer.from(runId));
    },

    async readTombstone(job) {
      const text = await readFile(tombstonePath(job), 'utf8').catch(nullIfMissing);
      return text;
    },

    async checkWritable() {
      await probeWritable(root);
    },
  };
}
