/** Small generated PNGs for end-to-end tests: a warm/teal "style" and a neutral "content" image. */
import sharp from 'sharp';

function gradient(
  width: number,
  height: number,
  colour: (x: number, y: number) => [number, number, number],
): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(colour(x / (width - 1), y / (height - 1)), (y * width + x) * 3);
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Orange highlights, teal shadows: a distribution far from neutral. */
export function styleImage(width = 64, height = 48): Promise<Buffer> {
  return gradient(width, height, (u, v) => {
    const t = (u + v) / 2;
    return [Math.round(20 + 225 * t), Math.round(90 + 60 * t), Math.round(110 * (1 - t) + 30)];
  });
}

export function contentImage(width = 64, height = 48): Promise<Buffer> {
  return gradient(width, height, (u, v) => {
    const g = Math.round(40 + 180 * u);
    return [g, g, Math.round(g * 0.9 + 25 * v)];
  });
}
