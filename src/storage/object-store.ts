/**
 * What a backend must provide: a flat key → bytes store with the few guarantees the
 * storage semantics are built on (storage.ts). Writes are atomic (a reader sees the
 * old object or the new one, never part of one); `putIfAbsent` and the versioned
 * record are the two compare-and-swap primitives. Backends translate every failure
 * into a `StorageError`; "absent" is an answer (null/false), not an error.
 */
import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  bytes: number;
  modifiedMs: number;
}

export interface PutOptions {
  contentType?: string;
  /** Lowercase hex. S3 verifies the bytes against it on the server and keeps it; fs hashes on demand. */
  sha256?: string;
}

export interface VersionedRecord {
  data: Buffer;
  /** Opaque; hand it back to `swapVersioned`. */
  version: string;
}

export interface ObjectStore {
  readonly kind: 'fs' | 's3';
  get(key: string): Promise<Buffer | null>;
  /** Size, time and (when known) sha256 of an object, or null. */
  head(key: string, options?: { sha256?: boolean }): Promise<(StoredObject & { sha256?: string }) | null>;
  open(key: string): Promise<{ body: Readable; bytes: number } | null>;
  put(key: string, data: Uint8Array, options?: PutOptions): Promise<void>;
  /** Writes only when the key does not exist; false (nothing written) when it does. */
  putIfAbsent(key: string, data: Uint8Array, options?: PutOptions): Promise<boolean>;
  /** Marks an existing object as just used (its modification time becomes now). */
  touch(key: string, data: Uint8Array, options?: PutOptions): Promise<void>;
  /** A small record that changes only by compare-and-swap. */
  readVersioned(key: string): Promise<VersionedRecord | null>;
  /** Replaces the record if it is still at `expected` (null: still absent); false when another writer came first. */
  swapVersioned(key: string, expected: string | null, data: Uint8Array): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Removes every key starting with `prefix` (which ends with `/`). */
  deletePrefix(prefix: string): Promise<void>;
  /** Every key under `prefix`, recursively, in no particular order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** Writes and removes a probe object. */
  probe(signal: AbortSignal): Promise<void>;
  /** Removes what interrupted writes left behind (fs temp files, s3 multipart uploads) older than the cutoff. */
  collectTemporaries(olderThanMs: number): Promise<number>;
  presign?(key: string, ttlSeconds: number, fileName: string): Promise<string>;
}
