/**
 * A generated colour chart for previews: hue runs left to right, lightness from light
 * (top) to dark, at full saturation, above a neutral grey ramp. It shows what a LUT does
 * to every hue and to the grey axis, whatever the reference image contains.
 */
import { type TrainingPixels } from './trainer.ts';

/** One channel of HSL → RGB (the CSS Color 4 formula); `n` picks the channel (0 r, 8 g, 4 b). */
function hslChannel(n: number, h: number, l: number, a: number): number {
  const k = (n + 2 * h) % 12;
  return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
}

/**
 * HSL → RGB in [0, 1], h in sextants [0, 6); no trigonometry, so the chart is
 * bit-identical everywhere. A plain function, not a closure per pixel: under the
 * TypeScript loader every closure created also gets its name defined, which made the
 * chart most of publishArtifacts' CPU (bench profile, issue 13).
 */
function hslToRgb(h: number, s: number, l: number, out: Float64Array): void {
  const a = s * Math.min(l, 1 - l);
  out[0] = hslChannel(0, h, l, a);
  out[1] = hslChannel(8, h, l, a);
  out[2] = hslChannel(4, h, l, a);
}

/** Charts already drawn, by size: every preview uses the same one. */
const drawn = new Map<string, Readonly<TrainingPixels>>();

/**
 * A `width`×`height` chart; the bottom fifth is the grey ramp (black to white), the rest
 * the hue × lightness grid with lightness from 0.9 down to 0.1. Drawn once per size and
 * shared: callers must not write into the returned pixels.
 */
export function renderColorChart(width: number, height: number): Readonly<TrainingPixels> {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 2 && height >= 5)) {
    throw new RangeError(`colour chart needs at least 2×5 pixels, got ${width}×${height}`);
  }
  const key = `${width}x${height}`;
  let chart = drawn.get(key);
  if (!chart) {
    chart = drawChart(width, height);
    if (drawn.size < 8) drawn.set(key, chart);
  }
  return chart;
}

function drawChart(width: number, height: number): TrainingPixels {
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
