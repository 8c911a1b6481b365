/**
 * Corrections the route definitions cannot express. Every request body of this API is required. Routes that accept both JSON and
 * multipart must not say so to `@hono/zod-openapi` (it would then run both validators
 * on every request and one would always fail), so the document is corrected here.
 */
import { type OpenAPIHono } from '@hono/zod-openapi';

type OpenAPIObject = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

export function withRequiredBodies(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of [item.get, item.put, item.post, item.patch, item.delete]) {
      const body = operation?.requestBody;
      if (body && !('$ref' in body)) body.required = true;
    }
  }
  return doc;
}

const HEADERS_TOO_LARGE = {
  description:
    'Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** Any request can be too large to reach a route at all: every operation may answer 431. */
export function withServerLimits(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths ?? {}))
    for (const operation of [item.get, item.put, item.post, item.patch, item.delete])
      if (operation) operation.responses = { ...operation.responses, 431: HEADERS_TOO_LARGE };
  return doc;
}
