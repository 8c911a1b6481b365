import { describe, expect, it } from 'vitest';
import { decodeForTraining, type DecodeLimits } from '../../src/imaging/decode-image.ts';
import { ImageDecodeError, type ImageDecodeErrorType } from '../../src/imaging/image-decode-error.ts';
import { halves, solid } from '../harness/images.ts';
import { pngBomb, withPngDimensions } from '../harness/hostile-images.ts';

const LIMITS: DecodeLimits = { maxInputPixels: 40_000_000, maxTrainingPixels: 1_048_576 };
const pixelAt = (p: { width: number; data: Buffer }, x: number, y: number) => [
  ...p.data.subarray((y * p.width + x) * 3, (y * p.width + x) * 3 + 3),
];
const near = (actual: number[], expected: number[], tolerance = 6) =>
  actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance);

async function expectDecodeError(input: Buffer, type: ImageDecodeErrorType, limits = LIMITS) {
  const err = await decodeForTraining(input, limits).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ImageDecodeError);
  expect((err as ImageDecodeError).type).toBe(type);
  return err as ImageDecodeError;
}

describe('decodeForTraining: accepted inputs become RGB8 sRGB', () => {
  it.each([
    ['png', () => solid(300, 200, { r: 200, g: 100, b: 50 }).png().toBuffer()],
    ['jpeg', () => solid(300, 200, { r: 200, g: 100, b: 50 }).jpeg({ quality: 95 }).toBuffer()],
    ['webp', () => solid(300, 200, { r: 200, g: 100, b: 50 }).webp({ quality: 95 }).toBuffer()],
    ['png', () => solid(300, 200, { r: 200, g: 100, b: 50 }).png().toColourspace('rgb16').toBuffer()],
  ] as const)('%s', async (format, make) => {
    const out = await decodeForTraining(await make(), LIMITS);
    expect(out).toMatchObject({ format, width: 300, height: 200, pixels: { width: 300, height: 200 } });
    expect(out.pixels.data.length).toBe(300 * 200 * 3);
    expect(near(pixelAt(out.pixels, 150, 100), [200, 100, 50])).toBe(true);
  });

  it('flattens transparency onto white', async () => {
    const png = await solid(40, 30, { r: 255, g: 0, b: 0, alpha: 0 }).png().toBuffer();
    const out = await decodeForTraining(png, LIMITS);
    expect(out.pixels.data.length).toBe(40 * 30 * 3);
    expect(pixelAt(out.pixels, 0, 0)).toEqual([255, 255, 255]);
    const half = await solid(40, 30, { r: 0, g: 0, b: 0, alpha: 0.5 }).png().toBuffer();
    expect(near(pixelAt((await decodeForTraining(half, LIMITS)).pixels, 0, 0), [128, 128, 128], 2)).toBe(
      true,
    );
  });

  it('applies EXIF orientation 6 (rotate 90° clockwise)', async () => {
    const jpeg = await halves(300, 200).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const out = await decodeForTraining(jpeg, LIMITS);
    expect(out).toMatchObject({ width: 200, height: 300, pixels: { width: 200, height: 300 } });
    // The left (red) half is now on top, the right (blue) half at the bottom.
    expect(near(pixelAt(out.pixels, 100, 10), [255, 0, 0], 40)).toBe(true);
    expect(near(pixelAt(out.pixels, 100, 290), [0, 0, 255], 40)).toBe(true);
  });

  it('expands greyscale to three equal channels', async () => {
    const png = await solid(64, 48, { r: 128, g: 128, b: 128 }).toColourspace('b-w').png().toBuffer();
    const out = await decodeForTraining(png, LIMITS);
    expect(out.pixels.data.length).toBe(64 * 48 * 3);
    expect(pixelAt(out.pixels, 5, 5)).toEqual([128, 128, 128]);
  });

  it('converts CMYK JPEG to sRGB', async () => {
    const jpeg = await solid(64, 48, { r: 255, g: 0, b: 0 }).toColourspace('cmyk').jpeg().toBuffer();
    const [r, g, b] = pixelAt((await decodeForTraining(jpeg, LIMITS)).pixels, 10, 10);
    expect(r).toBeGreaterThan(180);
    expect(Math.max(g, b)).toBeLessThan(60);
  });

  it('downscales large images to the training budget, keeping the reported size', async () => {
    const png = await solid(4000, 3000, { r: 10, g: 20, b: 30 }).png().toBuffer();
    const out = await decodeForTraining(png, LIMITS);
    expect(out).toMatchObject({ width: 4000, height: 3000, pixels: { width: 1182, height: 886 } });
    expect(out.pixels.data.length).toBe(1182 * 886 * 3);
    const tiny = await decodeForTraining(png, { maxInputPixels: 40_000_000, maxTrainingPixels: 1200 });
    expect(tiny.pixels.width * tiny.pixels.height).toBeLessThanOrEqual(1200);
  });

  it('is deterministic: the same bytes give the same pixels', async () => {
    const jpeg = await halves(2000, 1500).jpeg().toBuffer();
    const [a, b] = await Promise.all([decodeForTraining(jpeg, LIMITS), decodeForTraining(jpeg, LIMITS)]);
    expect(a.pixels.data.equals(b.pixels.data)).toBe(true);
  });
});

describe('decodeForTraining: refused inputs', () => {
  it('zero bytes is InvalidImage (nothing was sent, so no format to name)', async () => {
    expect((await expectDecodeError(Buffer.alloc(0), 'InvalidImage')).message).toMatch(/empty/);
  });

  it.each([
    [
      'truncated PNG',
      async () => (await solid(300, 200, { r: 1, g: 2, b: 3 }).png().toBuffer()).subarray(0, 100),
    ],
    ['truncated JPEG', async () => (await halves(600, 400).jpeg().toBuffer()).subarray(0, 2000)],
    [
      'PNG signature then garbage',
      async () => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(500, 7)]),
    ],
    [
      'JPEG magic then garbage',
      async () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 7)]),
    ],
  ])('%s is InvalidImage', async (_label, make) => {
    await expectDecodeError(await make(), 'InvalidImage');
  });

  it.each([
    [
      'HTML posing as .png',
      Buffer.from('<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>'),
      /not a recognised|HTML/,
    ],
    [
      'SVG posing as .png',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'),
      /SVG/,
    ],
    ['random bytes', Buffer.from('not an image at all'), /not a recognised/],
  ])('%s is UnsupportedFormat', async (_label, input, message) => {
    const err = await expectDecodeError(input, 'UnsupportedFormat');
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/PNG, JPEG or WebP/);
  });

  it.each(['gif', 'tiff', 'avif'] as const)('a real %s is UnsupportedFormat', async (format) => {
    const bytes = await solid(16, 16, { r: 1, g: 2, b: 3 }).toFormat(format).toBuffer();
    await expectDecodeError(bytes, 'UnsupportedFormat');
  });

  it('a 20000×20000 PNG bomb under 2 MB is ImageTooLarge, from the header check', async () => {
    const bomb = await pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const err = await expectDecodeError(bomb, 'ImageTooLarge');
    // Our own message (not sharp's "exceeds pixel limit"): refused on the header, before decoding.
    expect(err.message).toBe(
      'image is 20000×20000 = 400 MP; the limit is 40 MP. Downscale it and upload again.',
    );
  });

  it('a header that lies about its size is refused before any pixel is read', async () => {
    // The pixel data is only 4×4: had it been decoded, this would be InvalidImage (truncated).
    const small = await solid(4, 4, { r: 1, g: 2, b: 3 }).png().toBuffer();
    await expectDecodeError(withPngDimensions(small, 20_000, 20_000), 'ImageTooLarge');
    await expectDecodeError(withPngDimensions(small, 400, 400), 'InvalidImage');
  });

  it('the input limit is inclusive', async () => {
    const png = await solid(100, 100, { r: 1, g: 2, b: 3 }).png().toBuffer();
    await expect(decodeForTraining(png, { maxInputPixels: 10_000 })).resolves.toMatchObject({ width: 100 });
    const err = await expectDecodeError(png, 'ImageTooLarge', { maxInputPixels: 9_999 });
    expect(err.message).toMatch(/100×100 = 0\.01 MP; the limit is 0\.01 MP/);
  });
});
