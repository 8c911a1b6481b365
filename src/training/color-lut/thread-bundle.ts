/**
 * The training thread as one precompiled JavaScript file, so a pooled thread starts
 * without a TypeScript loader (and without zod: the thread's sources avoid it). Built with
 * esbuild on first use (or by `atelier build-workflows`, e.g. into a container image) and
 * cached under node_modules/.cache/atelier, or the OS temp dir when that is read-only; the
 * cache is keyed by the content of every source file that went into the bundle, so an
 * edited source rebuilds it and nothing stale is ever run.
 * Two processes building at once each write their own temporary file and rename it into
 * place: both get a complete file, identical for identical sources. Never committed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./thread-main.ts', import.meta.url));
const NAME = 'color-lut-thread';

interface CacheIndex {
  esbuild: string;
  /** sha256 of each input, by path relative to the repository root. */
  inputs: Record<string, string>;
  bundle: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

async function writeAtomically(file: string, data: string): Promise<void> {
  const staged = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(staged, data);
  await rename(staged, file);
}

/** The cached bundle, if every source it was built from is unchanged. */
async function cached(dir: string): Promise<string | undefined> {
  try {
    const index = JSON.parse(await readFile(path.join(dir, `${NAME}.json`), 'utf8')) as CacheIndex;
    if (index.esbuild !== esbuildVersion) return undefined;
    for (const [input, hash] of Object.entries(index.inputs)) {
      if (sha256(await readFile(path.join(ROOT, input))) !== hash) return undefined;
    }
    const bundle = path.join(dir, index.bundle);
    await readFile(bundle); // present and readable
    return bundle;
  } catch {
    return undefined;
  }
}

async function buildInto(dir: string): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    // Only names the output for the source map's relative paths; nothing is written by esbuild.
    outfile: path.join(dir, `${NAME}.mjs`),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const bundle = `${NAME}-${sha256(code).slice(0, 16)}.mjs`;
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs))
    inputs[input] = sha256(await readFile(path.join(ROOT, input)));
  await writeAtomically(path.join(dir, bundle), code);
  const index: CacheIndex = { esbuild: esbuildVersion, inputs, bundle };
  await writeAtomically(path.join(dir, `${NAME}.json`), JSON.stringify(index, null, 2));
  return path.join(dir, bundle);
}

const CACHE_DIRS = [
  path.join(ROOT, 'node_modules', '.cache', 'atelier'),
  path.join(os.tmpdir(), `atelier-cache-${os.userInfo().uid}`),
];

/** A bundle cached in any of the cache directories (one may be read-only, e.g. built into an image). */
async function findCached(): Promise<string | undefined> {
  for (const dir of CACHE_DIRS) {
    const bundle = await cached(dir);
    if (bundle) return bundle;
  }
  return undefined;
}

async function buildIntoWritableDir(): Promise<string> {
  const reasons: string[] = [];
  for (const dir of CACHE_DIRS) {
    try {
      await mkdir(dir, { recursive: true });
      return await buildInto(dir);
    } catch (err) {
      reasons.push(`${dir}: ${(err as Error).message}`);
    }
  }
  throw new Error(`could not build the training thread bundle:\n  ${reasons.join('\n  ')}`);
}

let bundlePath: Promise<string> | undefined;

/** Absolute path of the training thread's bundle, built if needed (once per process). */
export function colorLutThreadBundle(): Promise<string> {
  if (bundlePath) return bundlePath;
  const building = findCached().then((found) => found ?? buildIntoWritableDir());
  building.catch(() => {
    if (bundlePath === building) bundlePath = undefined; // the next caller tries again
  });
  bundlePath = building;
  return building;
}
