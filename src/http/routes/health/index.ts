/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it can do its job). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { missingSearchAttributes } from '../../../temporal/search-attributes.ts';
import { type AppEnv, type GatewayDeps } from '../../app-types.ts';

const CheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string().optional() });
const ReadySchema = z.object({ ready: z.boolean(), checks: z.array(CheckSchema) }).openapi('Readiness');

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Liveness',
  responses: {
    200: {
      description: 'The process is up',
      content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
    },
  },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary: 'Readiness: Temporal reachable, namespace and search attributes present, storage writable',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadySchema } } },
    503: {
      description: 'Not ready; the failing checks say why',
      content: { 'application/json': { schema: ReadySchema } },
    },
  },
});

async function check(
  name: string,
  fn: () => Promise<string | undefined>,
): Promise<z.infer<typeof CheckSchema>> {
  try {
    const problem = await fn();
    return problem ? { name, ok: false, detail: problem } : { name, ok: true };
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message.split('\n')[0] };
  }
}

export function healthRoutes(deps: GatewayDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(healthRoute, (c) => c.json({ ok: true as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const { connection } = deps.client;
    const checks = await Promise.all([
      check('temporal', async () => {
        await connection.workflowService.getSystemInfo({});
        return undefined;
      }),
      check('namespace', async () => {
        await connection.workflowService.describeNamespace({ namespace: deps.namespace });
        return undefined;
      }),
      check('searchAttributes', async () => {
        const missing = await missingSearchAttributes(connection, deps.namespace);
        return missing.length ? `missing ${missing.join(', ')} (run \`atelier setup\`)` : undefined;
      }),
      check('storage', async () => {
        await deps.storage.checkWritable();
        return undefined;
      }),
    ]);
    const ready = checks.every((x) => x.ok);
    return c.json({ ready, checks }, ready ? 200 : 503);
  });
  return app;
}
