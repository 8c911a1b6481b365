/** A bad configuration stops every server command at once with one readable message and exit code 1. */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ATELIER_BIN } from '../harness/components.ts';

function runAtelier(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ATELIER_BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (err, _stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

describe('configuration errors', () => {
  it.each([['gateway'], ['worker'], ['dev']])(
    'atelier %s: exit 1, every bad variable named, no stack trace',
    async (command) => {
      const { code, stderr } = await runAtelier([command], {
        PORT: 'eighty',
        TRAINING_SLOTS: '0',
        ATELIER_ALLOW_ANONYMOUS: 'maybe',
      });
      expect(code).toBe(1);
      expect(stderr).toContain('invalid configuration');
      for (const key of ['PORT', 'TRAINING_SLOTS', 'ATELIER_ALLOW_ANONYMOUS']) expect(stderr).toContain(key);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('an unknown command prints the usage and exits 2', async () => {
    const { code, stderr } = await runAtelier(['frobnicate'], {});
    expect(code).toBe(2);
    expect(stderr).toContain('usage: atelier <command>');
  });
});
