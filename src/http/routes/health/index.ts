/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it can do its job).
 * Every readiness check is bounded on its own (a hung Temporal server or a stuck disk
 * would otherwise hold the answer for the client's whole retry budget, 60 s and more,
 * and then say 200), so the answer comes in about CHECK_TIMEOUT_MS whatever hangs.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { missingSearchAttributes } from '../../../temporal/search-attributes.ts';
import { type AppEnv, type GatewayDeps } from '../../app-types.ts';

/** Each check gives up after this; they run side by side, so /readyz answers in ≤ 3 s. */
export const CHECK_TIMEOUT_MS = 2_000;

const CheckSchema = z
  .object({
    name: z.enum(['temporal', 'namespace', 'searchAttributes', 'storage']),
    ok: z.boolean(),
    detail: z.string().optional().openapi({
      description: 'Why the check failed, e.g. `no answer within 2000 ms`, `EROFS: read-only file system, …`',
    }),
  })
  .openapi('ReadinessCheck', {
    description:
      'temporal: the server answers; namespace: it exists; searchAttributes: registered; storage: a probe object ' +
      '(outside every tenant) is written and deleted. Each is bounded to 2 s.',
  });
type CheckName = z.infer<typeof CheckSchema>['name'];
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
  description:
    'Each check is bounded to 2 s and they run side by side, so the answer comes within about 3 s even when ' +
    'Temporal or storage hangs; a 503 lists which check failed and why.',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadySchema } } },
    503: {
      description: 'Not ready; the failing checks say why',
      content: { 'application/json': { schema: ReadySchema } },
    },
  },
});

/**
 * Runs one check within CHECK_TIMEOUT_MS. The check gets the deadline to pass on (gRPC
 * deadline, AbortSignal); the race is the backstop for work that cannot be interrupted
 * (a local file system call), which is then left to finish on its own.
 */
async function check(
  name: CheckName,
  fn: (deadline: number) => Promise<string | undefined>,
): Promise<z.infer<typeof CheckSchema>> {
  const deadline = Date.now() + CHECK_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS + 100);
  });
  try {
    const problem = await Promise.race([fn(deadline), timeout]);
    return problem ? { name, ok: false, detail: problem } : { name, ok: true };
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    return {
      name,
      ok: false,
      detail: Date.now() >= deadline ? `no answer within ${CHECK_TIMEOUT_MS} ms (${message})` : message,
    };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: GatewayDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(healthRoute, (c) => c.json({ ok: true as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const { connection } = deps.client;
    const checks = await Promise.all([
      check('temporal', async (deadline) => {
        await connection.withDeadline(deadline, () => connection.workflowService.getSystemInfo({}));
        return undefined;
      }),
      check('namespace', async (deadline) => {
        await connection.withDeadline(deadline, () =>
          connection.workflowService.describeNamespace({ namespace: deps.namespace }),
        );
        return undefined;
      }),
      check('searchAttributes', async (deadline) => {
        const missing = await connection.withDeadline(deadline, () =>
          missingSearchAttributes(connection, deps.namespace),
        );
        return missing.length ? `missing ${missing.join(', ')} (run \`atelier setup\`)` : undefined;
      }),
      // Writes and deletes a probe outside every tenant, itself bounded to 2 s (storage.ts).
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
