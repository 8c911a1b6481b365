/**
 * A generated colour chart for previews: hue runs left to right, lightness from light
 * (top) to dark, at full saturation, above a neutral grey ramp. It shows what a LUT does
 * to every hue and to the grey axis, whatever the reference image contains.
 */
import { type TrainingPixels } from './trainer.ts';

/**
 * HSL → RGB in [0, 1] (the CSS Color 4 formula), h in sextants [0, 6); no trigonometry,
 * so the chart is bit-identical everywhere.
 */
function hslToRgb(h: number, s: number, l: number, out: Float64Array): void {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): number => {
    const k = (n + 2 * h) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  out[0] = channel(0);
  out[1] = channel(8);
  out[2] = channel(4);
}

/**
 * A `width`×`height` chart; the bottom fifth is the grey ramp (black to white), the rest
 * the hue × lightness grid with lightness from 0.9 down to 0.1.
 */
export function renderColorChart(width: number, height: number): TrainingPixels {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 2 && height >= 5)) {
    throw new RangeError(`colour chart needs at least 2×5 pixels, got ${width}×${height}`);
  }
  const data = new Uint8Array(width * height * 3);
  const rampRows = Math.floor(height / 5);
  const gridRows = height - rampRows;
  const rgb = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y < gridRows) {
        const lightness = 0.9 - (0.8 * y) / Math.max(1, gridRows - 1);
        hslToRgb((6 * x) / width, 1, lightness, rgb);
      } else {
        rgb.fill(x / (width - 1));
      }
      const p = 3 * (y * width + x);
      for (let c = 0; c < 3; c++) data[p + c] = Math.round(255 * rgb[c]);
    }
  }
  return { width, height, data };
}
