/**
 * The import graph between folders follows the layers below: an import may only point
 * down (or sideways within a layer, without a cycle). The one upward edge allowed is
 * workflows → activities, and only for types (workflows type their activity proxies).
 * A failure names the offending file and import.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Lowest first. Folders not listed fail the test: place a new folder deliberately. */
const LAYERS: string[][] = [
  ['workflows'],
  [
    'src/config',
    'src/logger',
    'src/log-format',
    'src/provision',
    'src/storage',
    'src/imaging',
    'src/training',
    'src/webhooks',
    'src/auth',
    'src/temporal',
    'src/contract',
    'src/telemetry',
    'src/client',
  ],
  ['activities'],
  ['src/jobs'],
  ['src/events'],
  ['src/http', 'src/worker', 'src/dev'],
  ['src/cli'],
];
const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

const folderOf = (file: string) => {
  const parts = file.split('/');
  return parts[0] === 'src' ? `src/${parts[1].replace(/\.ts$/, '')}` : parts[0];
};

interface Edge {
  from: string;
  to: string;
  file: string;
  spec: string;
  typeOnly: boolean;
}

async function edges(): Promise<Edge[]> {
  const files: string[] = [];
  for (const root of ['src', 'workflows', 'activities'])
    for (const f of await readdir(root, { recursive: true }))
      if (f.endsWith('.ts')) files.push(path.join(root, f));
  const out: Edge[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^'"]*?)\s*from\s+'(\.[^']+)'/gm)) {
      const target = path.normalize(path.join(path.dirname(file), m[3]));
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      // `import { type A, type B }` is type-only too.
      const typeOnly = !!m[1] || /^\{\s*(type\s+[^,}]+,?\s*)+\}$/.test(m[2].trim());
      out.push({ from, to, file, spec: m[3], typeOnly });
    }
  }
  return out;
}

describe('the import graph', () => {
  it('points down the layers (workflows → activities only for types)', async () => {
    const bad = (await edges()).filter((e) => {
      const [a, b] = [layerOf.get(e.from), layerOf.get(e.to)];
      if (a === undefined || b === undefined) return true;
      if (e.from === 'workflows' && e.to === 'activities') return !e.typeOnly;
      return b > a;
    });
    expect(bad.map((e) => `${e.file} imports ${e.spec} (${e.from} → ${e.to})`)).toEqual([]);
  });

  it('has no cycle between folders', async () => {
    const next = new Map<string, Set<string>>();
    for (const e of await edges()) {
      if (e.from === 'workflows' && e.to === 'activities') continue; // types only, checked above
      next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node))
        return void cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      for (const n of next.get(node) ?? []) visit(n, [...trail, node]);
    };
    for (const node of next.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
