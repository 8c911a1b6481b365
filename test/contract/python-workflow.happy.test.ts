/**
 * A workflow written in Python, on a task queue of its own, orders a training job as a
 * child workflow — the documented example, run unchanged — and the job is a first-class
 * job of its tenant: listed by GET /v1/trainings, readable, succeeded. The image went in
 * through POST /v1/blobs; only its BlobRef crossed Temporal.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import { runCommand } from '../../src/provision/run-command.ts';
import { styleImage } from '../harness/images.ts';
import { TEMPORAL_PYTHON_VENV, pythonIn } from '../harness/python-venvs.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const EXAMPLE = path.resolve('docs/contract/examples/start_from_workflow.py');
const h = useHarness({ workers: 'all' });
const gw = useGateway(h);

describe('a Python workflow in another task queue', () => {
  it('starts a job that its tenant lists and reads over HTTP', async () => {
    const python = await pythonIn(TEMPORAL_PYTHON_VENV);
    const image = path.join(h.dataDir, 'style.png');
    await writeFile(image, await styleImage());
    const run = await runCommand(python, [EXAMPLE, image], 240_000, {
      ...process.env,
      ATELIER_URL: gw.url,
      TEMPORAL_ADDRESS: h.address,
      ATELIER_TASK_QUEUE: h.orchestrationQueue,
    });
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const { listed, job } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      listed: boolean;
      job: ApiJob;
    };
    expect(listed).toBe(true);
    expect(job).toMatchObject({
      status: 'succeeded',
      styleName: 'Ordered from Python',
      baseModel: 'color-lut',
    });
    expect(job.id).toMatch(/^py-[0-9a-f]{12}$/);
  }, 600_000);
});
