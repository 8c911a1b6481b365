/**
 * PostgreSQL 15 from Debian for the cluster tier: a throw-away cluster in its own
 * directory, owned by and run as the `postgres` user (the server refuses root),
 * listening on 127.0.0.1 only, on a port of our choosing, trust auth for the one
 * superuser `temporal` (loopback only, deleted after the run). Installed with apt
 * when missing (as root).
 */
import { execFile } from 'node:child_process';
import { chown, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureAptPackage } from '../apt-package.ts';
import { spawnLogged, type LoggedChild } from '../logged-child.ts';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

export interface Postgres {
  port: number;
  pid: number;
  user: string;
  /** Fast shutdown (SIGINT), SIGKILL of the whole process group after the grace. */
  stop(): Promise<void>;
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const line = (await readFile('/etc/passwd', 'utf8')).split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no `postgres` user: install PostgreSQL 15 (apt-get install -y postgresql-15)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** `dir` must not exist yet; it is created and handed to the postgres user (its parents must let that user through). */
export async function startPostgres(opts: {
  dir: string;
  port: number;
  log(m: string): void;
}): Promise<Postgres> {
  await ensureAptPackage('postgresql-15', path.join(PG_BIN, 'postgres'), opts.log);
  const { uid, gid } = await postgresIds();
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  await chown(opts.dir, uid, gid);
  const data = path.join(opts.dir, 'data');
  const asPostgres = (bin: string, args: string[]) =>
    run(path.join(PG_BIN, bin), args, { uid, gid, cwd: opts.dir, timeout: 120_000 });
  await asPostgres('initdb', [
    '-D',
    data,
    '-U',
    'temporal',
    '--auth=trust',
    '--no-locale',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  // setpriv execs postgres in place: the pid we hold is the postmaster's.
  const child: LoggedChild = spawnLogged({
    name: 'postgres',
    command: 'setpriv',
    args: [
      `--reuid=${uid}`,
      `--regid=${gid}`,
      '--init-groups',
      path.join(PG_BIN, 'postgres'),
      '-D',
      data,
      '-p',
      String(opts.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${opts.dir}`,
      // Four Temporal services with up to 20 + 2 connections each, plus the schema tool.
      '-c',
      'max_connections=200',
    ],
    env: process.env,
    logFile: path.join(path.dirname(opts.dir), 'postgres.log'),
    ipc: false,
  });
  process.once('exit', () => killGroup(child.pid)); // whatever ends this process, no backend outlives it
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!child.alive()) throw new Error(`postgres exited while starting:\n${child.tail().slice(-1500)}`);
    const ready = await run(path.join(PG_BIN, 'pg_isready'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(opts.port),
    ]).then(
      () => true,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`postgres not ready on port ${opts.port}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port: opts.port,
    pid: child.pid,
    user: 'temporal',
    async stop() {
      if (!child.alive()) return;
      child.child.kill('SIGINT');
      const timer = setTimeout(() => killGroup(child.pid), 10_000);
      await child.exited;
      clearTimeout(timer);
      killGroup(child.pid); // backends still winding down
    },
  };
}

/** Spawned detached, the postmaster leads its own group, which holds its backends. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
