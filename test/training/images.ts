/** Generated test images (RGB8), so the colour tests need no binary fixtures. */
import { type TrainingPixels } from '../../src/training/trainer.ts';

function generate(
  width: number,
  height: number,
  colour: (u: number, v: number) => [number, number, number],
): TrainingPixels {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgb = colour(x / (width - 1), y / (height - 1));
      for (let c = 0; c < 3; c++)
        data[3 * (y * width + x) + c] = Math.round(255 * Math.min(1, Math.max(0, rgb[c])));
    }
  }
  return { width, height, data };
}

/** A warm orange ↔ teal grade, dark to light: the "look" a reference might have. */
export function orangeTealReference(width = 160, height = 120): TrainingPixels {
  return generate(width, height, (u, v) => {
    const light = 0.25 + 0.65 * v;
    const orange: [number, number, number] = [1.0, 0.55, 0.15];
    const teal: [number, number, number] = [0.05, 0.5, 0.55];
    return [0, 1, 2].map((c) => light * (orange[c] * u + teal[c] * (1 - u))) as [number, number, number];
  });
}

/** Neutral grey-blue content with a little texture: looks nothing like the reference. */
export function greyBlueContent(width = 120, height = 90): TrainingPixels {
  return generate(width, height, (u, v) => {
    const g = 0.2 + 0.6 * u + 0.05 * Math.sin(17 * v);
    return [g * 0.9, g * 0.95, g * 1.05 + 0.05 * v];
  });
}

/** Deterministic pseudo-random RGB8 pixels. */
export function noisePixels(count: number, seed = 1): Uint8Array {
  const out = new Uint8Array(count * 3);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}
