/**
 * The published contract (docs/contract/contract.schema.json) is what the code checks:
 * regenerated from the zod schemas it must come out byte for byte the same (run
 * `npm run contract` after changing a schema), and every pattern in it is a valid
 * ECMA-262 regular expression without flags, as JSON Schema requires.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONTRACT_FILE, contractDocumentText } from '../../src/contract/contract-document.ts';

function patternsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => patternsOf(n, out));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string') out.push(v);
      else patternsOf(v, out);
    }
  return out;
}

describe('the published job contract', () => {
  it('matches the schemas the workflows check with', async () => {
    expect(await readFile(CONTRACT_FILE, 'utf8')).toBe(contractDocumentText());
  });

  it('has only patterns that compile as plain ECMA-262 regular expressions', () => {
    const patterns = patternsOf(JSON.parse(contractDocumentText()));
    expect(patterns.length).toBeGreaterThan(5);
    for (const p of patterns) expect(() => new RegExp(p), p).not.toThrow();
  });
});
