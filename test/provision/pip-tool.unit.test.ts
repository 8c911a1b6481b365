import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { provisionPipVenv } from '../../src/provision/pip-tool.ts';
import { runCommand } from '../../src/provision/run-command.ts';
import { fakePython } from '../helpers/fake-python.ts';

async function sandbox() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'atelier-pip-'));
  const log = path.join(root, 'pip.log');
  return {
    root,
    home: path.join(root, 'data', 'tool'),
    log,
    python: await fakePython(
      path.join(root, 'py'),
      log,
      'python',
      'fake python in $(dirname "$(dirname "$0")")',
    ),
  };
}

const probe = async (python: string) => {
  const res = await runCommand(python, [], 5_000);
  if (res.code !== 0) throw new Error(`probe failed: ${res.stderr}`);
};

describe('provisionPipVenv', () => {
  it('installs the pins into a private venv once, safely when two provisioners race, and finds it after', async () => {
    const s = await sandbox();
    const venv = { home: s.home, name: 'venv-tool-1.0', packages: ['tool==1.0'], python: s.python, probe };
    const [a, b] = await Promise.all([provisionPipVenv(venv), provisionPipVenv(venv)]);
    expect(a).toEqual({
      dir: path.join(s.home, 'venv-tool-1.0'),
      python: path.join(s.home, 'venv-tool-1.0', 'bin', 'python'),
    });
    expect(b).toEqual(a);
    expect(await readFile(s.log, 'utf8')).toMatch(/install .*tool==1\.0/);
    // Only the kept venv is left: the loser's and every staging venv are gone.
    expect(await readdir(s.home)).toEqual(['venv-tool-1.0']);
    const ran = await runCommand(a.python, [], 5_000);
    expect(ran.stdout).toContain(`fake python in ${a.dir}`); // it runs from where it was moved
    // Found again without pip (a python that cannot even start would fail an install).
    const again = await provisionPipVenv({ ...venv, python: path.join(s.root, 'missing', 'python3') });
    expect(again).toEqual(a);
  });

  it('keeps nothing when the install or the probe fails, and says why', async () => {
    const s = await sandbox();
    const failing = {
      home: s.home,
      name: 'venv-x',
      packages: ['x==1'],
      python: path.join(s.root, 'missing', 'python3'),
    };
    await expect(provisionPipVenv(failing)).rejects.toThrow(/-m venv failed/);
    const refused = {
      ...failing,
      python: s.python,
      probe: async () => {
        throw new Error('numpy would not import');
      },
    };
    await expect(provisionPipVenv(refused)).rejects.toThrow('numpy would not import');
    expect(await readdir(s.home)).toEqual([]);
  });
});
