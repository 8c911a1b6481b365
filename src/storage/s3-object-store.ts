/**
 * The `s3` backend on any S3-compatible store (AWS S3, SeaweedFS, MinIO, …). A single
 * PUT is atomic, so no temp objects exist; compare-and-swap uses conditional writes
 * (`If-None-Match: *` to create, `If-Match: <etag>` to replace); content hashes go
 * along as `x-amz-checksum-sha256`, so the server refuses bytes that do not match and
 * keeps the hash for HEAD. Every failure is translated by s3-errors.ts.
 */
import { randomUUID } from 'node:crypto';
import { type Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStore, PutOptions } from './object-store.ts';
import { createS3Listing } from './s3-listing.ts';
import { isNotFound, isPreconditionFailed, s3Failure } from './s3-errors.ts';

export interface S3Location {
  bucket: string;
  /** Prepended to every key; empty or ending with `/`. */
  prefix: string;
}

const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

export function createS3ObjectStore(
  client: S3Client,
  at: S3Location,
  opts: { presign: boolean },
): ObjectStore {
  const { bucket } = at;
  const full = (key: string) => at.prefix + key;
  const listing = createS3Listing(client, at);

  async function call<T>(operation: string, key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw s3Failure(err, operation, full(key));
    }
  }
  const absentAsNull = (err: unknown) => {
    if (isNotFound(err)) return null;
    throw err;
  };
  const putInput = (key: string, data: Uint8Array, o: PutOptions = {}): PutObjectCommandInput => ({
    Bucket: bucket,
    Key: full(key),
    Body: data,
    ContentLength: data.byteLength,
    ContentType: o.contentType ?? 'application/octet-stream',
    ...(o.sha256 && { ChecksumSHA256: hexToBase64(o.sha256), Metadata: { sha256: o.sha256 } }),
  });
  /** A conditional PUT; false when the condition did not hold. */
  const conditionalPut = (op: string, key: string, input: PutObjectCommandInput) =>
    call(op, key, () =>
      client.send(new PutObjectCommand(input)).then(
        () => true,
        (err: unknown) => (isPreconditionFailed(err) ? false : Promise.reject(err)),
      ),
    );
  const getObject = (key: string) =>
    client.send(new GetObjectCommand({ Bucket: bucket, Key: full(key) })).catch(absentAsNull);

  const store: ObjectStore = {
    kind: 's3',
    get: (key) =>
      call('GET', key, async () => {
        const res = await getObject(key);
        return res && Buffer.from(await res.Body!.transformToByteArray());
      }),
    head: (key) =>
      call('HEAD', key, async () => {
        const res = await client
          .send(new HeadObjectCommand({ Bucket: bucket, Key: full(key), ChecksumMode: 'ENABLED' }))
          .catch(absentAsNull);
        if (!res) return null;
        const sha256 =
          res.Metadata?.sha256 ??
          (res.ChecksumSHA256 && Buffer.from(res.ChecksumSHA256, 'base64').toString('hex'));
        return {
          key,
          bytes: res.ContentLength ?? 0,
          modifiedMs: res.LastModified?.getTime() ?? 0,
          ...(sha256 && { sha256 }),
        };
      }),
    open: (key) =>
      call('GET', key, async () => {
        const res = await getObject(key);
        return res && { body: res.Body as Readable, bytes: res.ContentLength ?? 0 };
      }),
    put: (key, data, o) =>
      call('PUT', key, () => client.send(new PutObjectCommand(putInput(key, data, o)))).then(() => undefined),
    putIfAbsent: (key, data, o) =>
      conditionalPut('PUT (if absent)', key, { ...putInput(key, data, o), IfNoneMatch: '*' }),
    // Rewriting the same bytes is the portable way to renew LastModified.
    touch: (key, data, o) => store.put(key, data, o),
    readVersioned: (key) =>
      call('GET', key, async () => {
        const res = await getObject(key);
        return res && { data: Buffer.from(await res.Body!.transformToByteArray()), version: res.ETag ?? '' };
      }),
    swapVersioned: (key, expected, data) =>
      conditionalPut('PUT (compare-and-swap)', key, {
        ...putInput(key, data, { contentType: 'application/json' }),
        ...(expected === null ? { IfNoneMatch: '*' } : { IfMatch: expected }),
      }),
    delete: (key) =>
      call('DELETE', key, () =>
        client.send(new DeleteObjectCommand({ Bucket: bucket, Key: full(key) })),
      ).then(() => undefined),
    deletePrefix: (prefix) => call('DELETE (prefix)', prefix, () => listing.deleteAll(prefix)),
    async *list(prefix) {
      try {
        yield* listing.list(prefix);
      } catch (err) {
        throw s3Failure(err, 'LIST', full(prefix));
      }
    },
    probe: (signal) =>
      call('probe', '_probe/', async () => {
        const key = full(`_probe/${randomUUID()}`);
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'probe' }), {
          abortSignal: signal,
        });
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      }),
    collectTemporaries: (olderThanMs) => call('abort uploads', '', () => listing.abortUploads(olderThanMs)),
  };
  if (opts.presign) {
    store.presign = (key, ttlSeconds, fileName) =>
      call('presign', key, () =>
        getSignedUrl(
          client,
          new GetObjectCommand({
            Bucket: bucket,
            Key: full(key),
            ResponseContentDisposition: `attachment; filename="${fileName}"`,
          }),
          { expiresIn: ttlSeconds },
        ),
      );
  }
  return store;
}
