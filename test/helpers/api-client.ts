/** The HTTP API as tests use it: request bodies, polling a job, reading problems; types from src/. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import { type Gateway } from './gateway-harness.ts';
import { pollUntil } from './poll.ts';
import { contentImage, styleImage } from '../harness/images.ts';

/** Fast jobs: a few iterations on the smallest lattice. */
export const FAST_PARAMS = { iterations: 3, lutSize: 17 };

export async function trainingBody(
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return {
    styleName: 'Test style',
    baseModel: 'color-lut',
    styleRefBase64: (await styleImage()).toString('base64'),
    params: FAST_PARAMS,
    ...overrides,
  };
}

export const uniqueId = (prefix = 'job') => `${prefix}-${randomUUID().slice(0, 12)}`;

export async function postJson(
  gw: Gateway,
  path: string,
  body: unknown,
  init: RequestInit & { key?: string } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  return gw.fetch(path, { ...init, method: init.method ?? 'POST', headers, body: JSON.stringify(body) });
}

export async function createJob(
  gw: Gateway,
  overrides: Record<string, unknown> = {},
  init: RequestInit & { key?: string } = {},
): Promise<ApiJob> {
  const res = await postJson(gw, '/v1/trainings', await trainingBody(overrides), init);
  const body = (await res.json()) as ApiJob;
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body;
}

export async function getJob(gw: Gateway, id: string, key?: string): Promise<ApiJob> {
  const res = await gw.fetch(`/v1/trainings/${id}`, { key });
  const body = (await res.json()) as ApiJob;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Polls GET until `predicate` holds. */
export function waitForJob(
  gw: Gateway,
  id: string,
  predicate: (j: ApiJob) => boolean,
  opts: { key?: string; timeoutMs?: number } = {},
): Promise<ApiJob> {
  return pollUntil(() => getJob(gw, id, opts.key), predicate, {
    what: `job ${id} condition`,
    timeoutMs: opts.timeoutMs,
    intervalMs: 150,
  });
}

/** A route that addresses one job; `body` makes a valid body where the route takes one. */
export type JobRoute = [method: string, path: string, body?: () => Promise<unknown>];

/** Every route that addresses one job; DELETE last, since it would end the job for the routes after it. */
export const jobRoutes = (id: string): JobRoute[] => [
  ['GET', `/v1/trainings/${id}`],
  ['PATCH', `/v1/trainings/${id}`, async () => ({ priority: 1 })],
  ['POST', `/v1/trainings/${id}/cancel`],
  ['POST', `/v1/trainings/${id}/pause`],
  ['POST', `/v1/trainings/${id}/resume`],
  ['GET', `/v1/trainings/${id}/checkpoints`],
  ['GET', `/v1/trainings/${id}/artifacts`],
  ['GET', `/v1/trainings/${id}/artifacts/style.cube`],
  [
    'POST',
    `/v1/trainings/${id}/apply`,
    async () => ({ imageBase64: (await contentImage()).toString('base64') }),
  ],
  ['DELETE', `/v1/trainings/${id}`],
];

export async function sendJobRoute(
  gw: Gateway,
  [method, path, body]: JobRoute,
  key?: string,
): Promise<Response> {
  return body ? postJson(gw, path, await body(), { method, key }) : gw.fetch(path, { method, key });
}

export const isTerminal = (j: ApiJob) => ['succeeded', 'failed', 'cancelled'].includes(j.status);

/** Asserts a problem+json answer with the given status and code; returns its body. */
export async function expectProblem(
  res: Response,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body.code, text).toBe(code);
  expect(body.requestId).toEqual(expect.any(String));
  return body;
}
