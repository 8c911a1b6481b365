/** POST /v1/trainings: submit a training job (JSON with base64 image, or multipart with a file). */
import { DEFAULT_PRIORITY } from '../../../../workflows/messages.ts';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { submitTraining, type TrainingRequest } from '../../../jobs/submit-training.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { ApiError } from '../../errors.ts';
import { BEARER_SECURITY, RATE_LIMIT_HEADERS, problems } from '../../schemas/common.ts';
import { JobSchema } from '../../schemas/job.ts';
import { decodeBase64Image } from '../../uploads/base64-image.ts';
import { countSubmissions } from '../../submission-outcome.ts';
import { rateLimitHeaders } from '../../rate-limit-headers.ts';
import { CreateTrainingFormSchema, CreateTrainingJsonSchema } from './create-schemas.ts';

const routeOf = (gw: Gateway) =>
  createRoute({
    middleware: [countSubmissions(gw.metrics, 'v1')] as const,
    method: 'post',
    path: '/v1/trainings',
    tags: ['trainings'],
    operationId: 'createTraining',
    summary: 'Submit a training job',
    description:
      'Stores the image (claim check) and starts a durable training workflow. Repeating a request with the same `id` or `Idempotency-Key` returns the same job (`Idempotent-Replayed: true`); the same key with a different request is a 409.',
    security: BEARER_SECURITY,
    request: {
      headers: z.object({
        'idempotency-key': z
          .string()
          .min(1)
          .max(255)
          .optional()
          .openapi({ description: 'Makes retries safe: the same key returns the same job' }),
      }),
      body: {
        content: {
          'application/json': { schema: CreateTrainingJsonSchema },
          'multipart/form-data': { schema: CreateTrainingFormSchema },
        },
      },
    },
    responses: {
      202: {
        description: 'Accepted: the job (new, or the earlier one for a repeated request)',
        headers: RATE_LIMIT_HEADERS,
        content: { 'application/json': { schema: JobSchema } },
      },
      ...problems(400, 401, 409, 413, 415, 422, 429, 503),
    },
  });

const isJson = (ct: string) => /^application\/(?:[\w.-]+\+)?json\b/i.test(ct.trim());
const isMultipart = (ct: string) => /^multipart\/form-data\b/i.test(ct.trim());

type Fields = Omit<TrainingRequest, 'tenantId' | 'idempotencyKey'>;
type CommonFields = Omit<z.infer<typeof CreateTrainingJsonSchema>, 'styleRefBase64'>;

/** The fields both body types share, with their defaults. */
const common = (b: CommonFields) => ({
  ...b,
  params: b.params ?? {},
  priority: b.priority ?? DEFAULT_PRIORITY,
  startAt: b.startAt ? new Date(b.startAt) : undefined,
});

export function createTrainingRoute(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>();
  return app.openapi(routeOf(gw), async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    let fields: Fields;
    if (isJson(contentType)) {
      const { styleRefBase64, ...b } = c.req.valid('json') as z.infer<typeof CreateTrainingJsonSchema>;
      fields = {
        ...common(b),
        image: decodeBase64Image(styleRefBase64, 'styleRefBase64'),
        imageField: 'styleRefBase64',
      };
    } else if (isMultipart(contentType)) {
      const { image, ...f } = c.req.valid('form') as z.infer<typeof CreateTrainingFormSchema>;
      fields = { ...common(f), image: Buffer.from(await image.arrayBuffer()), imageField: 'image' };
    } else {
      throw new ApiError(
        'unsupported_media_type',
        'send application/json (styleRefBase64) or multipart/form-data (image file)',
      );
    }
    const { facts, created, quota } = await submitTraining(gw, {
      ...fields,
      tenantId: c.get('tenantId'),
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      exemptFromLimits: c.get('isAdmin'),
    });
    const job = await gw.jobs.fromFacts(facts, { queue: 'cached' });
    c.get('log').info({ jobId: job.id, created }, created ? 'job submitted' : 'job submission replayed');
    c.header('location', job.links.self);
    if (!created) c.header('idempotent-replayed', 'true');
    for (const [name, value] of Object.entries(rateLimitHeaders(quota))) c.header(name, value);
    return c.json(job, 202);
  });
}
