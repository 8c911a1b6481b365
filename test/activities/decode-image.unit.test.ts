import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import {
  createDecodeActivities,
  RGB8_CONTENT_TYPE,
  type DecodeImageInput,
  type DecodeImageResult,
} from '../../activities/decode-image.ts';
import { FailureType } from '../../activities/errors.ts';
import type { BlobRef } from '../../src/storage/types.ts';
import { solid } from '../harness/images.ts';
import { pngBomb } from '../harness/hostile-images.ts';
import { useTempStorage } from '../helpers/temp-data-dir.ts';

const { tmp, storage } = useTempStorage();
const { decodeImage } = createDecodeActivities({
  storage,
  maxInputPixels: 40_000_000,
  maxTrainingPixels: 1_048_576,
});

// A fresh environment per run (its context is reused across runs); the expected failures
// would otherwise each print an "Activity failed" warning.
const run = (input: DecodeImageInput): Promise<DecodeImageResult> =>
  new MockActivityEnvironment({ activityType: 'decodeImage' }, { logger: new DefaultLogger('ERROR') }).run<
    [DecodeImageInput],
    DecodeImageResult,
    typeof decodeImage
  >(decodeImage, input);
const upload = async (bytes: Buffer, contentType = 'image/png') => storage.putBlob(bytes, contentType);

async function expectPermanentFailure(
  input: DecodeImageInput,
  type: FailureType,
): Promise<ApplicationFailure> {
  const err = await run(input).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect(err).toMatchObject({ type, nonRetryable: true });
  return err as ApplicationFailure;
}

describe('decodeImage activity', () => {
  it('writes RGB8 training pixels as a blob and returns only references', async () => {
    const image = await upload(
      await solid(4000, 3000, { r: 10, g: 200, b: 30 }).jpeg().toBuffer(),
      'image/jpeg',
    );
    const result = await run({ jobId: 'job-1', image });
    expect(result).toMatchObject({
      width: 4000,
      height: 3000,
      format: 'jpeg',
      pixelsWidth: 1182,
      pixelsHeight: 886,
    });
    expect(result.pixelsRef).toMatchObject({ contentType: RGB8_CONTENT_TYPE, bytes: 1182 * 886 * 3 });
    expect((await storage.getBlob(result.pixelsRef.sha256)).length).toBe(
      result.pixelsWidth * result.pixelsHeight * 3,
    );
    // The result is what crosses Temporal: it must stay tiny whatever the image size.
    expect(JSON.stringify(result).length).toBeLessThan(512);
  });

  it('a retry returns the same pixels ref (content-addressed, idempotent)', async () => {
    const image = await upload(await solid(300, 200, { r: 1, g: 2, b: 3, alpha: 0.5 }).png().toBuffer());
    const first = await run({ jobId: 'job-1', image });
    expect(await run({ jobId: 'job-1', image })).toEqual(first);
  });

  it('a missing image blob is BlobMissing', async () => {
    const image: BlobRef = { sha256: 'a'.repeat(64), bytes: 10, contentType: 'image/png' };
    const err = await expectPermanentFailure({ jobId: 'job-1', image }, FailureType.BlobMissing);
    expect(err.message).toContain('a'.repeat(64));
  });

  it('a malformed image reference is InvalidParams and touches no path', async () => {
    const image: BlobRef = { sha256: '../../etc/passwd', bytes: 10, contentType: 'image/png' };
    await expectPermanentFailure({ jobId: 'job-1', image }, FailureType.InvalidParams);
    expect(await tmp.list()).toEqual([]);
  });

  it.each([
    ['an empty upload', FailureType.InvalidImage, async () => Buffer.alloc(0)],
    [
      'a truncated PNG',
      FailureType.InvalidImage,
      async () => (await solid(300, 200, { r: 1, g: 2, b: 3 }).png().toBuffer()).subarray(0, 100),
    ],
    ['HTML named .png', FailureType.UnsupportedFormat, async () => Buffer.from('<!doctype html><p>hi</p>')],
    [
      'SVG named .png',
      FailureType.UnsupportedFormat,
      async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    ],
    ['a GIF', FailureType.UnsupportedFormat, async () => solid(8, 8, { r: 1, g: 2, b: 3 }).gif().toBuffer()],
    ['a 20000×20000 PNG bomb', FailureType.ImageTooLarge, () => pngBomb(20_000, 20_000)],
  ] as const)('%s fails permanently as %s', async (_label, type, make) => {
    const image = await upload(await make());
    const err = await expectPermanentFailure({ jobId: 'job-1', image }, type);
    expect(err.message.length).toBeGreaterThan(10);
    // Nothing but the upload itself was stored.
    expect((await tmp.list(tmp.dataDir)).filter((f) => f.split('/').length === 3)).toEqual([
      `blobs/${image.sha256.slice(0, 2)}/${image.sha256}`,
    ]);
  });
});
