/**
 * `atelier build-workflows`: prebuilds the workflow bundle so production workers skip
 * webpack at start-up, and the training thread's bundle (into its cache) so they skip esbuild.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { colorLutThreadBundle } from '../training/color-lut/thread-bundle.ts';
import { WORKFLOWS_PATH } from '../worker/workflow-source.ts';

export async function run(argv: string[]): Promise<number> {
  const out = path.resolve(argv[0] ?? 'dist/workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, code);
  process.stdout.write(`wrote ${out} (${(code.length / 1024).toFixed(0)} KiB)\n`);
  process.stdout.write(`training thread bundle: ${await colorLutThreadBundle()}\n`);
  return 0;
}
