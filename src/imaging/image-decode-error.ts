/**
 * Why an upload cannot be used. The `type` values match `FailureType` in
 * activities/errors.ts so the activity maps them one to one; messages are written for
 * the client who sent the image and say what to change.
 */
export type ImageDecodeErrorType = 'InvalidImage' | 'ImageTooLarge' | 'UnsupportedFormat';

export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
  /** Facts a client can act on (e.g. the image's size and the limit), for the API. */
  readonly details: Record<string, unknown>;
  constructor(
    readonly type: ImageDecodeErrorType,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.details = options.details ?? {};
  }
}

/** "400 MP", "40 MP", "1.05 MP", "0.25 MP": megapixels with just enough precision to differ. */
export function megapixels(pixels: number): string {
  const mp = pixels / 1_000_000;
  return `${Number(mp >= 10 ? mp.toFixed(0) : mp >= 1 ? mp.toFixed(2) : mp.toPrecision(2))} MP`;
}
