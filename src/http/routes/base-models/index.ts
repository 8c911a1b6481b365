/** GET /v1/base-models: the trainers this deployment offers, with their parameters. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, problems } from '../../schemas/common.ts';

const ParameterSchema = z
  .object({
    name: z.string(),
    type: z.enum(['integer', 'number', 'string', 'boolean']),
    description: z.string(),
    default: z.unknown().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    enum: z.array(z.unknown()).optional(),
  })
  .openapi('TrainerParameter');

const BaseModelSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    version: z.string(),
    parameters: z.array(ParameterSchema),
  })
  .openapi('BaseModel');

const route = createRoute({
  method: 'get',
  path: '/v1/base-models',
  tags: ['base models'],
  operationId: 'listBaseModels',
  summary: 'List the trainers (base models) and their parameters',
  security: BEARER_SECURITY,
  responses: {
    200: {
      description: 'Trainers',
      content: {
        'application/json': { schema: z.object({ data: z.array(BaseModelSchema) }).openapi('BaseModelList') },
      },
    },
    ...problems(401),
  },
});

export function baseModelRoutes(gw: Gateway) {
  return new OpenAPIHono<AppEnv>().openapi(route, (c) =>
    c.json(
      {
        data: gw.trainers.list().map((t) => ({
          name: t.name,
          description: t.description,
          version: t.version,
          parameters: t.parameters,
        })),
      },
      200,
    ),
  );
}
