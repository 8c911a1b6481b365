/**
 * The bad-input corpus of POST /v1/trainings: every case gets its documented 4xx
 * (problem+json with a stable code), none a 5xx, and the gateway stays healthy.
 */
import { describe, expect, it } from 'vitest';
import { styleImage } from '../harness/images.ts';
import { expectProblem, postJson, trainingBody, uniqueId } from '../helpers/api-client.ts';
import { gifImage, htmlAsPng, pngBomb, svgAsPng, truncatedPng } from '../harness/hostile-images.ts';
import { announceHugeBody, sendChunked } from './fixtures/raw-http.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const MAX_BODY = 20 * 1024 * 1024;

// No workers: everything here must be refused at the door, before any workflow runs.
const h = useHarness();
const gw = useGateway(h, { maxBodyBytes: MAX_BODY });

type Case = [name: string, send: () => Promise<Response>, status: number, code: string, field?: string];

const json = (body: unknown) => postJson(gw, '/v1/trainings', body);
const withBody = async (overrides: Record<string, unknown>) => json(await trainingBody(overrides));
const raw = (body: string, contentType?: string) =>
  gw.fetch('/v1/trainings', {
    method: 'POST',
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  });
const multipart = async (file: Buffer, name = 'ref.png', type = 'image/png') => {
  const form = new FormData();
  form.set('image', new Blob([new Uint8Array(file)], { type }), name);
  form.set('styleName', 'x');
  form.set('baseModel', 'color-lut');
  return gw.fetch('/v1/trainings', { method: 'POST', body: form });
};
const b64 = (buf: Buffer) => buf.toString('base64');

const CASES: Case[] = [
  ['malformed JSON', () => raw('{"styleName": "x", ', 'application/json'), 400, 'invalid_json'],
  ['JSON that is not an object', () => raw('[1, 2, 3]', 'application/json'), 400, 'validation_failed'],
  ['wrong content type', () => raw('styleName=x', 'text/plain'), 415, 'unsupported_media_type'],
  ['a body without a content type', () => raw('{"styleName":"x"}'), 415, 'unsupported_media_type'],
  ['missing fields', () => json({}), 400, 'validation_failed', 'styleRefBase64'],
  [
    'mistyped fields',
    () => withBody({ styleName: 5, priority: 'high' }),
    400,
    'validation_failed',
    'styleName',
  ],
  [
    'a 100 kB styleName',
    () => withBody({ styleName: 'x'.repeat(100_000) }),
    400,
    'validation_failed',
    'styleName',
  ],
  [
    'control characters in styleName',
    () => withBody({ styleName: 'evil\u0000\u001b[31mname' }),
    400,
    'validation_failed',
    'styleName',
  ],
  ['an unknown field', () => withBody({ styleRef: 'x' }), 400, 'validation_failed'],
  [
    'non-base64 image',
    () => withBody({ styleRefBase64: '!!!not base64 at all!!!' }),
    400,
    'validation_failed',
    'styleRefBase64',
  ],
  [
    'a truncated PNG',
    async () => withBody({ styleRefBase64: b64(await truncatedPng()) }),
    422,
    'invalid_image',
  ],
  [
    'a 20000×20000 PNG bomb',
    async () => withBody({ styleRefBase64: b64(await pngBomb()) }),
    413,
    'image_too_large',
  ],
  ['a zero-byte file', () => multipart(Buffer.alloc(0)), 422, 'invalid_image'],
  [
    'an empty base64 image',
    () => withBody({ styleRefBase64: '' }),
    400,
    'validation_failed',
    'styleRefBase64',
  ],
  ['HTML posing as PNG', () => multipart(htmlAsPng), 415, 'unsupported_format'],
  ['SVG posing as PNG', () => withBody({ styleRefBase64: b64(svgAsPng) }), 415, 'unsupported_format'],
  ['a GIF', async () => multipart(await gifImage(), 'ref.gif', 'image/gif'), 415, 'unsupported_format'],
  ['a traversal id', () => withBody({ id: '../../etc/passwd' }), 400, 'validation_failed', 'id'],
  ['an id with a NUL', () => withBody({ id: 'job\u0000x' }), 400, 'validation_failed', 'id'],
  ['priority 0', () => withBody({ priority: 0 }), 400, 'validation_failed', 'priority'],
  ['priority 99', () => withBody({ priority: 99 }), 400, 'validation_failed', 'priority'],
  ['a fractional priority', () => withBody({ priority: 2.5 }), 400, 'validation_failed', 'priority'],
  [
    'an unknown base model',
    () => withBody({ baseModel: 'sdxl-lora' }),
    422,
    'unknown_base_model',
    'baseModel',
  ],
  [
    'invalid trainer params',
    () => withBody({ params: { iterations: -1 } }),
    400,
    'validation_failed',
    'params.iterations',
  ],
  ['params that are not an object', () => withBody({ params: [1, 2] }), 400, 'validation_failed', 'params'],
  [
    'a non-http webhook',
    () => withBody({ webhook: { url: 'ftp://example.com/hook' } }),
    400,
    'validation_failed',
    'webhook.url',
  ],
  ['a startAt that is no time', () => withBody({ startAt: 'tomorrow' }), 400, 'validation_failed', 'startAt'],
  [
    'too many metadata entries',
    () => withBody({ metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }),
    400,
    'validation_failed',
    'metadata',
  ],
  [
    'multipart params that are not JSON',
    async () => {
      const form = new FormData();
      form.set('image', new Blob([new Uint8Array(await styleImage())], { type: 'image/png' }), 'ref.png');
      form.set('styleName', 'x');
      form.set('baseModel', 'color-lut');
      form.set('params', '{oops');
      return gw.fetch('/v1/trainings', { method: 'POST', body: form });
    },
    400,
    'validation_failed',
    'params',
  ],
];

describe('POST /v1/trainings refuses bad input at the door', () => {
  it.each(CASES)('%s', async (_name, send, status, code, field) => {
    const problem = await expectProblem(await send(), status, code);
    if (field) expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
  });

  it('refuses the same Idempotency-Key with another body (409), and the same id likewise', async () => {
    const key = uniqueId('key');
    const first = await postJson(gw, '/v1/trainings', await trainingBody(), {
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(202);
    const other = await postJson(gw, '/v1/trainings', await trainingBody({ styleName: 'Other' }), {
      headers: { 'idempotency-key': key },
    });
    await expectProblem(other, 409, 'idempotency_conflict');
    const id = uniqueId();
    expect((await json(await trainingBody({ id }))).status).toBe(202);
    await expectProblem(await json(await trainingBody({ id, priority: 1 })), 409, 'idempotency_conflict');
  });

  it('answers a 64 MiB chunked body with 413 long before it is all sent', async () => {
    const answer = await sendChunked(gw.url, '/v1/trainings', 64 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large' });
    // Socket buffers hold a few MiB in flight; the point is that the server stopped near the limit.
    expect(answer.bytesSentBeforeAnswer).toBeLessThan(MAX_BODY + 16 * 1024 * 1024);
  });

  it('answers a Content-Length above the limit with 413 before any body is sent', async () => {
    const answer = await announceHugeBody(gw.url, '/v1/trainings', 64 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large' });
  });

  it('stays healthy after all of it', async () => {
    const res = await gw.fetch('/healthz');
    expect(res.status).toBe(200);
    const metrics = await (await gw.fetch('/metrics')).text();
    expect(metrics).not.toMatch(/status="5\d\d"/);
    expect(metrics).toMatch(/atelier_jobs_submitted_total\{outcome="rejected",api="v1"\} \d+/);
  });
});
