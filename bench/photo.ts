/**
 * A synthetic "photo" for decode and trainer benchmarks: smooth colour gradients,
 * soft blobs and per-pixel noise (so JPEG and PNG have real work to do and the colour
 * distribution is broad), generated deterministically from a seed.
 */
import sharp from 'sharp';

export function photoPixels(width: number, height: number, seed = 1): Buffer {
  let s = seed >>> 0;
  const noise = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 24;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      const blob = Math.exp(-((u - 0.3) ** 2 + (v - 0.6) ** 2) * 12) * 120;
      const i = (y * width + x) * 3;
      data[i] = clamp(40 + 180 * u + blob + noise());
      data[i + 1] = clamp(60 + 120 * v + 40 * Math.sin(u * 9) + noise());
      data[i + 2] = clamp(200 - 150 * u * v + blob * 0.5 + noise());
    }
  }
  return data;
}

const clamp = (x: number) => Math.max(0, Math.min(255, Math.round(x)));

export function photoJpeg(width: number, height: number): Promise<Buffer> {
  return sharp(photoPixels(width, height), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}
