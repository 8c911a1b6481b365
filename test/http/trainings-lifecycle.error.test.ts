/** Error answers of the job routes: unknown and malformed ids, forbidden transitions, bad cursors. */
import { beforeAll, describe, expect, it } from 'vitest';
import { contentImage } from '../harness/images.ts';
import {
  createJob,
  expectProblem,
  jobRoutes,
  postJson,
  sendJobRoute,
  uniqueId,
  waitForJob,
} from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

let succeededId: string;

const h = useHarness({ workers: 'all' });
const gw = useGateway(h);
beforeAll(async () => {
  succeededId = (await createJob(gw)).id;
  await waitForJob(gw, succeededId, (j) => j.status === 'succeeded');
});

describe('job routes', () => {
  it.each(jobRoutes('no-such-job-123'))('%s %s → 404 for an unknown id', async (...route) => {
    await expectProblem(await sendJobRoute(gw, route), 404, 'not_found');
  });

  it.each([
    '..%2F..%2Fetc%2Fpasswd',
    '..%5C..%5Cwindows',
    'a%00b',
    '%2E%2Ehidden',
    'x'.repeat(65),
    'semi%3Bcolon',
  ])('refuses the malformed id %s with 400', async (id) => {
    await expectProblem(await gw.fetch(`/v1/trainings/${id}`), 400, 'validation_failed');
  });

  it('refuses traversal in artifact names', async () => {
    for (const name of ['..%2Fmanifest.json', '.hidden', '%2E%2E']) {
      const res = await gw.fetch(`/v1/trainings/${succeededId}/artifacts/${name}`);
      expect([400, 404]).toContain(res.status);
    }
    await expectProblem(await gw.fetch(`/v1/trainings/${succeededId}/artifacts/nope.bin`), 404, 'not_found');
  });

  it('refuses transitions a finished job does not allow (409)', async () => {
    for (const action of ['cancel', 'pause', 'resume']) {
      await expectProblem(
        await gw.fetch(`/v1/trainings/${succeededId}/${action}`, { method: 'POST' }),
        409,
        'invalid_state',
      );
    }
    await expectProblem(
      await postJson(gw, `/v1/trainings/${succeededId}`, { priority: 1 }, { method: 'PATCH' }),
      409,
      'invalid_state',
    );
  });

  it('validates PATCH bodies', async () => {
    for (const body of [
      { priority: 0 },
      { priority: 6 },
      { priority: 'high' },
      {},
      { priority: 2, styleName: 'x' },
    ]) {
      await expectProblem(
        await postJson(gw, `/v1/trainings/${succeededId}`, body, { method: 'PATCH' }),
        400,
        'validation_failed',
      );
    }
    await expectProblem(
      await gw.fetch(`/v1/trainings/${succeededId}`, {
        method: 'PATCH',
        body: 'priority=1',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'unsupported_media_type',
    );
  });

  it('refuses to apply a style that is not trained yet, and bad images', async () => {
    const queued = await createJob(gw, { startAt: new Date(Date.now() + 60_000).toISOString() });
    const image = (await contentImage()).toString('base64');
    await expectProblem(
      await postJson(gw, `/v1/trainings/${queued.id}/apply`, { imageBase64: image }),
      409,
      'invalid_state',
    );
    await expectProblem(
      await postJson(gw, `/v1/trainings/${succeededId}/apply`, { imageBase64: 'PGh0bWw+' }),
      415,
      'unsupported_format',
    );
    await expectProblem(
      await postJson(gw, `/v1/trainings/${succeededId}/apply`, { imageBase64: '@@' }),
      400,
      'validation_failed',
    );
    await gw.fetch(`/v1/trainings/${queued.id}/cancel`, { method: 'POST' });
  });

  it('validates list filters and refuses a forged cursor', async () => {
    await expectProblem(await gw.fetch('/v1/trainings?status=done'), 400, 'validation_failed');
    await expectProblem(await gw.fetch('/v1/trainings?limit=1000'), 400, 'validation_failed');
    await expectProblem(await gw.fetch('/v1/trainings?after=%27%20OR%201%3D1'), 400, 'validation_failed');
    await expectProblem(
      await gw.fetch(`/v1/trainings?after=${Buffer.from('forged-token').toString('base64url')}`),
      400,
      'validation_failed',
    );
    // Well-formed but not signed by us (or signed for another query): refused before Temporal sees it.
    const forged = `${Buffer.from('{"CloseTime":"9999-12-31T23:59:59Z"}').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`;
    await expectProblem(await gw.fetch(`/v1/trainings?after=${forged}`), 400, 'validation_failed');
    const page = (await (await gw.fetch('/v1/trainings?limit=1')).json()) as { nextCursor: string | null };
    expect(page.nextCursor).toEqual(expect.any(String));
    await expectProblem(
      await gw.fetch(`/v1/trainings?limit=1&status=failed&after=${page.nextCursor}`),
      400,
      'validation_failed',
    );
  });

  it('answers unknown routes with a problem', async () => {
    await expectProblem(await gw.fetch(`/v1/nothing-here/${uniqueId()}`), 404, 'not_found');
  });
});
