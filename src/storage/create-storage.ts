/** Builds the configured `Storage` (the only place that picks a backend). */
import { S3Client } from '@aws-sdk/client-s3';
import { createFsObjectStore } from './fs-object-store.ts';
import { createS3ObjectStore } from './s3-object-store.ts';
import type { StorageSettings } from './storage-settings.ts';
import { createStorageOn } from './storage.ts';
import type { Storage } from './types.ts';

export function createStorage(settings: StorageSettings): Storage {
  if (settings.kind === 'fs') return createStorageOn(createFsObjectStore(settings.root));
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    // Path-style (`endpoint/bucket/key`) works on every S3-compatible store; SeaweedFS needs it.
    forcePathStyle: settings.forcePathStyle,
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    // Checksums only where an operation requires one: we send x-amz-checksum-sha256 ourselves,
    // and presigned URLs must not carry a checksum of an empty body.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // The SDK retries throttling and 5xx itself (a few quick tries); longer outages are the
    // activities' bounded retries. Timeouts keep a hung endpoint from hanging a request.
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 60_000 },
  });
  return createStorageOn(
    createS3ObjectStore(
      client,
      { bucket: settings.bucket, prefix: settings.prefix },
      { presign: settings.presign },
    ),
  );
}
