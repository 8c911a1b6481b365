/**
 * Size of the pixels handed to the trainer. Colour statistics converge long before a
 * megapixel, so large uploads are shrunk to at most `maxPixels` to bound memory and time.
 */
export interface Size {
  width: number;
  height: number;
}

/**
 * Largest size within `maxPixels` that keeps the aspect ratio (up to rounding) and never
 * enlarges. Both sides are computed here, not by sharp's `fit`, so the bound holds exactly:
 * for extreme aspect ratios (e.g. 10×200000) the short side bottoms out at 1 px and the long
 * side is then capped too, which bends the aspect ratio; colour statistics do not care.
 */
export function trainingSize(source: Size, maxPixels: number): Size {
  if (!(maxPixels >= 1)) throw new RangeError(`maxPixels must be at least 1, got ${maxPixels}`);
  const { width, height } = source;
  if (width * height <= maxPixels) return { width, height };
  const scale = Math.sqrt(maxPixels / (width * height));
  const w = clamp(Math.floor(width * scale), 1, width);
  const h = clamp(Math.min(Math.floor(height * scale), Math.floor(maxPixels / w)), 1, height);
  // If height bottomed out at 1, width may be re-capped against the budget as well.
  return { width: Math.min(w, Math.floor(maxPixels / h)), height: h };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
