/** `atelier pack` as a real child process against a real gateway and workers (its exit codes: client-commands.error). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentImage, styleImage } from '../../harness/images.ts';
import { runCli } from './run-cli.ts';
import { useGateway, useHarness } from '../../helpers/use-stack.ts';

describe('atelier pack', () => {
  let tmp: string;
  const h = useHarness({ workers: 'all' });
  const gw = useGateway(h);
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'atelier-pack-cli-'));
    await writeFile(path.join(tmp, 'warm.png'), await styleImage());
    await writeFile(path.join(tmp, 'cool.png'), await contentImage());
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('submit --wait trains one style per image and exits 0; status lists the styles', async () => {
    const env = { ATELIER_URL: gw.url };
    const images = ['warm.png', 'cool.png'].map((f) => path.join(tmp, f));
    const run = await runCli(
      ['pack', 'submit', ...images, '--param', 'iterations=3', '--param', 'lutSize=17', '--wait'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const id = run.stdout.split('\n')[0];
    expect(run.stdout).toMatch(/succeeded 100%/);
    const status = await runCli(['pack', 'status', id], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${id}-s1`);
    expect(status.stdout).toContain("'warm'");
    expect(status.stdout).toContain("'cool'");
  });
});
