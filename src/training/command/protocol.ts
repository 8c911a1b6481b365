/**
 * The messages a command trainer prints on stdout, one JSON object per line
 * (docs/command-trainer-protocol.md). Parsing never throws: a line that is not a valid
 * message comes back as `invalid` with the reason, and the caller logs it — a stray
 * `print()` in someone's training script must not fail a twelve-hour run.
 */
import { z } from 'zod';

/** Artifact names become file names in storage and URLs; manifest.json is ours. */
export const ARTIFACT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const RESERVED_ARTIFACT_NAMES = ['manifest.json'];

const iteration = z.number().int().min(0);
const loss = z.number().nullable().optional();
const filePath = z.string().min(1).max(4096);

export const ProgressMessageSchema = z.object({
  type: z.literal('progress'),
  iteration,
  total: z.number().int().positive().optional(),
  loss,
});

export const CheckpointMessageSchema = z.object({
  type: z.literal('checkpoint'),
  iteration,
  total: z.number().int().positive().optional(),
  loss,
  path: filePath,
});

export const ArtifactMessageSchema = z.object({
  type: z.literal('artifact'),
  name: z
    .string()
    .regex(ARTIFACT_NAME, 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$')
    .refine((n) => !RESERVED_ARTIFACT_NAMES.includes(n), 'is reserved'),
  path: filePath,
});

export const LogMessageSchema = z.object({
  type: z.literal('log'),
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  message: z.string(),
});

// Unknown extra keys are allowed (and ignored) so trainers can add fields without breaking.
export const TrainerMessageSchema = z.discriminatedUnion('type', [
  ProgressMessageSchema,
  CheckpointMessageSchema,
  ArtifactMessageSchema,
  LogMessageSchema,
]);

export type TrainerMessage = z.infer<typeof TrainerMessageSchema>;
export type ProgressMessage = z.infer<typeof ProgressMessageSchema>;
export type CheckpointMessage = z.infer<typeof CheckpointMessageSchema>;
export type ArtifactMessage = z.infer<typeof ArtifactMessageSchema>;

export type ParsedLine = { ok: true; message: TrainerMessage } | { ok: false; reason: string };

export function parseStdoutLine(line: string): ParsedLine {
  const text = line.trim();
  if (!text.startsWith('{')) return { ok: false, reason: 'not a JSON object' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const parsed = TrainerMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const reasons = parsed.error.issues.map((i) =>
    i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
  );
  return { ok: false, reason: reasons.join('; ') };
}
