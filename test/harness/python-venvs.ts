/**
 * Python environments the tests run real Python programs in, each a pinned private venv
 * under ./.atelier/python (provisioned once, shared by every later run, like the Temporal
 * CLI). Changing a pin changes the venv's name, so a stale venv is never reused.
 */
import path from 'node:path';
import { provisionPipVenv } from '../../src/provision/pip-tool.ts';
import { runCommand } from '../../src/provision/run-command.ts';

interface VenvSpec {
  packages: string[];
  /** A module whose import proves the venv works. */
  probeModule: string;
}

/** The old FastAPI service's stack, at the versions its code was written for. */
export const OLD_SERVICE_VENV: VenvSpec = {
  packages: ['fastapi==0.115.5', 'pydantic==2.10.1', 'uvicorn==0.32.1'],
  probeModule: 'fastapi',
};

/** The Temporal Python SDK, for workflows written in another language. */
export const TEMPORAL_PYTHON_VENV: VenvSpec = {
  packages: ['temporalio==1.20.0'],
  probeModule: 'temporalio.worker',
};

const venvName = (spec: VenvSpec) => spec.packages.join('_').replace(/[^A-Za-z0-9._-]/g, '-');

/** The venv's Python interpreter, provisioned on first use. */
export async function pythonIn(spec: VenvSpec): Promise<string> {
  const { python } = await provisionPipVenv({
    home: path.resolve('.atelier', 'python'),
    name: venvName(spec),
    packages: spec.packages,
    probe: async (candidate) => {
      const res = await runCommand(candidate, ['-c', `import ${spec.probeModule}`], 60_000);
      if (res.code !== 0) throw new Error(`import ${spec.probeModule} failed: ${res.stderr.slice(-300)}`);
    },
  });
  return python;
}
