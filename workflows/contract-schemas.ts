/**
 * The job contract as data: zod schemas of every workflow input and message, used by
 * the gateway at the door, by the workflows themselves on start (a job started by any
 * client in any language is checked the same way), and published as JSON Schema under
 * docs/contract/. zod is pure and deterministic, so it may run in the workflow sandbox.
 */
import { z } from 'zod';
import { JOB_PHASES, JOB_STATUSES } from './job-view.ts';
import { CLIENT_JOB_ID_PATTERN, JOB_ID_PATTERN, PACK_ID_PATTERN, TENANT_ID_PATTERN } from './job-identity.ts';

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 5;
/** The priority of a job that asks for none: the middle of the range. */
export const DEFAULT_PRIORITY = 3;
export const MAX_PACK_STYLES = 16;

export const WEBHOOK_EVENTS = [
  'training.started',
  'training.paused',
  'training.resumed',
  'training.succeeded',
  'training.failed',
  'training.cancelled',
] as const;

// Control (Cc) and format (Cf: bidi overrides, zero-width, …) characters never belong in
// names and labels that end up in logs, the Temporal UI and other people's terminals.
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/u;

/** Text shown to people: well-formed Unicode (no lone surrogates), no control or format characters. */
export function plainText(max: number, min = 0) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((s) => s.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)')
    .refine((s) => !UNPRINTABLE.test(s), 'must not contain control or format characters');
}

export const TenantIdSchema = z.string().regex(TENANT_ID_PATTERN);
export const ClientJobIdSchema = z.string().regex(CLIENT_JOB_ID_PATTERN);
export const JobIdSchema = z.string().regex(JOB_ID_PATTERN);
export const PackIdSchema = z.string().regex(PACK_ID_PATTERN);
export const StyleNameSchema = plainText(200, 1).refine((s) => s.trim().length > 0, 'must not be blank');
export const BaseModelSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
export const ParamsSchema = z
  .record(z.string().max(64), z.unknown())
  .refine((p) => Object.keys(p).length <= 32, 'at most 32 parameters');
export const PrioritySchema = z.number().int().min(MIN_PRIORITY).max(MAX_PRIORITY);
export const WebhookTargetSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2048),
    events: z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length).optional(),
  })
  .strict();
export const MetadataSchema = z
  .record(plainText(64, 1), plainText(512))
  .refine((m) => Object.keys(m).length <= 16, 'at most 16 entries');
/** Claim check: an image stored with POST /v1/blobs (or by the gateway), never the bytes themselves. */
export const BlobRefSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    contentType: z
      .string()
      .max(100)
      .regex(/^[a-z]+\/[a-z0-9.+-]+$/),
  })
  .strict();
const TimestampSchema = z.iso.datetime({ offset: true });
const HeartbeatTimeoutSchema = z.number().int().min(1_000).max(600_000);

export const StyleTrainingInputSchema = z
  .object({
    jobId: JobIdSchema,
    tenantId: TenantIdSchema,
    styleName: StyleNameSchema,
    baseModel: BaseModelSchema,
    image: BlobRefSchema,
    params: ParamsSchema,
    priority: PrioritySchema,
    webhook: WebhookTargetSchema.optional(),
    metadata: MetadataSchema.optional(),
    createdAt: TimestampSchema,
    /** Heartbeat timeout of the training activity (crash detection); default 10 s. */
    heartbeatTimeoutMs: HeartbeatTimeoutSchema.optional(),
    /** Push `childUpdate` signals to the parent workflow (a pack does); off by default. */
    notifyParent: z.boolean().optional(),
  })
  .strict();

export const PackStyleInputSchema = z
  .object({
    styleName: StyleNameSchema,
    baseModel: BaseModelSchema,
    image: BlobRefSchema,
    params: ParamsSchema,
    /** Planned iterations (for the child's memo, which the API reads without a worker). */
    total: z.number().int().nonnegative().optional(),
  })
  .strict();

export const StylePackInputSchema = z
  .object({
    packId: PackIdSchema,
    tenantId: TenantIdSchema,
    styles: z.array(PackStyleInputSchema).min(1).max(MAX_PACK_STYLES),
    /** How many styles train at once (bounded parallelism); default 2. */
    maxParallel: z.number().int().min(1).max(MAX_PACK_STYLES).optional(),
    priority: PrioritySchema,
    createdAt: TimestampSchema,
    heartbeatTimeoutMs: HeartbeatTimeoutSchema.optional(),
  })
  .strict();

const ReasonSchema = z.object({ reason: plainText(200).optional() }).strict();
export const PauseInputSchema = ReasonSchema;
export const ResumeInputSchema = ReasonSchema;
export const SetPriorityInputSchema = z.object({ priority: PrioritySchema }).strict();
export const SetPriorityResultSchema = z.object({ priority: PrioritySchema, requeued: z.boolean() });

const ProgressSchema = z.object({
  iteration: z.number().int(),
  total: z.number().int(),
  loss: z.number().nullable(),
  percent: z.number(),
});
const JobErrorSchema = z.object({ code: z.string(), message: z.string() });

/** What the `status` query answers (the API's job object is built from the same facts). */
export const JobViewSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  styleName: z.string(),
  baseModel: z.string(),
  status: z.enum(JOB_STATUSES),
  phase: z.enum(JOB_PHASES),
  priority: z.number().int(),
  progress: ProgressSchema.nullable(),
  attempt: z.number().int(),
  trainingRuns: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: JobErrorSchema.nullable(),
  artifacts: z.array(z.string()),
  params: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.string()),
});

export type StyleTrainingInput = z.infer<typeof StyleTrainingInputSchema>;
export type StylePackInput = z.infer<typeof StylePackInputSchema>;
export type PackStyleInput = z.infer<typeof PackStyleInputSchema>;
export type BlobRef = z.infer<typeof BlobRefSchema>;
export type WebhookTarget = z.infer<typeof WebhookTargetSchema>;
export type PauseInput = z.infer<typeof PauseInputSchema>;
export type ResumeInput = z.infer<typeof ResumeInputSchema>;
export type SetPriorityInput = z.infer<typeof SetPriorityInputSchema>;
export type SetPriorityResult = z.infer<typeof SetPriorityResultSchema>;

/** `path: message` for each issue, the way a failure names bad fields. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`).join('; ');
}
