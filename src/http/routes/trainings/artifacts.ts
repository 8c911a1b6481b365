/**
 * GET /v1/trainings/{id}/artifacts and /artifacts/{name}: list and download. Downloads
 * stream from storage with a strong ETag (the sha256), Content-Length and an
 * attachment disposition; If-None-Match answers 304.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { describeJob } from '../../../jobs/describe-job.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { ApiError } from '../../errors.ts';
import { BEARER_SECURITY, JobIdSchema, problems } from '../../schemas/common.ts';
import { jobRefOf } from '../../viewer.ts';

const ArtifactSchema = z
  .object({ name: z.string(), bytes: z.number().int(), sha256: z.string(), href: z.string() })
  .openapi('Artifact');
const NameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/)
  .refine((s) => !s.includes('..'), 'invalid name')
  .openapi({ param: { name: 'name', in: 'path' }, example: 'style.cube' });
const TYPES: Record<string, string> = {
  // Adobe Cube LUTs are text; there is no registered media type for them.
  cube: 'text/plain; charset=utf-8',
  png: 'image/png',
  json: 'application/json',
};

const listRoute = createRoute({
  method: 'get',
  path: '/v1/trainings/{id}/artifacts',
  tags: ['artifacts'],
  operationId: 'listTrainingArtifacts',
  summary: 'List artifacts (style.cube, preview.png, manifest.json once published)',
  security: BEARER_SECURITY,
  request: { params: z.object({ id: JobIdSchema.openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: {
      description: 'Artifacts',
      content: {
        'application/json': { schema: z.object({ data: z.array(ArtifactSchema) }).openapi('ArtifactList') },
      },
    },
    ...problems(400, 401, 404, 503),
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/v1/trainings/{id}/artifacts/{name}',
  tags: ['artifacts'],
  operationId: 'downloadTrainingArtifact',
  summary: 'Download an artifact',
  security: BEARER_SECURITY,
  request: {
    params: z.object({ id: JobIdSchema.openapi({ param: { name: 'id', in: 'path' } }), name: NameSchema }),
  },
  responses: {
    200: {
      description: 'The file (ETag = its sha256), typed by its name: .cube, .png, .json, anything else',
      // One entry per type a download can have, so the document says what the answer is.
      content: Object.fromEntries(
        [...new Set([...Object.values(TYPES), 'application/octet-stream'])].map((type) => [
          type.split(';')[0],
          { schema: z.string().openapi({ type: 'string', format: 'binary' }) },
        ]),
      ),
    },
    304: { description: 'Not modified (If-None-Match matched)' },
    ...problems(400, 401, 404, 503),
  },
});

export function artifactRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(listRoute, async (c) => {
    const { id } = c.req.valid('param');
    await describeJob(gw, jobRefOf(c, id));
    const list = await gw.storage.listArtifacts(id);
    return c.json(
      { data: list.map((a) => ({ ...a, href: `/v1/trainings/${id}/artifacts/${a.name}` })) },
      200,
    );
  });
  app.openapi(downloadRoute, async (c) => {
    const { id, name } = c.req.valid('param');
    await describeJob(gw, jobRefOf(c, id));
    const info = (await gw.storage.listArtifacts(id)).find((a) => a.name === name);
    if (!info) throw new ApiError('not_found', `job '${id}' has no artifact '${name}'`);
    const etag = `"${info.sha256}"`;
    const headers = { etag, 'cache-control': 'private, max-age=0, must-revalidate' };
    const ifNoneMatch = c.req.header('if-none-match');
    if (
      ifNoneMatch &&
      ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')
    ) {
      return new Response(null, { status: 304, headers });
    }
    const stream = Readable.toWeb(
      createReadStream(gw.storage.artifactPath(id, name)),
    ) as ReadableStream<Uint8Array>;
    return new Response(stream, {
      status: 200,
      headers: {
        ...headers,
        'content-type': TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
        'content-length': String(info.bytes),
        'content-disposition': `attachment; filename="${name}"`,
        'x-content-type-options': 'nosniff',
      },
    });
  });
  return app;
}
