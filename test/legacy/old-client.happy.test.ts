/**
 * What an old client of the FastAPI service relied on, written from the old service's code
 * (../shared/seeds, assembled in old_service.py), run unchanged against the old service
 * itself — which proves each expectation — and against Atelier. The lifecycle runs
 * without training workers, so Atelier's jobs wait as the old service's did (it never
 * trained: see old_service.py). README "The old API" lists what differs on purpose.
 */
import { describe, expect, it } from 'vitest';
import { styleImage } from '../harness/images.ts';
import { startedInHooks, useGateway, useHarness } from '../helpers/use-stack.ts';
import { startOldService } from './old-service-process.ts';

const oldService = startedInHooks('the old service', startOldService, (s) => s.stop(), 600_000);
const h = useHarness();
const atelier = useGateway(h);

interface Answer {
  status: number;
  body: unknown;
}

async function post(base: string, path: string, body: string, contentType = 'application/json') {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, body: (await res.json()) as unknown } satisfies Answer;
}

const targets = [
  ['the old service', () => oldService.url],
  ['Atelier', () => atelier.url],
] as const;

const QUEUED = { message: 'Job added to queue', queue_length: expect.any(Number) };
const REMOVED = { message: 'Job removed from queue' };
const detail = (...errors: Array<Record<string, unknown>>) => ({
  detail: errors.map((e) => expect.objectContaining(e)),
});

describe.each(targets)('an old client talking to %s', (_name, baseUrl) => {
  // Ids are per process in the old service and per tenant in Atelier; fresh ones per run.
  const base = Math.floor(Math.random() * 1e9) * 100;
  const queueBody = async (id: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      styleName: 'Old client',
      baseModel: 'SDXL',
      styleRefBase64: (await styleImage()).toString('base64'),
      ...extra,
    });
  const queue = async (id: unknown, extra?: Record<string, unknown>) =>
    post(baseUrl(), '/queueTrain', await queueBody(id, extra));
  const status = (id: unknown) => post(baseUrl(), '/getTrainStatus', JSON.stringify({ id }));
  const stop = (id: unknown) => post(baseUrl(), '/stopOrDeleteTrain', JSON.stringify({ id }));

  it('queues a job and reads it back; any baseModel name is taken', async () => {
    for (const [id, baseModel] of [
      [base + 1, 'SDXL'],
      [base + 2, 'sd15'],
      [base + 3, 'any string at all'],
    ] as const) {
      expect(await queue(id, { baseModel })).toEqual({ status: 200, body: QUEUED });
      expect(await status(id)).toEqual({ status: 200, body: { status: 'PENDING' } });
    }
  });

  it('reads ids with pydantic: a numeric string, a float without fraction and a bool are integers', async () => {
    const raw = (await queueBody(0)).replace('"id":0', `"id":${base + 4}.0`);
    expect(await post(baseUrl(), '/queueTrain', raw)).toEqual({ status: 200, body: QUEUED });
    expect(await status(base + 4)).toEqual({ status: 200, body: { status: 'PENDING' } });
    expect(await queue(` ${base + 5} `)).toEqual({ status: 200, body: QUEUED });
    expect(await status(base + 5)).toEqual({ status: 200, body: { status: 'PENDING' } });
    // The status lookup compared with ==: the string "5" never equalled the stored 5.
    expect(await status(String(base + 5))).toEqual({ status: 200, body: { status: 'NOT_FOUND' } });
  });

  it('ignores fields it does not know', async () => {
    expect(await queue(base + 6, { webhook: 'x', extra: [1, 2] })).toEqual({ status: 200, body: QUEUED });
  });

  it('stops a job: removed at once, stopping again or an unknown id is fine, and the id can be queued again', async () => {
    const id = base + 7;
    expect(await queue(id)).toEqual({ status: 200, body: QUEUED });
    expect(await stop(id)).toEqual({ status: 200, body: REMOVED });
    expect(await status(id)).toEqual({ status: 200, body: { status: 'NOT_FOUND' } });
    expect(await stop(id)).toEqual({ status: 200, body: REMOVED });
    expect(await stop(base + 99)).toEqual({ status: 200, body: REMOVED });
    expect(await stop('not a number')).toEqual({ status: 200, body: REMOVED });
    expect(await queue(id)).toEqual({ status: 200, body: QUEUED });
    expect(await status(id)).toEqual({ status: 200, body: { status: 'PENDING' } });
  });

  it('answers NOT_FOUND for ids it never saw', async () => {
    expect(await status(base + 98)).toEqual({ status: 200, body: { status: 'NOT_FOUND' } });
    expect(await status(null)).toEqual({ status: 200, body: { status: 'NOT_FOUND' } });
  });

  it('refuses bad bodies with 422 and FastAPI detail lists', async () => {
    const image = (await styleImage()).toString('base64');
    const missing = await post(baseUrl(), '/queueTrain', JSON.stringify({ id: 1, styleRefBase64: image }));
    expect(missing).toEqual({
      status: 422,
      body: detail(
        { type: 'missing', loc: ['body', 'styleName'], msg: 'Field required' },
        { type: 'missing', loc: ['body', 'baseModel'], msg: 'Field required' },
      ),
    });
    expect(await queue('abc')).toEqual({
      status: 422,
      body: detail({
        type: 'int_parsing',
        loc: ['body', 'id'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: 'abc',
      }),
    });
    expect(await queue(1.5)).toEqual({
      status: 422,
      body: detail({
        type: 'int_from_float',
        loc: ['body', 'id'],
        msg: 'Input should be a valid integer, got a number with a fractional part',
      }),
    });
    expect(await queue(base + 8, { styleName: 5 })).toEqual({
      status: 422,
      body: detail({
        type: 'string_type',
        loc: ['body', 'styleName'],
        msg: 'Input should be a valid string',
      }),
    });
    expect(await post(baseUrl(), '/queueTrain', '{"id": 1,')).toEqual({
      status: 422,
      body: detail({ type: 'json_invalid', msg: 'JSON decode error' }),
    });
    expect(await post(baseUrl(), '/getTrainStatus', '[1, 2]')).toEqual({
      status: 422,
      body: detail({ type: 'dict_type', loc: ['body'], msg: 'Input should be a valid dictionary' }),
    });
  });

  it('answers other methods and paths as FastAPI did', async () => {
    const get = await fetch(`${baseUrl()}/queueTrain`);
    expect([get.status, await get.json()]).toEqual([405, { detail: 'Method Not Allowed' }]);
    const nowhere = await fetch(`${baseUrl()}/queueTrains`, { method: 'POST' });
    // Atelier's 404 is problem+json, whose `detail` is a string too.
    expect([nowhere.status, await nowhere.json()]).toEqual([
      404,
      expect.objectContaining({ detail: expect.any(String) }),
    ]);
  });
});

describe('Atelier and the old service, side by side', () => {
  it('give byte-for-byte the same 422 bodies', async () => {
    const image = (await styleImage()).toString('base64');
    const bodies = [
      JSON.stringify({ id: 'x', styleName: 1, baseModel: null, styleRefBase64: image }),
      JSON.stringify({}),
      JSON.stringify([]),
      '"just a string"',
      '{"id": 1,',
    ];
    for (const body of bodies)
      expect(await post(atelier.url, '/queueTrain', body), body).toEqual(
        await post(oldService.url, '/queueTrain', body),
      );
  });
});
