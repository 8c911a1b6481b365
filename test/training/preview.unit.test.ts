import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { identityLattice } from '../../src/training/color-lut/state.ts';
import { renderColorChart } from '../../src/training/color-chart.ts';
import { fitToPanel, renderPreviewPng } from '../../src/training/preview.ts';
import { orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

const reference = orangeTealReference(320, 240);

/** The pixel at (x, y) of a decoded RGBA PNG. */
const at = (png: PNG, x: number, y: number) =>
  Array.from(png.data.subarray(4 * (y * png.width + x), 4 * (y * png.width + x) + 3));

/** Whether the left and right panels of a row band are identical. */
function panelsEqual(png: PNG, top: number, height: number): boolean {
  for (let y = top; y < top + height; y++) {
    for (let x = 8; x < 8 + 256; x++) if (at(png, x, y).join() !== at(png, x + 264, y).join()) return false;
  }
  return true;
}

describe('renderPreviewPng', () => {
  const trained = trainInProcess(reference, { lutSize: 17, iterations: 20 });

  it('lays out chart and reference, before | after, in one PNG', async () => {
    const png = PNG.sync.read(await renderPreviewPng(trained.lut, 17, reference));
    // 8 + 256 + 8 + 256 + 8 wide; 8 + 200 (chart) + 8 + 192 (320×240 fitted to 256 wide) + 8 high.
    expect([png.width, png.height]).toEqual([536, 416]);
    expect(at(png, 0, 0)).toEqual([32, 32, 32]);
    expect(at(png, 8, 8)).not.toEqual([32, 32, 32]);
    expect(panelsEqual(png, 8, 200)).toBe(false); // the LUT changes the chart…
    expect(panelsEqual(png, 216, 192)).toBe(false); // …and the reference
  });

  it('shows identical before and after panels for the identity LUT', async () => {
    const png = PNG.sync.read(await renderPreviewPng(identityLattice(17), 17, reference));
    expect(panelsEqual(png, 8, 200)).toBe(true);
    expect(panelsEqual(png, 216, 192)).toBe(true);
  });

  it('is byte-for-byte deterministic', async () => {
    const a = await renderPreviewPng(trained.lut, 17, reference);
    const b = await renderPreviewPng(trained.lut, 17, reference);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});

describe('preview building blocks', () => {
  it('the colour chart has saturated hues on top and a black-to-white ramp at the bottom', () => {
    const chart = renderColorChart(240, 200); // 240 wide puts pure green at x = 80 and pure blue at x = 160
    const px = (x: number, y: number) =>
      Array.from(chart.data.subarray(3 * (y * 240 + x), 3 * (y * 240 + x) + 3));
    // Row 80 has lightness 0.9 − 0.8·80/159 ≈ 0.497: fully saturated red at hue 0, green at a third, blue at two thirds.
    expect(px(0, 80)).toEqual([254, 0, 0]);
    expect(px(80, 80)).toEqual([0, 254, 0]);
    expect(px(160, 80)).toEqual([0, 0, 254]);
    expect(px(0, 199)).toEqual([0, 0, 0]);
    expect(px(239, 199)).toEqual([255, 255, 255]);
    expect(px(128, 0)).not.toEqual(px(128, 150)); // lightness varies down the chart
  });

  it('fits images into the panel keeping their aspect ratio, averaging when shrinking', () => {
    const flat = { width: 1000, height: 10, data: new Uint8Array(30000).fill(77) };
    const fitted = fitToPanel(flat);
    expect([fitted.width, fitted.height]).toEqual([256, 3]);
    expect(new Set(fitted.data)).toEqual(new Set([77]));
    const tiny = fitToPanel({ width: 2, height: 1, data: Uint8Array.of(10, 20, 30, 40, 50, 60) });
    expect([tiny.width, tiny.height]).toEqual([256, 128]);
    expect(Array.from(tiny.data.subarray(0, 3))).toEqual([10, 20, 30]);
    expect(Array.from(tiny.data.subarray(3 * 255, 3 * 256))).toEqual([40, 50, 60]);
  });
});
