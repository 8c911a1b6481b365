/**
 * The old service answered errors as `{"message": "..."}`. Our problem+json answers
 * keep every member and gain `message` (= `detail`), so old clients still find theirs.
 */
import { createMiddleware } from 'hono/factory';
import { type AppEnv } from '../../app-types.ts';

export const legacyMessages = createMiddleware<AppEnv>(async function legacyMessages(c, next) {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('application/problem+json')) return;
  const body = (await c.res.clone().json()) as { detail?: string };
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res = new Response(JSON.stringify({ message: body.detail, ...body }), { status: c.res.status, headers });
});
