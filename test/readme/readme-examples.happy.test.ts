/**
 * The README's "Using it" examples, run as written: every ```sh block there carries a
 * `<!-- tested: … -->` marker and runs here with bash and real curl, in a directory holding a
 * 640×480 PNG as `my-reference.png`, against `atelier dev` (what `npm start` runs). Only the
 * port differs from the text (the test takes a free one). The dev stack runs with
 * LOG_FORMAT=pretty and a piped stdout, so this also shows its children honour the format
 * they are handed: their log lines reach the pipe as readable text, not JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { photoPng } from '../harness/images.ts';
import { freePorts } from '../helpers/free-port.ts';
import { startDev } from '../helpers/dev-process.ts';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const run = promisify(execFile);

interface ShellBlock {
  marked: boolean;
  code: string;
}

/** The ```sh blocks of one `## ` section, each with whether a `<!-- tested: -->` line precedes it. */
function shellBlocksOf(markdown: string, section: string): ShellBlock[] {
  const start = markdown.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`README has no "## ${section}" section`);
  const next = markdown.indexOf('\n## ', start + 1);
  const text = markdown.slice(start, next < 0 ? undefined : next);
  return [...text.matchAll(/(<!-- tested:[^\n]*-->\s*\n)?```sh\n([\s\S]*?)\n```/g)].map((m) => ({
    marked: Boolean(m[1]),
    code: m[2],
  }));
}

describe('README "Using it"', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('marks every shell example as tested', async () => {
    const blocks = shellBlocksOf(await readFile(README, 'utf8'), 'Using it');
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((b) => !b.marked).map((b) => b.code)).toEqual([]);
  });

  it('runs its curl examples as written with a real 640×480 PNG against `atelier dev`', async () => {
    const blocks = shellBlocksOf(await readFile(README, 'utf8'), 'Using it').filter((b) => b.marked);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atelier-readme-'));
    const work = await mkdtemp(path.join(os.tmpdir(), 'atelier-readme-work-'));
    dirs.push(dataDir, work);
    const png = await photoPng(640, 480);
    await writeFile(path.join(work, 'my-reference.png'), png);
    // What the README's first example used to do: the base64 of the photo as one argument,
    // beyond Linux's 128 KiB limit for a single argument (MAX_ARG_STRLEN).
    const old = 'curl -s localhost:1 -d "{\\"styleRefBase64\\":\\"$(base64 -w0 my-reference.png)\\"}"';
    const refused = await run('bash', ['-c', old], { cwd: work }).catch((err: { stderr: string }) => err);
    expect((refused as { stderr: string }).stderr).toMatch(/Argument list too long/);
    const [port, temporalPort] = await freePorts(2);
    const dev = await startDev({
      ATELIER_DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: '0',
      WORKER_METRICS_PORT: '0',
      TEMPORAL_CLI_PATH: inject('temporalCliPath'),
      TEMPORAL_ADDRESS: '',
      ATELIER_STORAGE_URL: '',
      LOG_FORMAT: 'pretty',
    });
    try {
      for (const block of blocks) {
        // `errexit` and `pipefail`: a failing command (or a too-long argument list) fails the block.
        const script = `set -euo pipefail\n${block.code.replaceAll('localhost:3000', `localhost:${port}`)}`;
        const { stdout } = await run('bash', ['-c', script], { cwd: work, timeout: 120_000 });
        const job = JSON.parse(await readFile(path.join(work, 'job.json'), 'utf8')) as {
          id: string;
          styleName: string;
        };
        expect(job).toMatchObject({ styleName: 'Ukiyo' });
        // The SSE stream ran until the job's terminal event.
        expect(stdout).toMatch(/^event: end$/m);
        expect(stdout).toMatch(/^data: \{.*"type":"succeeded"/m);
        // The stream starts at the job's first event; a pause that landed (the job may have
        // finished first, then pause and resume answer 409) is followed by its resume.
        const types = [...stdout.matchAll(/^event: event\ndata: (\{.*\})$/gm)].map(
          (m) => (JSON.parse(m[1]) as { type: string }).type,
        );
        expect(types.at(-1)).toBe('succeeded');
        if (types.includes('paused'))
          expect(types.lastIndexOf('resumed')).toBeGreaterThan(types.indexOf('paused'));
        console.log(`README job events: ${types.join(', ')}`);
        const cube = await readFile(path.join(work, 'style.cube'), 'utf8');
        expect(cube).toMatch(/^LUT_3D_SIZE 33$/m);
        expect(
          cube
            .trim()
            .split('\n')
            .filter((l) => /^[\d.]+ [\d.]+ [\d.]+$/.test(l)),
        ).toHaveLength(33 ** 3);
        const status = (await (await fetch(`http://127.0.0.1:${port}/v1/trainings/${job.id}`)).json()) as {
          status: string;
        };
        expect(status.status).toBe('succeeded');
      }
      // The children's logs, handed LOG_FORMAT=pretty by the supervisor: one readable line each.
      const logLines = dev
        .output()
        .split('\n')
        .filter((l) => /^\[\d\d:\d\d:\d\d\.\d{3}\] [A-Z]+: /.test(l));
      expect(logLines.some((l) => l.includes('INFO: gateway: gateway listening'))).toBe(true);
      expect(logLines.some((l) => l.includes('INFO: worker-all: worker running'))).toBe(true);
      expect(dev.output()).not.toMatch(/^\{"level":/m);
    } finally {
      dev.child.kill('SIGINT');
      expect(await dev.exited).toBe(0);
    }
  }, 300_000);
});
