/**
 * Our .cube files must load in ffmpeg's lut3d filter and grade like our own applier.
 * Runs the real ffmpeg (installed on demand by ensureFfmpeg); never skipped.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityLattice } from '../../src/training/color-lut/state.ts';
import { parseCube, writeCube } from '../../src/training/cube-format.ts';
import { applyLutToRgb8 } from '../../src/training/lut-apply.ts';
import { ensureFfmpeg } from '../helpers/ensure-ffmpeg.ts';
import { greyBlueContent, noisePixels, orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

const run = promisify(execFile);
const WIDTH = 96;
const HEIGHT = 64;

/** Gradient content plus noise pixels, so every LUT cell and tetrahedron gets exercised. */
function testImage(): Uint8Array {
  const content = greyBlueContent(WIDTH, HEIGHT / 2).data;
  return Uint8Array.from([...content, ...noisePixels((WIDTH * HEIGHT) / 2, 11)]);
}

let ffmpeg: string;
let dir: string;

beforeAll(async () => {
  ffmpeg = await ensureFfmpeg();
  dir = await mkdtemp(join(tmpdir(), 'atelier-cube-ffmpeg-'));
}, 15 * 60_000); // a cold apt-get install can take minutes

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Grades `pixels` with ffmpeg's lut3d (tetrahedral, like ours) and returns ffmpeg's RGB8 output. */
async function ffmpegApply(cubeText: string, pixels: Uint8Array, name: string): Promise<Uint8Array> {
  const input = join(dir, `${name}.ppm`);
  const cube = join(dir, `${name}.cube`);
  const output = join(dir, `${name}.rgb`);
  // Binary PPM (P6): the simplest RGB8 container ffmpeg reads, with no colour management involved.
  await writeFile(input, Buffer.concat([Buffer.from(`P6\n${WIDTH} ${HEIGHT}\n255\n`, 'ascii'), pixels]));
  await writeFile(cube, cubeText);
  await run(ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    input,
    '-vf',
    `lut3d=file=${cube}:interp=tetrahedral`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    output,
  ]);
  return new Uint8Array(await readFile(output));
}

function maxAbsDiff(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('.cube files in ffmpeg lut3d', () => {
  const pixels = testImage();
  const trained = trainInProcess(orangeTealReference(), { lutSize: 33, iterations: 30 });

  it('an identity LUT leaves the image unchanged in ffmpeg (within rounding)', async () => {
    const out = await ffmpegApply(
      writeCube({ title: 'identity', size: 17, data: identityLattice(17) }),
      pixels,
      'identity',
    );
    expect(maxAbsDiff(out, pixels)).toBeLessThanOrEqual(1);
  });

  // ≤ 1, not more: ffmpeg truncates to 8 bits where we round, which costs exactly one level at
  // most; trilinear interpolation on the same LUTs already differs by 2, so this pins tetrahedral.
  it.each([17, 33, 65])(
    'a trained %i³ LUT grades like applyLutToRgb8 (max |Δ| ≤ 1 of 255)',
    async (size) => {
      const { lut } =
        size === 33
          ? trained
          : trainInProcess(orangeTealReference(), { lutSize: size as 17 | 65, iterations: 10 });
      const text = writeCube({ title: `trained ${size}`, size, data: lut });
      const ours = applyLutToRgb8(pixels, parseCube(text).data, size);
      const theirs = await ffmpegApply(text, pixels, `trained-${size}`);
      expect(maxAbsDiff(ours, pixels)).toBeGreaterThan(20); // the grade is real, so agreement means something
      expect(maxAbsDiff(theirs, ours)).toBeLessThanOrEqual(1);
    },
    300_000,
  ); // a hang guard, not a speed bound: the 65³ training takes minutes on a loaded 2-core machine

  it('ffmpeg refuses a malformed cube that our reader also refuses', async () => {
    const broken = 'LUT_3D_SIZE 2\n0 0 0\n';
    expect(() => parseCube(broken)).toThrow();
    await expect(ffmpegApply(broken, pixels, 'broken')).rejects.toThrow();
  });
});
