/**
 * The `decodeImage` activity (orchestration queue). Image bytes and pixels stay in storage:
 * the workflow passes a `BlobRef` in and gets a `BlobRef` back (claim check), because
 * Temporal payloads fail at 2 MiB and history keeps every payload forever.
 */
import { decodeForTraining } from '../src/imaging/decode-image.ts';
import { ImageDecodeError } from '../src/imaging/image-decode-error.ts';
import { type BlobRef, type Storage } from '../src/storage/types.ts';
import { FailureType, permanentFailure } from './errors.ts';
import { withStorage } from './storage-failure.ts';

/** Content type of the decoded training pixels: interleaved RGB, 8 bits per channel, sRGB. */
export const RGB8_CONTENT_TYPE = 'application/x-atelier-rgb8';

export interface DecodeImageInput {
  jobId: string;
  tenantId: string;
  image: BlobRef;
}

export interface DecodeImageResult {
  /** Size of the uploaded image as displayed (after EXIF orientation). */
  width: number;
  height: number;
  format: string;
  /** `pixelsWidth × pixelsHeight × 3` bytes of RGB8, at most `maxTrainingPixels` pixels. */
  pixelsRef: BlobRef;
  pixelsWidth: number;
  pixelsHeight: number;
}

export interface DecodeActivityDeps {
  storage: Storage;
  maxInputPixels: number;
  maxTrainingPixels: number;
}

export function createDecodeActivities(deps: DecodeActivityDeps) {
  return {
    /** Reads the uploaded image blob, validates and decodes it, and stores its RGB8 training pixels as a blob. */
    async decodeImage(input: DecodeImageInput): Promise<DecodeImageResult> {
      const job = { tenantId: input.tenantId, jobId: input.jobId };
      // A missing upload cannot appear later (blobs are written before the workflow starts),
      // so retrying would only burn attempts: storage-failure.ts makes it permanent.
      const bytes = await withStorage(`reading the image of job ${input.jobId}`, () =>
        deps.storage.getBlob(input.tenantId, input.image?.sha256),
      );
      const decoded = await decodeForTraining(bytes, deps).catch((err: unknown) => {
        // Bad input never gets better on a retry: fail permanently with its type. Anything
        // else (I/O, out of memory) stays retryable.
        if (err instanceof ImageDecodeError) throw permanentFailure(FailureType[err.type], err.message);
        throw err;
      });
      // Content-addressed, so a retried attempt writes nothing new and returns the same ref.
      const pixelsRef = await withStorage(`storing the pixels of job ${input.jobId}`, async () => {
        const ref = await deps.storage.putBlob(input.tenantId, decoded.pixels.data, RGB8_CONTENT_TYPE);
        // Kept until the job releases them (it succeeds, is cancelled or deleted): see garbage-collection.ts.
        await deps.storage.referenceBlobs(job, [input.image.sha256, ref.sha256]);
        return ref;
      });
      return {
        width: decoded.width,
        height: decoded.height,
        format: decoded.format,
        pixelsRef,
        pixelsWidth: decoded.pixels.width,
        pixelsHeight: decoded.pixels.height,
      };
    },
  };
}
