import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { colorLutThreadBundle } from '../../src/training/color-lut/thread-bundle.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the training thread bundle', () => {
  it('is one plain JavaScript module, without a TypeScript loader or zod, with its sources mapped', async () => {
    const bundle = await colorLutThreadBundle();
    expect(bundle).toMatch(/color-lut-thread-[0-9a-f]{16}\.mjs$/);
    const code = await readFile(bundle, 'utf8');
    expect(code).toContain('export {');
    expect(code).not.toMatch(/from ["']tsx|from ["']zod|\$ZodType/);
    expect(code).toMatch(/sourceMappingURL=data:application\/json;base64,/);
  });

  it('is cached with the hash of every source it was built from', async () => {
    const bundle = await colorLutThreadBundle();
    const index = JSON.parse(
      await readFile(path.join(path.dirname(bundle), 'color-lut-thread.json'), 'utf8'),
    ) as {
      inputs: Record<string, string>;
      bundle: string;
    };
    expect(index.bundle).toBe(path.basename(bundle));
    expect(Object.keys(index.inputs)).toContain('src/training/color-lut/thread-main.ts');
    for (const [input, hash] of Object.entries(index.inputs)) {
      const actual = createHash('sha256')
        .update(await readFile(path.join(ROOT, input)))
        .digest('hex');
      expect(actual, input).toBe(hash);
    }
    expect(await colorLutThreadBundle()).toBe(bundle); // once per process
  });
});
