/**
 * `/v1/packs`: several styles trained together by `stylePackWorkflow` (bounded
 * parallelism, partial failure). Each style is also an ordinary job under
 * `/v1/trainings/<packId>.<n>`.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { packWorkflowId } from '../../../../workflows/job-identity.ts';
import { packPauseSignal, packResumeSignal } from '../../../../workflows/pack-messages.ts';
import { readPack } from '../../../jobs/read-pack.ts';
import { submitPack } from '../../../jobs/submit-pack.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, RATE_LIMIT_HEADERS, problems } from '../../schemas/common.ts';
import { rateLimitHeaders } from '../../rate-limit-headers.ts';
import { decodeBase64Image } from '../../uploads/base64-image.ts';
import { packRefOf } from '../../viewer.ts';
import { CreatePackSchema, PackIdParamsSchema, PackSchema } from './schemas.ts';

const packResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: PackSchema } },
});

const createPack = createRoute({
  method: 'post',
  path: '/v1/packs',
  tags: ['packs'],
  operationId: 'createPack',
  summary: 'Train several styles as one pack',
  security: BEARER_SECURITY,
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(255).optional() }),
    body: { required: true, content: { 'application/json': { schema: CreatePackSchema } } },
  },
  responses: {
    202: { ...packResponse('Accepted: the pack'), headers: RATE_LIMIT_HEADERS },
    ...problems(400, 401, 409, 413, 415, 422, 429, 503),
  },
});

const getPack = createRoute({
  method: 'get',
  path: '/v1/packs/{id}',
  tags: ['packs'],
  operationId: 'getPack',
  summary: 'A pack with the job of each style (answers without workers)',
  security: BEARER_SECURITY,
  request: { params: PackIdParamsSchema },
  responses: { 200: packResponse('The pack'), ...problems(400, 401, 404, 503) },
});

const action = (name: 'cancel' | 'pause' | 'resume') =>
  createRoute({
    method: 'post',
    path: `/v1/packs/{id}/${name}`,
    tags: ['packs'],
    operationId: `${name}Pack`,
    summary: `${name[0].toUpperCase()}${name.slice(1)} every style of a pack`,
    security: BEARER_SECURITY,
    request: { params: PackIdParamsSchema },
    responses: { 202: packResponse('Accepted'), ...problems(400, 401, 404, 503) },
  });

export function packRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(createPack, async (c) => {
    const body = c.req.valid('json');
    const { packId, created, quota } = await submitPack(gw, {
      tenantId: c.get('tenantId'),
      exemptFromLimits: c.get('isAdmin'),
      id: body.id,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      maxParallel: body.maxParallel,
      priority: body.priority,
      styles: body.styles.map((s, i) => ({
        styleName: s.styleName,
        baseModel: s.baseModel,
        params: s.params ?? {},
        image: decodeBase64Image(s.styleRefBase64, `styles.${i}.styleRefBase64`),
      })),
    });
    if (!created) c.header('idempotent-replayed', 'true');
    c.header('location', `/v1/packs/${packId}`);
    for (const [name, value] of Object.entries(rateLimitHeaders(quota))) c.header(name, value);
    return c.json(await readPack(gw.client, gw.jobs, packRefOf(c, packId)), 202);
  });
  app.openapi(getPack, async (c) =>
    c.json(await readPack(gw.client, gw.jobs, packRefOf(c, c.req.valid('param').id)), 200),
  );
  for (const name of ['cancel', 'pause', 'resume'] as const) {
    app.openapi(action(name), async (c) => {
      const { id } = c.req.valid('param');
      await readPack(gw.client, gw.jobs, packRefOf(c, id)); // 404 for missing packs
      const handle = gw.client.workflow.getHandle(packWorkflowId(c.get('tenantId'), id));
      if (name === 'cancel') await handle.cancel();
      else await handle.signal(name === 'pause' ? packPauseSignal : packResumeSignal, {});
      return c.json(await readPack(gw.client, gw.jobs, packRefOf(c, id)), 202);
    });
  }
  return app;
}
