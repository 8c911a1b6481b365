import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFsStorage } from '../../src/storage/fs-storage.ts';
import { StorageNotFoundError } from '../../src/storage/types.ts';
import { createTempDataDir, useTempStorage } from '../helpers/temp-data-dir.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const noTempFiles = (files: string[]) => files.filter((f) => path.basename(f).startsWith('.'));

const { tmp, storage } = useTempStorage();

describe('blobs', () => {
  it('round-trips bytes under their sha256, fanned out by prefix', async () => {
    const data = randomBytes(10_000);
    const ref = await storage.putBlob(data, 'image/png');
    expect(ref).toEqual({ sha256: sha(data), bytes: 10_000, contentType: 'image/png' });
    expect(await storage.hasBlob(ref.sha256)).toBe(true);
    expect((await storage.getBlob(ref.sha256)).equals(data)).toBe(true);
    expect(await tmp.list(tmp.dataDir)).toEqual([
      'blobs',
      `blobs/${ref.sha256.slice(0, 2)}`,
      `blobs/${ref.sha256.slice(0, 2)}/${ref.sha256}`,
    ]);
  });

  it('storing the same bytes again is a no-op', async () => {
    const data = Buffer.from('same bytes');
    const first = await storage.putBlob(data, 'text/plain');
    const file = path.join(tmp.dataDir, 'blobs', first.sha256.slice(0, 2), first.sha256);
    const before = await stat(file);
    await new Promise((r) => setTimeout(r, 20));
    expect(await storage.putBlob(data, 'text/plain')).toEqual(first);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('a missing blob is StorageNotFoundError, hasBlob false', async () => {
    const absent = 'f'.repeat(64);
    expect(await storage.hasBlob(absent)).toBe(false);
    await expect(storage.getBlob(absent)).rejects.toThrow(StorageNotFoundError);
  });

  it('concurrent puts of the same blob leave one complete file and no temp files', async () => {
    const data = randomBytes(2 * 1024 * 1024);
    const refs = await Promise.all(Array.from({ length: 16 }, () => storage.putBlob(data, 'x/y')));
    expect(new Set(refs.map((r) => r.sha256)).size).toBe(1);
    expect(sha(await storage.getBlob(refs[0].sha256))).toBe(sha(data));
    expect(noTempFiles(await tmp.list(tmp.dataDir))).toEqual([]);
  });

  it('an empty blob is a valid blob', async () => {
    const ref = await storage.putBlob(new Uint8Array(0), 'application/octet-stream');
    expect((await storage.getBlob(ref.sha256)).length).toBe(0);
  });
});

describe('artifacts', () => {
  it('round-trips, lists name/bytes/sha256 sorted, and confines artifactPath to the data dir', async () => {
    await storage.writeArtifact('job-1', 'style.cube', Buffer.from('LUT'));
    const info = await storage.writeArtifact('job-1', 'manifest.json', Buffer.from('{}'));
    expect(info).toEqual({ name: 'manifest.json', bytes: 2, sha256: sha(Buffer.from('{}')) });
    expect((await storage.readArtifact('job-1', 'style.cube')).toString()).toBe('LUT');
    expect((await storage.listArtifacts('job-1')).map((a) => a.name)).toEqual([
      'manifest.json',
      'style.cube',
    ]);
    expect(await storage.listArtifacts('job-1')).toContainEqual(info);
    const file = storage.artifactPath('job-1', 'style.cube');
    expect(file).toBe(path.join(tmp.dataDir, 'jobs', 'job-1', 'artifacts', 'style.cube'));
    expect(await readFile(file, 'utf8')).toBe('LUT');
  });

  it('a retry with the same bytes is idempotent and leaves the file untouched', async () => {
    const first = await storage.writeArtifact('job-1', 'style.cube', Buffer.from('LUT'));
    const before = await stat(storage.artifactPath('job-1', 'style.cube'));
    await new Promise((r) => setTimeout(r, 20));
    expect(await storage.writeArtifact('job-1', 'style.cube', Buffer.from('LUT'))).toEqual(first);
    expect((await stat(storage.artifactPath('job-1', 'style.cube'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('new bytes replace the file atomically', async () => {
    await storage.writeArtifact('job-1', 'preview.png', Buffer.from('old'));
    await storage.writeArtifact('job-1', 'preview.png', Buffer.from('newer'));
    expect((await storage.readArtifact('job-1', 'preview.png')).toString()).toBe('newer');
  });

  it('concurrent writers of one name never produce a mixed or partial file', async () => {
    const versions = Array.from({ length: 12 }, (_, i) => Buffer.alloc(512 * 1024, i));
    await Promise.all([...versions, ...versions].map((v) => storage.writeArtifact('job-1', 'style.cube', v)));
    const final = await storage.readArtifact('job-1', 'style.cube');
    expect(versions.some((v) => v.equals(final))).toBe(true);
    expect(noTempFiles(await tmp.list(tmp.dataDir))).toEqual([]);
  });

  it('missing artifacts: StorageNotFoundError on read, empty list for an unknown job', async () => {
    await expect(storage.readArtifact('job-1', 'style.cube')).rejects.toThrow(StorageNotFoundError);
    expect(await storage.listArtifacts('nobody')).toEqual([]);
  });

  it('deleteArtifact removes one artifact and is idempotent', async () => {
    await storage.writeArtifact('job-1', 'style.cube', Buffer.from('LUT'));
    await storage.writeArtifact('job-1', 'preview.png', Buffer.from('png'));
    await storage.deleteArtifact('job-1', 'style.cube');
    await storage.deleteArtifact('job-1', 'style.cube');
    await storage.deleteArtifact('never-existed', 'style.cube');
    expect((await storage.listArtifacts('job-1')).map((a) => a.name)).toEqual(['preview.png']);
  });

  it('listing skips temp files and foreign names left in the directory', async () => {
    await storage.writeArtifact('job-1', 'style.cube', Buffer.from('LUT'));
    const dir = path.dirname(storage.artifactPath('job-1', 'style.cube'));
    await writeFile(path.join(dir, '.tmp-123-abc'), 'half-written');
    expect((await storage.listArtifacts('job-1')).map((a) => a.name)).toEqual(['style.cube']);
  });
});

describe('job data and health', () => {
  it('deleteJobData removes checkpoints and artifacts but keeps shared blobs', async () => {
    const ref = await storage.putBlob(Buffer.from('image'), 'image/png');
    await storage.writeCheckpoint('job-1', 1, 0.1, Buffer.from('c'));
    await storage.writeArtifact('job-1', 'style.cube', Buffer.from('LUT'));
    await storage.writeArtifact('job-2', 'style.cube', Buffer.from('other'));
    await storage.deleteJobData('job-1');
    await storage.deleteJobData('job-1'); // idempotent
    expect(await storage.listArtifacts('job-1')).toEqual([]);
    expect(await storage.readLatestCheckpoint('job-1')).toBeNull();
    expect(await storage.hasBlob(ref.sha256)).toBe(true);
    expect((await storage.readArtifact('job-2', 'style.cube')).toString()).toBe('other');
  });

  it('checkWritable creates the data dir, leaves no probe behind, and fails when it cannot write', async () => {
    await storage.checkWritable();
    expect(await tmp.list(tmp.dataDir)).toEqual([]);
    const blocked = path.join(tmp.sandbox, 'a-file');
    await writeFile(blocked, 'not a directory');
    await expect(createFsStorage(blocked).checkWritable()).rejects.toThrow();
  });
});

describe('artifact hashes are cached by file identity', () => {
  it('a replaced artifact is re-hashed; an unchanged one is served from the cache', async () => {
    const dir = await createTempDataDir();
    try {
      const storage = createFsStorage(dir.dataDir);
      await storage.writeArtifact('job-1', 'a.txt', Buffer.from('one'));
      const first = await storage.listArtifacts('job-1');
      expect(await storage.listArtifacts('job-1')).toEqual(first);
      await storage.writeArtifact('job-1', 'a.txt', Buffer.from('two, longer'));
      const [second] = await storage.listArtifacts('job-1');
      expect(second).toEqual({ name: 'a.txt', bytes: 11, sha256: sha(Buffer.from('two, longer')) });
    } finally {
      await dir.remove();
    }
  });
});
