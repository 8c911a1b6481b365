/**
 * How a job's checkpoints are laid out and recorded (the same on every backend):
 *
 *   checkpoints/000042-3fa9c2d1.ckpt   the trainer's bytes; a fresh name per write, never overwritten
 *   checkpoints/000042-3fa9c2d1.json   its record: iteration, loss, size, sha256, writer
 *   checkpoints/latest.json            the head: who owns the line (writer) and which checkpoint is
 *                                      latest; changed only by compare-and-swap
 *
 * Records are validated on every read, so a damaged file is reported as such and never
 * trusted: its key must be one this module would have produced.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { checkpointPrefix } from './keys.ts';
import type { CheckpointRecord, CheckpointWriter, JobRef } from './types.ts';

const NAME = /^(\d{6,})-([0-9a-f]{8})$/;
const FILE = /^(\d{6,}-[0-9a-f]{8})\.(ckpt|json)$/;

const WriterSchema = z.object({
  workflowRunId: z.string().min(1).max(128),
  run: z.number().int().nonnegative(),
  attempt: z.number().int().positive(),
});

export const RecordSchema = z.object({
  key: z.string().regex(NAME),
  iteration: z.number().int().nonnegative(),
  loss: z.number().nullable(),
  createdAt: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  writer: WriterSchema,
});

export const HeadSchema = z.object({
  writer: WriterSchema,
  checkpoint: RecordSchema.nullable(),
  claimedAt: z.string(),
});
export type Head = z.infer<typeof HeadSchema>;

export const validWriter = (w: unknown): w is CheckpointWriter => WriterSchema.safeParse(w).success;

export function newCheckpointName(iteration: number): string {
  return `${String(iteration).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
}

/** Iteration and name of a checkpoint file, or null for anything else in the directory. */
export function parseCheckpointFile(
  file: string,
): { name: string; iteration: number; kind: 'ckpt' | 'json' } | null {
  const m = FILE.exec(file);
  return m ? { name: m[1], iteration: Number(m[1].split('-')[0]), kind: m[2] as 'ckpt' | 'json' } : null;
}

export const layout = (job: JobRef) => {
  const dir = checkpointPrefix(job);
  return {
    dir,
    head: `${dir}latest.json`,
    data: (name: string) => `${dir}${name}.ckpt`,
    record: (name: string) => `${dir}${name}.json`,
  };
};

/** A record is only trusted if its key names a checkpoint of its own iteration. */
function assertOwnIteration(record: CheckpointRecord): CheckpointRecord {
  if (Number(record.key.split('-')[0]) !== record.iteration) {
    throw new Error(`key ${record.key} is not iteration ${record.iteration}`);
  }
  return record;
}

export const parseRecord = (text: Buffer): CheckpointRecord =>
  assertOwnIteration(RecordSchema.parse(JSON.parse(text.toString('utf8'))));

export function parseHead(text: Buffer): Head {
  const head = HeadSchema.parse(JSON.parse(text.toString('utf8')));
  if (head.checkpoint) assertOwnIteration(head.checkpoint);
  return head;
}

/**
 * Whether `a` supersedes `b`. Within one workflow execution the later (run, attempt)
 * does; writers of different executions are not ordered here (a claim from a new
 * execution takes over, see checkpoints.ts).
 */
export function supersedes(a: CheckpointWriter, b: CheckpointWriter): boolean {
  if (a.workflowRunId !== b.workflowRunId) return false;
  return a.run > b.run || (a.run === b.run && a.attempt > b.attempt);
}

export const sameWriter = (a: CheckpointWriter, b: CheckpointWriter) =>
  a.workflowRunId === b.workflowRunId && a.run === b.run && a.attempt === b.attempt;

export const describeWriter = (w: CheckpointWriter) =>
  `run ${w.run} attempt ${w.attempt} of execution ${w.workflowRunId}`;
