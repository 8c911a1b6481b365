/**
 * POST /v1/blobs: store an image and get its BlobRef, for callers that start
 * `styleTrainingWorkflow` themselves (another workflow, another language): image
 * bytes never travel through Temporal, the reference does. The body is the image
 * itself (`Content-Type: image/png|jpeg|webp`) or multipart with an `image` file.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { storeImage } from '../../../jobs/store-image.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { ApiError } from '../../errors.ts';
import { BEARER_SECURITY, problems } from '../../schemas/common.ts';

const BlobRefSchema = z
  .object({
    sha256: z
      .string()
      .openapi({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
    bytes: z.int(),
    contentType: z.string().openapi({ example: 'image/png' }),
  })
  .openapi('BlobRef', { description: 'Pass as `image` in a StyleTrainingInput (docs/contract/)' });

const binary = z.string().openapi({ type: 'string', format: 'binary' });
const route = createRoute({
  method: 'post',
  path: '/v1/blobs',
  tags: ['blobs'],
  operationId: 'createBlob',
  summary: 'Store an image for a workflow input (returns a BlobRef)',
  security: BEARER_SECURITY,
  request: {
    body: {
      required: true,
      content: {
        'image/png': { schema: binary },
        'image/jpeg': { schema: binary },
        'image/webp': { schema: binary },
        'multipart/form-data': { schema: z.object({ image: binary }).openapi('BlobUpload') },
      },
    },
  },
  responses: {
    201: {
      description: 'Stored (storing the same image again answers the same ref)',
      content: { 'application/json': { schema: BlobRefSchema } },
    },
    ...problems(400, 401, 413, 415, 422, 503),
  },
});

async function imageOf(req: Request): Promise<{ bytes: Buffer; field: string }> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type.startsWith('image/')) return { bytes: Buffer.from(await req.arrayBuffer()), field: 'body' };
  if (type === 'multipart/form-data') {
    const image = (await req.formData()).get('image');
    if (image instanceof File) return { bytes: Buffer.from(await image.arrayBuffer()), field: 'image' };
    throw new ApiError('validation_failed', 'the multipart body needs an `image` file part', {
      errors: [{ field: 'image', message: 'required' }],
    });
  }
  throw new ApiError(
    'unsupported_media_type',
    'send the image as image/png, image/jpeg or image/webp, or multipart/form-data',
  );
}

export function blobRoutes(gw: Gateway) {
  // The body is read by hand: zod-openapi validates JSON and forms, not raw image bodies.
  const app = new OpenAPIHono<AppEnv>();
  app.openAPIRegistry.registerPath(route);
  app.post('/v1/blobs', async (c) => {
    const { bytes, field } = await imageOf(c.req.raw);
    const ref = await storeImage(gw, c.get('tenantId'), bytes, field);
    return c.json(ref, 201);
  });
  return app;
}
