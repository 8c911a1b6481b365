/**
 * Small seeded style images for the chaos load: each a smooth blend of three random
 * colours, 40–96 px a side, so decoding is cheap and colour distributions differ.
 */
import sharp from 'sharp';
import { type Rng } from './prng.ts';

type Rgb = [number, number, number];

export async function paletteImage(rng: Rng): Promise<Buffer> {
  const width = rng.int(40, 96);
  const height = rng.int(40, 96);
  const colours: Rgb[] = [0, 1, 2].map(() => [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)]);
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / (width - 1);
      const v = y / (height - 1);
      const w = [(1 - u) * (1 - v), u, (1 - u) * v];
      const sum = w[0] + w[1] + w[2];
      for (let ch = 0; ch < 3; ch++) {
        data[(y * width + x) * 3 + ch] = Math.round(
          (w[0] * colours[0][ch] + w[1] * colours[1][ch] + w[2] * colours[2][ch]) / sum,
        );
      }
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
