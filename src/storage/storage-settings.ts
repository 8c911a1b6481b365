/**
 * Where storage lives, from one setting: `ATELIER_STORAGE_URL` absent or `file:///dir`
 * → the `fs` backend (default: the data dir); `s3://bucket/optional/prefix` → the `s3`
 * backend, with endpoint, region and credentials from the standard AWS variables
 * (without explicit keys the SDK's own chain applies: profiles, instance roles, …).
 */
import { fileURLToPath } from 'node:url';

export type StorageSettings =
  | { kind: 'fs'; root: string }
  | {
      kind: 's3';
      bucket: string;
      /** Empty or ending with `/`. */
      prefix: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
      accessKeyId?: string;
      secretAccessKey?: string;
      /** Downloads redirect to a presigned URL instead of streaming through the gateway. */
      presign: boolean;
    };

/** S3 bucket names: 3–63 lowercase letters, digits, dots and hyphens. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9._-]{1,128}$/;

/** Why `url` is not a storage URL we accept, or null. */
export function storageUrlProblem(url: string): string | null {
  if (url.startsWith('file://')) {
    try {
      fileURLToPath(url);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }
  const m = /^s3:\/\/([^/]*)(\/.*)?$/.exec(url);
  if (!m) return 'expected file:///path or s3://bucket[/prefix]';
  if (!BUCKET.test(m[1])) return `"${m[1]}" is not a valid S3 bucket name`;
  const segments = (m[2] ?? '').split('/').filter(Boolean);
  if (!segments.every((s) => PREFIX_SEGMENT.test(s) && s !== '.' && s !== '..')) {
    return 'the prefix may only contain letters, digits, ".", "_", "-" and "/"';
  }
  return null;
}

export interface StorageEnv {
  url?: string;
  dataDir: string;
  endpoint?: string;
  region?: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  presign: boolean;
}

/** Assumes `storageUrlProblem(url)` was null (the config schema checks it first). */
export function storageSettingsOf(env: StorageEnv): StorageSettings {
  if (!env.url) return { kind: 'fs', root: env.dataDir };
  if (env.url.startsWith('file://')) return { kind: 'fs', root: fileURLToPath(env.url) };
  const [, bucket, rest = ''] = /^s3:\/\/([^/]+)(\/.*)?$/.exec(env.url)!;
  const segments = rest.split('/').filter(Boolean);
  return {
    kind: 's3',
    bucket,
    prefix: segments.length ? `${segments.join('/')}/` : '',
    endpoint: env.endpoint,
    region: env.region ?? 'us-east-1',
    forcePathStyle: env.forcePathStyle,
    accessKeyId: env.accessKeyId,
    secretAccessKey: env.secretAccessKey,
    presign: env.presign,
  };
}
