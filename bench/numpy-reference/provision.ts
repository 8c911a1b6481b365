/**
 * Python with the pinned numpy for the reference trainer, in a private venv under the data
 * dir (`.atelier/numpy-reference/`), provisioned on first use like the Temporal CLI
 * (src/provision/pip-tool.ts): cached, and safe when two benchmarks start at once.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionPipVenv } from '../../src/provision/pip-tool.ts';
import { runCommand } from '../../src/provision/run-command.ts';

export const NUMPY_VERSION = '2.4.6';
export const IDT_SCRIPT = fileURLToPath(new URL('./idt.py', import.meta.url));

/** The venv's Python, able to `import numpy` at the pinned version. */
export async function numpyPython(dataDir: string, log?: (m: string) => void): Promise<string> {
  const { python } = await provisionPipVenv({
    home: path.join(dataDir, 'numpy-reference'),
    name: `venv-numpy-${NUMPY_VERSION}`,
    packages: [`numpy==${NUMPY_VERSION}`],
    log,
    probe: async (candidate) => {
      const res = await runCommand(candidate, ['-c', 'import numpy; print(numpy.__version__)'], 60_000);
      if (res.stdout.trim() !== NUMPY_VERSION)
        throw new Error(
          `numpy ${NUMPY_VERSION} does not import: ${(res.stderr || res.stdout).trim().slice(-300)}`,
        );
    },
  });
  return python;
}
