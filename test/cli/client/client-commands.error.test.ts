import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port.ts';
import { runCli, startCli } from './run-cli.ts';
import { startCliStack, type CliStack } from './cli-stack.ts';
import { useGateway, useHarness } from '../../helpers/use-stack.ts';

describe('atelier client commands: exit codes for scripts', () => {
  let env: Record<string, string>;
  let image: string;
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
    ({ env, image } = stack);
  });
  afterAll(() => stack?.close());

  it.each([
    ['an unknown job', 3, ['status', 'no-such-job'], /no job with id 'no-such-job'/],
    ['an invalid job id', 2, ['status', 'bad id!'], /is not a job id/],
    ['a missing --style', 2, ['submit', 'x.png'], /--style are required/],
    ['an unknown option', 2, ['cancel', 'x', '--force'], /Unknown option '--force'/],
    [
      'an unreadable image',
      2,
      ['submit', '/nonexistent.png', '--style', 'S'],
      /cannot read \/nonexistent.png: ENOENT/,
    ],
    [
      'an unknown base model',
      6,
      ['submit', '<image>', '--style', 'S', '--base-model', 'nope'],
      /unknown baseModel 'nope'/,
    ],
    [
      'a bad parameter',
      6,
      ['submit', '<image>', '--style', 'S', '--param', 'iterations=-3'],
      /params\.iterations/,
    ],
    ['no artifacts to download', 3, ['download', 'no-such-job'], /no job with id/],
    ['an unknown pack command', 2, ['pack', 'frobnicate'], /usage: /],
    ['an unknown pack', 3, ['pack', 'status', 'no-such-pack'], /no pack no-such-pack/],
  ])('%s: exit %i', async (_what, code, args, message) => {
    const run = await runCli(
      args.map((a) => (a === '<image>' ? image : a)),
      env,
    );
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toMatch(message);
  });

  it('a finished job cannot be cancelled (exit 6); an unreachable gateway is exit 5', async () => {
    const done = (
      await runCli(
        ['submit', image, '--style', 'Quick', '--param', 'iterations=3', '--param', 'lutSize=17', '--wait'],
        env,
      )
    ).stdout.trim();
    const cancel = await runCli(['cancel', done], env);
    expect(cancel.code, cancel.stderr).toBe(6);
    expect(cancel.stderr).toContain('invalid_state');
    const down = await runCli(['status', done], { ATELIER_URL: `http://127.0.0.1:${await freePort()}` });
    expect(down.code).toBe(5);
    expect(down.stderr).toMatch(/cannot reach the gateway at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('runs as `npx atelier` from the repository', async () => {
    const run = await startCli(['status', 'no-such-job'], env, ['npx', '--no-install', 'atelier']).done;
    expect(run.code).toBe(3);
  });
});

describe('atelier client commands with API keys', () => {
  const h = useHarness();
  const gw = useGateway(h, { tenantKeys: [{ tenantId: 'acme', key: 'key-acme-0123456789' }] });

  it('sends ATELIER_API_KEY; a wrong key is exit 6, a right one reaches the job layer (3 for a missing job)', async () => {
    const wrong = await runCli(['status', 'some-job'], { ATELIER_URL: gw.url, ATELIER_API_KEY: 'not-a-key' });
    expect(wrong.code).toBe(6);
    expect(wrong.stderr).toContain('unauthorized');
    const right = await runCli(['status', 'some-job'], {
      ATELIER_URL: gw.url,
      ATELIER_API_KEY: 'key-acme-0123456789',
    });
    expect(right.code).toBe(3);
  });
});
