/**
 * The log format: who decides (LOG_FORMAT, else the terminal) and what each format writes,
 * through the real logger in a child process whose stdout is a pipe, like a supervised
 * child's or a log collector's.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { chooseLogFormat, type LogFormat } from '../../src/log-format.ts';

const LOGGER = fileURLToPath(new URL('../../src/logger.ts', import.meta.url));
const LOG_FORMAT_MODULE = fileURLToPath(new URL('../../src/log-format.ts', import.meta.url));

/** Two records from a logger built the way the CLI builds it: format from LOG_FORMAT and stdout. */
function logFromChild(logFormat: string | undefined): string {
  const script = `
    import { createLogger } from ${JSON.stringify(LOGGER)};
    import { chooseLogFormat } from ${JSON.stringify(LOG_FORMAT_MODULE)};
    const format = chooseLogFormat(process.env.LOG_FORMAT || undefined, process.stdout.isTTY === true);
    const log = createLogger('info', { proc: 'gateway' }, format);
    log.info({ url: 'http://127.0.0.1:3000' }, 'gateway listening');
    log.warn({ jobId: 'j1' }, 'slow\\nstart');
  `;
  const env = { ...process.env };
  delete env.LOG_FORMAT;
  if (logFormat !== undefined) env.LOG_FORMAT = logFormat;
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
  });
  expect(res.status, res.stderr).toBe(0);
  return res.stdout;
}

describe('chooseLogFormat', () => {
  it.each<[LogFormat | undefined, boolean, LogFormat]>([
    [undefined, true, 'pretty'],
    [undefined, false, 'json'],
    ['json', true, 'json'],
    ['pretty', false, 'pretty'],
  ])('LOG_FORMAT=%s, stdout a terminal: %s → %s', (forced, tty, expected) => {
    expect(chooseLogFormat(forced, tty)).toBe(expected);
  });

  it('reads LOG_FORMAT from the environment; empty means "decide", anything else is refused', () => {
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: '' }).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT="yaml"/);
  });
});

describe('createLogger', () => {
  it('writes JSON lines to a pipe when nothing forces a format', () => {
    const lines = logFromChild(undefined).trim().split('\n');
    expect(lines).toHaveLength(2);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ level: 30, proc: 'gateway', msg: 'gateway listening' });
    expect(records[1]).toMatchObject({ level: 40, jobId: 'j1', msg: 'slow\nstart' });
  });

  it('writes one readable line per record with LOG_FORMAT=pretty, even to a pipe', () => {
    const lines = logFromChild('pretty').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).toThrow();
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: gateway: gateway listening \{"url":"http:\/\/127\.0\.0\.1:3000"\}$/,
    );
    expect(lines[1]).toMatch(/ WARN: gateway: slow/);
    // Not coloured: the pipe is not a terminal.
    expect(lines.join('')).not.toContain('\u001b[');
  });

  it('writes JSON with LOG_FORMAT=json', () => {
    const out = logFromChild('json');
    expect(JSON.parse(out.trim().split('\n')[0])).toMatchObject({ msg: 'gateway listening' });
  });
});
