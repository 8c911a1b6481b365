/**
 * The `decodeImage` activity (orchestration queue). Image bytes and pixels stay in storage:
 * the workflow passes a `BlobRef` in and gets a `BlobRef` back (claim check), because
 * Temporal payloads fail at 2 MiB and history keeps every payload forever.
 */
import { decodeForTraining } from '../src/imaging/decode-image.ts';
import { ImageDecodeError } from '../src/imaging/image-decode-error.ts';
import {
  InvalidStorageKeyError,
  StorageNotFoundError,
  type BlobRef,
  type Storage,
} from '../src/storage/types.ts';
import { FailureType, permanentFailure } from './errors.ts';

/** Content type of the decoded training pixels: interleaved RGB, 8 bits per channel, sRGB. */
export const RGB8_CONTENT_TYPE = 'application/x-atelier-rgb8';

export interface DecodeImageInput {
  jobId: string;
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
      const bytes = await readImage(deps.storage, input);
      const decoded = await decodeForTraining(bytes, deps).catch((err: unknown) => {
        // Bad input never gets better on a retry: fail permanently with its type. Anything
        // else (I/O, out of memory) stays retryable.
        if (err instanceof ImageDecodeError) throw permanentFailure(FailureType[err.type], err.message);
        throw err;
      });
      // Content-addressed, so a retried attempt writes nothing new and returns the same ref.
      const pixelsRef = await deps.storage.putBlob(decoded.pixels.data, RGB8_CONTENT_TYPE);
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

async function readImage(storage: Storage, { jobId, image }: DecodeImageInput): Promise<Buffer> {
  try {
    return await storage.getBlob(image?.sha256);
  } catch (err) {
    // A missing upload cannot appear later (blobs are written before the workflow starts),
    // so retrying would only burn attempts.
    if (err instanceof StorageNotFoundError) {
      throw permanentFailure(
        FailureType.BlobMissing,
        `image blob ${image.sha256} of job ${jobId} is missing`,
      );
    }
    if (err instanceof InvalidStorageKeyError) {
      throw permanentFailure(
        FailureType.InvalidParams,
        `image reference of job ${jobId} is invalid: ${err.message}`,
      );
    }
    throw err;
  }
}
