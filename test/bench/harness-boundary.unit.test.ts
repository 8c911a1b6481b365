/**
 * The benchmarks and `npm run chaos` run under plain Node, not vitest: the test code they
 * share lives in test/harness/, which in turn must not load vitest or the vitest-only
 * test/helpers/.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every module a folder's .ts/.mjs files import, as [importing file, resolved path or package]. */
async function importsOf(folder: string): Promise<Array<[string, string]>> {
  const files = (await readdir(path.join(ROOT, folder), { recursive: true }))
    .map(String)
    .filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts'));
  const out: Array<[string, string]> = [];
  for (const file of files) {
    const text = await readFile(path.join(ROOT, folder, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
      const target = spec.startsWith('.')
        ? path.relative(ROOT, path.resolve(ROOT, folder, path.dirname(file), spec))
        : spec;
      out.push([path.join(folder, file), target]);
    }
  }
  return out;
}

describe('what plain-Node code may import from the tests', () => {
  it('bench/ imports test code only from test/harness/', async () => {
    const imports = await importsOf('bench');
    expect(imports.some(([, target]) => target.startsWith('test/harness/'))).toBe(true);
    expect(imports.filter(([, t]) => t.startsWith('test/') && !t.startsWith('test/harness/'))).toEqual([]);
  });

  it.each(['test/harness', 'test/chaos'])(
    '%s (but its test files) loads neither vitest nor test/helpers/',
    async (folder) => {
      const imports = await importsOf(folder);
      expect(
        imports.filter(([, t]) => t === 'vitest' || t.startsWith('vitest/') || t.startsWith('test/helpers/')),
      ).toEqual([]);
    },
  );
});
