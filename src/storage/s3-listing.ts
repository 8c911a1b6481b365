/** Paged listing, bulk deletion and multipart clean-up under the store's prefix. */
import {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { StoredObject } from './object-store.ts';
import type { S3Location } from './s3-object-store.ts';
import { StorageUnavailableError } from './storage-errors.ts';

export function createS3Listing(client: S3Client, at: S3Location) {
  const { bucket } = at;

  async function* list(prefix: string): AsyncGenerator<StoredObject> {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: at.prefix + prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        yield {
          key: o.Key.slice(at.prefix.length),
          bytes: o.Size ?? 0,
          modifiedMs: o.LastModified?.getTime() ?? 0,
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async function deleteAll(prefix: string): Promise<void> {
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const res = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failed = res.Errors ?? [];
      if (failed.length) {
        const first = failed[0];
        throw new StorageUnavailableError(
          `S3 delete of ${failed.length} object(s) failed, e.g. ${first.Key}: ${first.Code} ${first.Message}`,
          first.Code ?? 'DeleteFailed',
        );
      }
      batch = [];
    };
    // Deleting while listing is safe with continuation tokens; batches of the S3 maximum.
    for await (const o of list(prefix)) {
      batch.push(at.prefix + o.key);
      if (batch.length === 1000) await flush();
    }
    await flush();
  }

  /** We never start multipart uploads; any found under our prefix were left by other tools or crashes. */
  async function abortUploads(olderThanMs: number): Promise<number> {
    let aborted = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await client.send(
        new ListMultipartUploadsCommand({
          Bucket: bucket,
          Prefix: at.prefix,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      );
      for (const u of page.Uploads ?? []) {
        if (!u.Key || !u.UploadId || (u.Initiated?.getTime() ?? 0) >= olderThanMs) continue;
        await client.send(
          new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }),
        );
        aborted += 1;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return aborted;
  }

  return { list, deleteAll, abortUploads };
}
