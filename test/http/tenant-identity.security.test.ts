/**
 * Identity is (tenant, id): the takeover and collision scenarios of issue 10, tried over
 * real HTTP with two tenants. Equal client ids, pack ids and old-API integers in two
 * tenants are two jobs that never meet, and no answer tells one tenant what ids another
 * uses.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { contentImage, styleImage } from '../harness/images.ts';
import {
  createJob,
  expectProblem,
  getJob,
  postJson,
  trainingBody,
  uniqueId,
  waitForJob,
} from '../helpers/api-client.ts';
import { pollUntil } from '../helpers/poll.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const A = { tenantId: 'tenant-a', key: 'key-a-5c0ffee1234' };
const B = { tenantId: 'tenant-b', key: 'key-b-deadbeef987' };

const h = useHarness({ workers: 'all' });
const gw = useGateway(h, { tenantKeys: [A, B] });

interface PackBody {
  styles: { id: string }[];
}

const sha256 = (b: ArrayBuffer) => createHash('sha256').update(Buffer.from(b)).digest('hex');
async function download(id: string, key: string) {
  const res = await gw.fetch(`/v1/trainings/${id}/artifacts/style.cube`, { key });
  return { status: res.status, sha: res.status === 200 ? sha256(await res.arrayBuffer()) : null };
}

describe('a pack named after another tenant’s job', () => {
  it('reaches nothing of that job: not its state, not its artifacts, not its checkpoints', async () => {
    const victim = uniqueId('victim');
    const a = await createJob(gw, { id: `${victim}-s1`, styleName: 'Victim' }, { key: A.key });
    await waitForJob(gw, a.id, (j) => j.status === 'succeeded', { key: A.key });
    const before = await download(a.id, A.key);
    expect(before.status).toBe(200);

    const styleRefBase64 = (await contentImage()).toString('base64');
    const pack = await postJson(
      gw,
      '/v1/packs',
      {
        id: victim,
        styles: [{ styleName: 'Attacker', styleRefBase64, params: { iterations: 3, lutSize: 17 } }],
      },
      { key: B.key },
    );
    expect(pack.status).toBe(202);
    // The pack's styles are its own jobs, named `<pack>.<n>` in B's namespace.
    const childId = `${victim}.1`;
    const started = await pollUntil(
      async () => ((await (await gw.fetch(`/v1/packs/${victim}`, { key: B.key })).json()) as PackBody).styles,
      (styles) => styles.length === 1,
      { what: 'the pack style to start' },
    );
    expect(started[0].id).toBe(childId);
    await waitForJob(gw, childId, (j) => j.status === 'succeeded', { key: B.key });

    // A's job is as it was; B sees none of it.
    expect(await getJob(gw, a.id, A.key)).toMatchObject({ status: 'succeeded', styleName: 'Victim' });
    expect(await download(a.id, A.key)).toEqual(before);
    await expectProblem(await gw.fetch(`/v1/trainings/${a.id}`, { key: B.key }), 404, 'not_found');
    expect((await download(a.id, B.key)).status).toBe(404);
    // B's style trained from B's image alone: resuming from A's checkpoint would give A's cube.
    expect((await download(childId, B.key)).sha).not.toBe(before.sha);
    // And nobody can name a pack's child from outside: the '.' is not in the client alphabet.
    await expectProblem(
      await postJson(gw, '/v1/trainings', await trainingBody({ id: `${victim}.2` }), { key: A.key }),
      400,
      'validation_failed',
    );
  });
});

describe('equal ids in two tenants', () => {
  it('are two jobs: v1 ids', async () => {
    const id = uniqueId('same');
    const a = await createJob(gw, { id, styleName: 'Of A' }, { key: A.key });
    const b = await createJob(gw, { id, styleName: 'Of B' }, { key: B.key });
    expect([a.id, b.id]).toEqual([id, id]);
    expect((await getJob(gw, id, A.key)).styleName).toBe('Of A');
    expect((await getJob(gw, id, B.key)).styleName).toBe('Of B');
    // B deleting its job leaves A's alone.
    await waitForJob(gw, id, (j) => j.status === 'succeeded', { key: B.key });
    expect((await gw.fetch(`/v1/trainings/${id}`, { method: 'DELETE', key: B.key })).status).toBe(204);
    expect((await getJob(gw, id, A.key)).styleName).toBe('Of A');
  });

  it('are two jobs: old-API integers, answered the same whatever the other tenant does', async () => {
    const id = Math.floor(Math.random() * 1e9);
    const queue = (key: string) =>
      styleImage().then((image) =>
        postJson(
          gw,
          '/queueTrain',
          { id, styleName: 'Old', baseModel: 'SDXL', styleRefBase64: image.toString('base64') },
          { key },
        ),
      );
    expect((await queue(A.key)).status).toBe(200);
    expect((await queue(B.key)).status).toBe(200);
    const stopped = await postJson(gw, '/stopOrDeleteTrain', { id }, { key: B.key });
    expect(await stopped.json()).toEqual({ message: 'Job removed from queue' });
    const statusOf = async (key: string) =>
      ((await (await postJson(gw, '/getTrainStatus', { id }, { key })).json()) as { status: string }).status;
    expect(await statusOf(B.key)).toBe('NOT_FOUND');
    expect(await statusOf(A.key)).not.toBe('NOT_FOUND');
  });

  it('are two packs: pack ids', async () => {
    const id = uniqueId('pack');
    const styleRefBase64 = (await styleImage()).toString('base64');
    const body = (name: string) => ({
      id,
      styles: [{ styleName: name, styleRefBase64, params: { iterations: 2, lutSize: 17 } }],
    });
    expect((await postJson(gw, '/v1/packs', body('A pack'), { key: A.key })).status).toBe(202);
    expect((await postJson(gw, '/v1/packs', body('B pack'), { key: B.key })).status).toBe(202);
    // Re-posting one's own pack id with another body is a conflict, not a replay.
    await expectProblem(
      await postJson(gw, '/v1/packs', body('A pack, changed'), { key: A.key }),
      409,
      'idempotency_conflict',
    );
  });

  it('100 concurrent creates of one id, 50 from each tenant, make exactly two jobs', async () => {
    const id = uniqueId('race');
    const bodies = {
      [A.key]: await trainingBody({ id, styleName: 'Race A' }),
      [B.key]: await trainingBody({ id, styleName: 'Race B' }),
    };
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const key = i % 2 ? B.key : A.key;
        return postJson(gw, '/v1/trainings', bodies[key], { key }).then(async (r) => ({
          status: r.status,
          job: (await r.json()) as ApiJob,
        }));
      }),
    );
    expect(answers.filter((a) => a.status !== 202 && a.status !== 200)).toEqual([]);
    expect(new Set(answers.map((a) => `${a.job.tenantId}/${a.job.id}`))).toEqual(
      new Set([`${A.tenantId}/${id}`, `${B.tenantId}/${id}`]),
    );
    for (const tenant of [A, B]) {
      const workflowId = trainingWorkflowId({ tenantId: tenant.tenantId, jobId: id });
      const runs = await pollUntil(
        async () => {
          const found = [];
          for await (const w of h.client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
            found.push(w);
          return found.length;
        },
        (n) => n >= 1,
        { what: `the run of ${workflowId} listed` },
      );
      expect(runs).toBe(1);
    }
  });
});
