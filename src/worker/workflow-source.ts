/**
 * Where workers get workflow code: a prebuilt bundle in production
 * (ATELIER_WORKFLOW_BUNDLE, made by `atelier build-workflows`), else the TypeScript
 * sources, bundled by the SDK at start-up (development).
 */
import { fileURLToPath } from 'node:url';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

export function workflowSource(
  bundlePath?: string,
): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  return bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: WORKFLOWS_PATH };
}
