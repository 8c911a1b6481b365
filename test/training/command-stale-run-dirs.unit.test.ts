import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStaleRunDirs } from '../../src/training/command/stale-run-dirs.ts';

describe('stale run dirs', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'atelier-sweep-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('removes only atelier-run-* dirs whose owner on this host is dead', async () => {
    // A pid that surely belongs to no live process: a child that has exited and been reaped.
    const deadPid = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    const dirs: [string, unknown][] = [
      ['atelier-run-dead', { host: os.hostname(), pid: Number(deadPid) }],
      ['atelier-run-alive', { host: os.hostname(), pid: process.ppid }],
      ['atelier-run-mine', { host: os.hostname(), pid: process.pid }],
      ['atelier-run-elsewhere', { host: 'another-host', pid: Number(deadPid) }],
      ['atelier-run-no-owner', undefined],
      ['atelier-run-garbled', '{not json'],
      ['atelier-data', { host: os.hostname(), pid: Number(deadPid) }],
    ];
    for (const [name, owner] of dirs) {
      await mkdir(path.join(root, name, 'output'), { recursive: true });
      if (owner !== undefined) {
        await writeFile(
          path.join(root, name, 'owner.json'),
          typeof owner === 'string' ? owner : JSON.stringify(owner),
        );
      }
    }
    expect(await sweepStaleRunDirs(root)).toEqual([path.join(root, 'atelier-run-dead')]);
    expect((await readdir(root)).sort()).toEqual(
      dirs
        .map(([n]) => n)
        .filter((n) => n !== 'atelier-run-dead')
        .sort(),
    );
  });

  it('never throws, even for a missing root', async () => {
    expect(await sweepStaleRunDirs(path.join(root, 'missing'))).toEqual([]);
  });
});
