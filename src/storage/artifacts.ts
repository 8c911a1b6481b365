/**
 * Artifacts, immutable once published: the first write of a name wins by a conditional
 * create; the same bytes again are a no-op (a retried publish), other bytes are refused
 * with `ArtifactConflictError` instead of silently replacing what a client may have
 * downloaded already.
 */
import { contentTypeOf } from './content-types.ts';
import { artifactKey, artifactPrefix, isValidKey } from './keys.ts';
import type { ObjectStore } from './object-store.ts';
import { sha256Hex } from './sha256.ts';
import { ArtifactConflictError, StorageNotFoundError, StorageUnavailableError } from './storage-errors.ts';
import type { ArtifactInfo, JobRef, Storage } from './types.ts';

type ArtifactStore = Pick<
  Storage,
  'writeArtifact' | 'readArtifact' | 'openArtifact' | 'presignArtifact' | 'listArtifacts' | 'deleteArtifact'
>;

const label = (job: JobRef, name: string) => `artifact ${name} of job ${job.tenantId}/${job.jobId}`;

export function createArtifacts(store: ObjectStore): ArtifactStore {
  async function info(job: JobRef, name: string): Promise<ArtifactInfo | null> {
    const head = await store.head(artifactKey(job, name), { sha256: true });
    return head?.sha256 ? { name, bytes: head.bytes, sha256: head.sha256 } : null;
  }

  const artifacts: ArtifactStore = {
    async writeArtifact(job, name, data, contentType) {
      const key = artifactKey(job, name);
      const sha256 = sha256Hex(data);
      // Two rounds: the name may be deleted between our refused create and our look at it.
      for (let round = 0; round < 2; round++) {
        if (await store.putIfAbsent(key, data, { sha256, contentType }))
          return { name, bytes: data.byteLength, sha256 };
        const existing = await info(job, name);
        if (existing?.sha256 === sha256) return existing;
        if (existing) {
          throw new ArtifactConflictError(
            `${label(job, name)} is already published with other bytes (sha256 ${existing.sha256}, not ${sha256}); artifacts are immutable`,
          );
        }
      }
      throw new StorageUnavailableError(
        `${label(job, name)}: created and deleted concurrently`,
        'ECONTENTION',
      );
    },

    async readArtifact(job, name) {
      const data = await store.get(artifactKey(job, name));
      if (data === null) throw new StorageNotFoundError(`${label(job, name)} not found`);
      return data;
    },

    async openArtifact(job, name) {
      const found = await info(job, name);
      const opened = found && (await store.open(artifactKey(job, name)));
      if (!found || !opened) throw new StorageNotFoundError(`${label(job, name)} not found`);
      return { ...found, contentType: contentTypeOf(name), body: opened.body };
    },

    async listArtifacts(job) {
      const prefix = artifactPrefix(job);
      const names: string[] = [];
      for await (const o of store.list(prefix)) {
        const name = o.key.slice(prefix.length);
        if (isValidKey('artifactName', name)) names.push(name);
      }
      const infos = await Promise.all(names.sort().map((name) => info(job, name)));
      return infos.filter((i): i is ArtifactInfo => i !== null);
    },

    // async: an invalid key rejects like every other failure instead of throwing synchronously.
    deleteArtifact: async (job, name) => store.delete(artifactKey(job, name)),
  };
  const presign = store.presign;
  if (presign) {
    artifacts.presignArtifact = async (job, name, ttlSeconds) => {
      if (!(await info(job, name))) throw new StorageNotFoundError(`${label(job, name)} not found`);
      return presign(artifactKey(job, name), ttlSeconds, name);
    };
  }
  return artifacts;
}
