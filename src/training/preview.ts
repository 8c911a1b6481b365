/**
 * `preview.png`: what the trained LUT does, in one image. Top row: the generated colour
 * chart before | after; bottom row: the reference image (fitted into the same column
 * width) before | after. Everything is drawn into a raw buffer here and only encoded by
 * sharp, with fixed PNG options and no metadata, so the bytes depend on the inputs alone.
 */
import sharp from 'sharp';
import { renderColorChart } from './color-chart.ts';
import { applyLutToRgb8 } from './lut-apply.ts';
import { type TrainingPixels } from './trainer.ts';

const PANEL = 256;
const CHART_HEIGHT = 200;
const GAP = 8;
const BACKGROUND = 0x20;

/**
 * Fits an image into PANEL×PANEL keeping its aspect ratio, by box filtering: each output
 * pixel averages the source pixels under it (at least one, so small images are enlarged
 * by pixel repetition rather than blurred).
 */
export function fitToPanel(image: TrainingPixels, box = PANEL): TrainingPixels {
  const scale = Math.min(box / image.width, box / image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const data = new Uint8Array(width * height * 3);
  for (let oy = 0; oy < height; oy++) {
    const y0 = Math.floor((oy * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * image.height) / height));
    for (let ox = 0; ox < width; ox++) {
      const x0 = Math.floor((ox * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * image.width) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const p = 3 * (y * image.width + x);
          r += image.data[p];
          g += image.data[p + 1];
          b += image.data[p + 2];
        }
      }
      const count = (y1 - y0) * (x1 - x0);
      const o = 3 * (oy * width + ox);
      data[o] = Math.round(r / count);
      data[o + 1] = Math.round(g / count);
      data[o + 2] = Math.round(b / count);
    }
  }
  return { width, height, data };
}

function blit(canvas: TrainingPixels, image: TrainingPixels, left: number, top: number): void {
  for (let y = 0; y < image.height; y++) {
    const from = 3 * y * image.width;
    canvas.data.set(image.data.subarray(from, from + 3 * image.width), 3 * ((top + y) * canvas.width + left));
  }
}

/** Renders the before/after preview of `lut` (lutSize³ RGB, r fastest) as PNG bytes. */
export async function renderPreviewPng(
  lut: Float64Array,
  lutSize: number,
  reference: TrainingPixels,
): Promise<Buffer> {
  const chart = renderColorChart(PANEL, CHART_HEIGHT);
  const fitted = fitToPanel(reference);
  const width = 3 * GAP + 2 * PANEL;
  const height = 3 * GAP + CHART_HEIGHT + fitted.height;
  const canvas: TrainingPixels = { width, height, data: new Uint8Array(width * height * 3).fill(BACKGROUND) };

  const rightColumn = 2 * GAP + PANEL;
  blit(canvas, chart, GAP, GAP);
  blit(canvas, { ...chart, data: applyLutToRgb8(chart.data, lut, lutSize) }, rightColumn, GAP);
  const refTop = 2 * GAP + CHART_HEIGHT;
  const inset = Math.floor((PANEL - fitted.width) / 2); // centres portrait references in their column
  blit(canvas, fitted, GAP + inset, refTop);
  blit(canvas, { ...fitted, data: applyLutToRgb8(fitted.data, lut, lutSize) }, rightColumn + inset, refTop);

  return sharp(canvas.data, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
    .toBuffer();
}
