import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('storage configuration (ATELIER_STORAGE_URL and the AWS variables)', () => {
  it('defaults to the fs backend in the data dir, with retention defaults', () => {
    const c = loadConfig({ ATELIER_DATA_DIR: '/srv/atelier' });
    expect(c.storage).toEqual({ kind: 'fs', root: '/srv/atelier' });
    expect(c).toMatchObject({
      checkpointKeep: 2,
      storageMaxRetries: 10,
      blobGraceMs: 86_400_000,
      devStorage: 'fs',
    });
  });

  it('file:// picks another directory', () => {
    expect(loadConfig({ ATELIER_STORAGE_URL: 'file:///mnt/shared' }).storage).toEqual({
      kind: 'fs',
      root: '/mnt/shared',
    });
  });

  it('s3://bucket/prefix with the standard AWS variables (the S3-specific endpoint wins)', () => {
    const c = loadConfig({
      ATELIER_STORAGE_URL: 's3://my-bucket/atelier/prod/',
      AWS_ENDPOINT_URL: 'http://generic:9000',
      AWS_ENDPOINT_URL_S3: 'http://seaweedfs:8333',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIA',
      AWS_SECRET_ACCESS_KEY: 'secret',
      ATELIER_S3_PRESIGN: 'true',
    });
    expect(c.storage).toEqual({
      kind: 's3',
      bucket: 'my-bucket',
      prefix: 'atelier/prod/',
      endpoint: 'http://seaweedfs:8333',
      region: 'eu-west-1',
      forcePathStyle: true,
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      presign: true,
    });
    expect(loadConfig({ ATELIER_STORAGE_URL: 's3://my-bucket' }).storage).toMatchObject({
      prefix: '',
      region: 'us-east-1',
    });
  });

  it.each([
    ['a bucket name S3 refuses', 's3://My_Bucket'],
    ['no bucket', 's3://'],
    ['a traversal in the prefix', 's3://bucket/../x'],
    ['another scheme', 'https://bucket.s3.amazonaws.com'],
  ])('refuses %s, naming the variable', (_label, url) => {
    expect(() => loadConfig({ ATELIER_STORAGE_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ ATELIER_STORAGE_URL: url })).toThrow(/ATELIER_STORAGE_URL/);
  });

  it.each([
    ['CHECKPOINT_KEEP', '0'],
    ['ATELIER_STORAGE_MAX_RETRIES', '-1'],
    ['ATELIER_BLOB_GRACE_MS', '60000'],
    ['ATELIER_STORAGE', 'nfs'],
    ['AWS_ENDPOINT_URL_S3', 'seaweedfs:8333'],
  ])('refuses %s=%s', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(key));
  });
});
