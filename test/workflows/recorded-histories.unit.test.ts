/**
 * Every history recorded in test/fixtures/histories replays against the current workflow
 * code: a change that would break running workflows on upgrade (a new command without a
 * `patched()` gate) fails here. `v1-*` were recorded before the identity and contract
 * change (issue 10): succeeded, failed, paused-resumed with a priority update, cancelled,
 * a pack and one of its children.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import { DefaultLogger, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../src/worker/workflow-source.ts';

const quietLogger = new DefaultLogger('WARN');
const FIXTURES = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));

describe('recorded histories', async () => {
  const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.pb')).sort();
  // One bundle for all histories: bundling is most of the cost of a replay.
  let workflowBundle: WorkflowBundle;
  beforeAll(async () => {
    workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  }, 120_000);
  it('are all there', () => expect(files.length).toBeGreaterThanOrEqual(9));
  it.each(files)('%s replays against the current workflow code', async (file) => {
    const history = proto.temporal.api.history.v1.History.decode(await readFile(FIXTURES + file));
    await expect(
      Worker.runReplayHistory({ workflowBundle, replayName: file }, history),
    ).resolves.toBeUndefined();
  });
});
