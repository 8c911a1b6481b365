/**
 * Every request body of this API is required. Routes that accept both JSON and
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
