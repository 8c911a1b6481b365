/**
 * The per-run work dir of a command trainer: a fresh directory per attempt (a trainer
 * orphaned by a crashed worker may still be writing into the old one), removed when the
 * run ends — the checkpoints that matter are in storage by then.
 *
 *   <workDir>/atelier-run-<trainer>-<job>-XXXXXX/
 *     input/image.png   the decoded training image (RGB, 8 bits)
 *     output/           ATELIER_OUTPUT_DIR: artifacts go here
 *     checkpoints/      ATELIER_CHECKPOINT_DIR: checkpoint files go here
 *     resume/<name>     ATELIER_RESUME_CHECKPOINT: the restored checkpoint file, if any
 *     owner.json        host and worker pid, so a dir left by a dead worker can be swept
 */
import { mkdir, mkdtemp, realpath, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { type TrainingPixels } from '../trainer.ts';
import { type RunPaths } from './command-line.ts';
import { RUN_DIR_PREFIX, writeRunDirOwner } from './stale-run-dirs.ts';

export interface RunDir extends RunPaths {
  remove(): Promise<void>;
}

export interface RunDirInput {
  root?: string;
  trainer: string;
  jobId: string;
  pixels: TrainingPixels;
  /** The checkpoint file to restore, under its original name. */
  resume: { name: string; data: Uint8Array } | null;
}

const safeSegment = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);

export async function createRunDir(input: RunDirInput): Promise<RunDir> {
  const root = input.root ?? os.tmpdir();
  const workDir = await mkdtemp(
    path.join(root, `${RUN_DIR_PREFIX}${safeSegment(input.trainer)}-${safeSegment(input.jobId)}-`),
  );
  const remove = () => rm(workDir, { recursive: true, force: true });
  try {
    await writeRunDirOwner(workDir);
    const [inputDir, outputDir, checkpointDir] = ['input', 'output', 'checkpoints'].map((d) =>
      path.join(workDir, d),
    );
    await Promise.all([inputDir, outputDir, checkpointDir].map((d) => mkdir(d)));
    const image = path.join(inputDir, 'image.png');
    const { width, height, data } = input.pixels;
    await sharp(data, { raw: { width, height, channels: 3 } })
      .png()
      .toFile(image);
    let resumeCheckpoint: string | null = null;
    if (input.resume) {
      await mkdir(path.join(workDir, 'resume'));
      const name = path.basename(input.resume.name);
      resumeCheckpoint = path.join(
        workDir,
        'resume',
        name === '' || name === '.' || name === '..' ? 'checkpoint' : name,
      );
      await writeFile(resumeCheckpoint, input.resume.data);
    }
    return { workDir, image, outputDir, checkpointDir, resumeCheckpoint, remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

export class ReportedPathError extends Error {
  override name = 'ReportedPathError';
}

/**
 * The regular file a trainer reported, which must lie inside `dir` once every symlink is
 * resolved. Relative paths are taken relative to `dir`.
 */
export async function resolveReportedFile(dir: string, reported: string): Promise<string> {
  const realDir = await realpath(dir);
  let real: string;
  try {
    real = await realpath(path.resolve(dir, reported));
  } catch {
    throw new ReportedPathError(`${reported} does not exist`);
  }
  if (!real.startsWith(realDir + path.sep)) throw new ReportedPathError(`${reported} is outside ${dir}`);
  if (!(await stat(real)).isFile()) throw new ReportedPathError(`${reported} is not a regular file`);
  return real;
}
