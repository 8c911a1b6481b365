/**
 * Acts on each stdout line of a command trainer. A line we cannot act on — not JSON, an
 * unknown type, a bad field, a path outside the trainer's own directory, a missing file —
 * is logged as a warning and ignored, never fatal. Only a failure to store a checkpoint
 * rejects (and so stops the run): progress that cannot be made durable is not progress.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { type TrainerRun } from '../trainer.ts';
import { type RunPaths } from './command-line.ts';
import { type ArtifactMessage, type CheckpointMessage, parseStdoutLine } from './protocol.ts';
import { ReportedPathError, resolveReportedFile } from './run-dir.ts';
import { type RunProgress } from './run-progress.ts';
import { encodeState } from './state-container.ts';
import { type TrainerOutput } from './trainer-output.ts';

export interface StdoutContext {
  paths: RunPaths;
  progress: RunProgress;
  output: TrainerOutput;
  run: Pick<TrainerRun, 'onProgress' | 'onCheckpoint'>;
  /** Artifact name → reported path (checked), in report order; a repeated name replaces the file. */
  artifacts: Map<string, string>;
}

export function createStdoutHandler(ctx: StdoutContext): (line: string, truncated: boolean) => Promise<void> {
  const ignore = (line: string, reason: string) =>
    ctx.output.note(
      'warn',
      `ignored trainer stdout line (${reason}): ${line.length > 500 ? line.slice(0, 500) + '…' : line}`,
    );

  async function checkpoint(m: CheckpointMessage, line: string): Promise<void> {
    let file: string;
    try {
      file = await resolveReportedFile(ctx.paths.checkpointDir, m.path);
    } catch (err) {
      if (err instanceof ReportedPathError) return ignore(line, `checkpoint: ${err.message}`);
      throw err;
    }
    const data = await readFile(file);
    const p = ctx.progress.record(m.iteration, m.total, m.loss);
    ctx.run.onProgress(p);
    const state = encodeState({
      kind: 'checkpoint',
      iteration: m.iteration,
      total: p.total,
      losses: ctx.progress.lossesUpTo(m.iteration),
      files: [{ name: path.basename(file), data }],
    });
    await ctx.run.onCheckpoint({ ...p, data: state });
    // Stored: the file is ours to remove (the protocol says so), which keeps the disk from filling up.
    await rm(file, { force: true });
  }

  async function artifact(m: ArtifactMessage, line: string): Promise<void> {
    try {
      await resolveReportedFile(ctx.paths.outputDir, m.path);
      ctx.artifacts.set(m.name, m.path);
    } catch (err) {
      if (err instanceof ReportedPathError) return ignore(line, `artifact ${m.name}: ${err.message}`);
      throw err;
    }
  }

  return async (line, truncated) => {
    if (truncated) return ignore(line, 'line too long');
    const parsed = parseStdoutLine(line);
    if (!parsed.ok) return ignore(line, parsed.reason);
    const m = parsed.message;
    switch (m.type) {
      case 'progress':
        ctx.run.onProgress(ctx.progress.record(m.iteration, m.total, m.loss));
        return;
      case 'checkpoint':
        return checkpoint(m, line);
      case 'artifact':
        return artifact(m, line);
      case 'log':
        ctx.output.message(m.level, m.message);
        return;
    }
  };
}
