/**
 * Every image the tests and benchmarks use, generated (nothing binary is committed):
 * RGB8 pixels from a colour function of the position, encoded with sharp when a file
 * is needed. Same arguments, same bytes. Hostile uploads are in hostile-images.ts.
 */
import sharp, { type Sharp } from 'sharp';
import { type TrainingPixels } from '../../src/training/trainer.ts';

export type Rgb = readonly [number, number, number];

/** `colour(u, v)` gets the position in [0, 1]² and returns 0–255 channels (clamped and rounded here). */
export function rgbPixels(
  width: number,
  height: number,
  colour: (u: number, v: number) => Rgb,
): TrainingPixels {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgb = colour(x / (width - 1), y / (height - 1));
      for (let c = 0; c < 3; c++)
        data[3 * (y * width + x) + c] = Math.round(Math.min(255, Math.max(0, rgb[c])));
    }
  }
  return { width, height, data };
}

/** The pixels as a sharp pipeline, to encode in any format. */
export const imageOf = (p: TrainingPixels): Sharp =>
  sharp(p.data, { raw: { width: p.width, height: p.height, channels: 3 } });

const pngOf = (p: TrainingPixels) => imageOf(p).png().toBuffer();

/** Orange highlights, teal shadows (PNG): a distribution far from neutral. */
export function styleImage(width = 64, height = 48): Promise<Buffer> {
  return pngOf(
    rgbPixels(width, height, (u, v) => {
      const t = (u + v) / 2;
      return [20 + 225 * t, 90 + 60 * t, 110 * (1 - t) + 30];
    }),
  );
}

/** A neutral grey ramp (PNG): the "content" a style is applied to. */
export function contentImage(width = 64, height = 48): Promise<Buffer> {
  return pngOf(
    rgbPixels(width, height, (u, v) => {
      const g = Math.round(40 + 180 * u);
      return [g, g, g * 0.9 + 25 * v];
    }),
  );
}

/** A seeded smooth blend of three random colours, 40–96 px a side (PNG): cheap to decode, each one different. */
export function paletteImage(rng: { int(min: number, max: number): number }): Promise<Buffer> {
  const width = rng.int(40, 96);
  const height = rng.int(40, 96);
  const colours = [0, 1, 2].map(() => [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)]);
  return pngOf(
    rgbPixels(width, height, (u, v) => {
      const w = [(1 - u) * (1 - v), u, (1 - u) * v];
      const sum = w[0] + w[1] + w[2];
      const channel = (ch: number) =>
        (w[0] * colours[0][ch] + w[1] * colours[1][ch] + w[2] * colours[2][ch]) / sum;
      return [channel(0), channel(1), channel(2)];
    }),
  );
}

/** A warm orange ↔ teal grade, dark to light (pixels): the "look" a reference might have. */
export function orangeTealReference(width = 160, height = 120): TrainingPixels {
  const orange = [1.0, 0.55, 0.15];
  const teal = [0.05, 0.5, 0.55];
  return rgbPixels(width, height, (u, v) => {
    const light = 0.25 + 0.65 * v;
    const channel = (c: number) => 255 * (light * (orange[c] * u + teal[c] * (1 - u)));
    return [channel(0), channel(1), channel(2)];
  });
}

/** Neutral grey-blue content with a little texture (pixels): looks nothing like the reference. */
export function greyBlueContent(width = 120, height = 90): TrainingPixels {
  return rgbPixels(width, height, (u, v) => {
    const g = 0.2 + 0.6 * u + 0.05 * Math.sin(17 * v);
    return [255 * (g * 0.9), 255 * (g * 0.95), 255 * (g * 1.05 + 0.05 * v)];
  });
}

/** Deterministic pseudo-random RGB8 values (an LCG), `count` pixels. */
export function noisePixels(count: number, seed = 1): Uint8Array {
  const out = new Uint8Array(count * 3);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/**
 * A synthetic "photo" for decode and trainer benchmarks: smooth gradients, a soft
 * blob and per-pixel noise, so the codec has real work to do and the colours spread wide.
 */
export function photoPixels(width: number, height: number, seed = 1): TrainingPixels {
  let s = seed >>> 0;
  const noise = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 24;
  return rgbPixels(width, height, (u, v) => {
    const blob = Math.exp(-((u - 0.3) ** 2 + (v - 0.6) ** 2) * 12) * 120;
    return [
      40 + 180 * u + blob + noise(),
      60 + 120 * v + 40 * Math.sin(u * 9) + noise(),
      200 - 150 * u * v + blob * 0.5 + noise(),
    ];
  });
}

/** `photoPixels` as a JPEG. */
export function photoJpeg(width: number, height: number, seed = 1): Promise<Buffer> {
  return imageOf(photoPixels(width, height, seed))
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** `photoPixels` as a PNG: as large as a real photo's (the noise defeats the compression). */
export function photoPng(width: number, height: number, seed = 1): Promise<Buffer> {
  return pngOf(photoPixels(width, height, seed));
}

/** One flat colour, with an alpha channel when `alpha` is given. */
export function solid(
  width: number,
  height: number,
  colour: { r: number; g: number; b: number; alpha?: number },
) {
  const channels = colour.alpha === undefined ? 3 : 4;
  return sharp({ create: { width, height, channels, background: colour } });
}

/** Left half red, right half blue: orientation changes are visible in the pixels. */
export function halves(width: number, height: number): Sharp {
  return imageOf(rgbPixels(width, height, (u) => (u < 0.5 ? [255, 0, 0] : [0, 0, 255])));
}
