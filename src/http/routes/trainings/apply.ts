/** POST /v1/trainings/{id}/apply: grade an uploaded image with the job's trained style; returns a PNG. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { applyStyle } from '../../../jobs/apply-style.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { ApiError } from '../../errors.ts';
import { BEARER_SECURITY, JobIdParamsSchema, problems } from '../../schemas/common.ts';
import { decodeBase64Image } from '../../uploads/base64-image.ts';
import { jobRefOf } from '../../viewer.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/trainings/{id}/apply',
  tags: ['trainings'],
  operationId: 'applyTraining',
  summary: "Apply a succeeded job's style to an image",
  description:
    'Send the image as multipart `image` or JSON `imageBase64` (PNG, JPEG or WebP). The answer is the graded image as PNG.',
  security: BEARER_SECURITY,
  request: {
    params: JobIdParamsSchema,
    body: {
      content: {
        'application/json': {
          schema: z
            .object({ imageBase64: z.string().min(1) })
            .strict()
            .openapi('ApplyJson'),
        },
        'multipart/form-data': {
          schema: z
            .object({ image: z.instanceof(File).openapi({ type: 'string', format: 'binary' }) })
            .strict()
            .openapi('ApplyMultipart'),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The graded image',
      content: { 'image/png': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
    },
    ...problems(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

export function applyRoute(gw: Gateway) {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const contentType = c.req.header('content-type') ?? '';
    let bytes: Buffer;
    let field: string;
    if (/^application\/json\b/i.test(contentType)) {
      [bytes, field] = [
        decodeBase64Image((c.req.valid('json') as { imageBase64: string }).imageBase64, 'imageBase64'),
        'imageBase64',
      ];
    } else if (/^multipart\/form-data\b/i.test(contentType)) {
      [bytes, field] = [
        Buffer.from(await (c.req.valid('form') as { image: File }).image.arrayBuffer()),
        'image',
      ];
    } else {
      throw new ApiError(
        'unsupported_media_type',
        'send multipart/form-data (image) or application/json (imageBase64)',
      );
    }
    const png = await applyStyle(gw, { job: jobRefOf(c, id), image: bytes, imageField: field });
    return c.body(new Uint8Array(png), 200, {
      'content-type': 'image/png',
      'content-length': String(png.length),
      'content-disposition': `inline; filename="${id}-graded.png"`,
    });
  });
}
