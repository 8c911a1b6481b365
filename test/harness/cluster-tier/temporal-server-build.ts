/**
 * The Temporal server for the cluster tier, built once from source with the Go
 * toolchain (the module proxy is reachable; release binaries are not) into a cache
 * shared by every checkout: ~/.cache/atelier/temporal-server-v1.32.1/{server,sql,schema}.
 * v1.32.1 because v1.32.2 needs a newer Go than this machine has. The build takes
 * ≈8 CPU-minutes and 2.6 GB at its peak, so a file lock keeps two runs from doing it
 * at once; the result is staged and renamed into place, never seen half-written.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { withFileLock } from './file-lock.ts';

export const TEMPORAL_SERVER_VERSION = 'v1.32.1';
const MODULE = 'go.temporal.io/server';
const BUILD_TIMEOUT_MS = 40 * 60_000;

export interface TemporalServerBinaries {
  server: string;
  sql: string;
  /** schema/postgresql/v12 of the same module version: temporal/ and visibility/. */
  schemaDir: string;
}

const run = promisify(execFile);

export function serverCacheDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'atelier', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

const binariesIn = (dir: string): TemporalServerBinaries => ({
  server: path.join(dir, 'server'),
  sql: path.join(dir, 'sql'),
  schemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
});

async function goBinary(): Promise<string> {
  for (const candidate of ['go', '/usr/local/go/bin/go']) {
    const ok = await run(candidate, ['version'], { timeout: 30_000 }).then(
      () => true,
      () => false,
    );
    if (ok) return candidate;
  }
  throw new Error(
    `the cluster tier builds Temporal ${TEMPORAL_SERVER_VERSION} from source and needs a Go toolchain (go ≥ 1.24 on PATH or /usr/local/go/bin/go); none found`,
  );
}

async function build(target: string, log: (m: string) => void): Promise<void> {
  const go = await goBinary();
  const staging = `${target}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    log(
      `building Temporal server ${TEMPORAL_SERVER_VERSION} with ${go} (≈8 CPU-minutes, once) into ${target}`,
    );
    const started = Date.now();
    await run(
      go,
      [
        'install',
        `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
        `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
      ],
      { env: { ...process.env, GOBIN: staging }, timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
    );
    // The schema files ship in the module source, which `go install` just put in the module cache.
    const modCache = (await run(go, ['env', 'GOMODCACHE'])).stdout.trim();
    const source = path.join(modCache, `${MODULE}@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
    await cp(source, binariesIn(staging).schemaDir, { recursive: true });
    await writeFile(
      path.join(staging, 'BUILT'),
      `${new Date().toISOString()} in ${(Date.now() - started) / 1000} s\n`,
    );
    await rm(target, { recursive: true, force: true }); // a leftover without BUILT
    await rename(staging, target);
    log(`Temporal server built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The cached binaries, building them first when this machine has none. */
export async function ensureTemporalServer(log: (m: string) => void): Promise<TemporalServerBinaries> {
  const target = serverCacheDir();
  const ready = () => existsSync(path.join(target, 'BUILT'));
  if (!ready()) {
    await mkdir(path.dirname(target), { recursive: true });
    await withFileLock(
      `${target}.lock`,
      BUILD_TIMEOUT_MS,
      (pid) => log(`another process (pid ${pid}) is building the Temporal server; waiting for it`),
      async () => {
        if (!ready()) await build(target, log);
      },
    );
  }
  return binariesIn(target);
}
