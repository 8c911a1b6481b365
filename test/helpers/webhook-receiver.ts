/**
 * A real webhook endpoint on loopback for tests: records every request (raw body and
 * headers, as a receiver must verify them) and answers with what `respond` says.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach } from 'vitest';
import { pollUntil } from './poll.ts';
import { useGateway, useHarness } from './use-stack.ts';

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: { id: string; object: string } };
  receivedAt: number;
}

export type Responder = (
  d: Delivery,
  all: Delivery[],
) => { status: number; headers?: Record<string, string> };

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  respond: Responder;
  /** Resolves once `predicate` holds for the deliveries so far. */
  waitFor(predicate: (all: Delivery[]) => boolean, timeoutMs?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

export async function startReceiver(respond: Responder = () => ({ status: 204 })): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const receiver = { respond } as Receiver;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const d: Delivery = {
        path: req.url ?? '',
        headers: req.headers,
        body,
        json: JSON.parse(body || 'null') as Delivery['json'],
        receivedAt: Date.now(),
      };
      deliveries.push(d);
      const answer = receiver.respond(d, deliveries);
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/atelier`,
    deliveries,
    waitFor: (predicate: (all: Delivery[]) => boolean, timeoutMs = 30_000) =>
      pollUntil(() => deliveries, predicate, {
        what: 'webhook condition',
        timeoutMs,
        intervalMs: 50,
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

export const typesOf = (ds: Delivery[]) => ds.map((d) => d.json.type);

export const webhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
export const headersOf = (d: Delivery) => d.headers as Record<string, string>;

/**
 * The file's stack for webhook tests: workers that sign with `secrets` (several during a
 * rotation) and may call loopback over plain http, a gateway, and `receiver()` endpoints
 * that are closed after each test.
 */
export function useWebhookStack(secrets: string[]) {
  const h = useHarness({
    workers: 'all',
    deps: { webhooks: { secrets, policy: { allowPrivate: true, allowHttp: true }, timeoutMs: 10_000 } },
  });
  const gw = useGateway(h);
  const receivers: Receiver[] = [];
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
  });
  const receiver = async (respond?: Responder) => {
    const r = await startReceiver(respond);
    receivers.push(r);
    return r;
  };
  return { h, gw, receiver };
}
