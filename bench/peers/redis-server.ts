/**
 * Redis for the BullMQ peer: Debian's redis-server, installed with apt when it is
 * missing (as root; anyone else gets told what to install), started for this run
 * only on a free loopback port with its files in a temp dir, and stopped at the end.
 * No persistence: BullMQ needs none beyond the running server.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { ensureAptPackage } from '../../test/harness/apt-package.ts';
import { spawnLogged, type LoggedChild } from '../../test/harness/logged-child.ts';
import { stopChild } from './ready-child.ts';

const REDIS_SERVER = '/usr/bin/redis-server';
const run = promisify(execFile);

export interface RedisServer {
  port: number;
  pid: number;
  version: string;
  stop(): Promise<void>;
}

export async function startRedis(opts: {
  dir: string;
  port: number;
  log(m: string): void;
}): Promise<RedisServer> {
  await ensureAptPackage('redis-server', REDIS_SERVER, opts.log);
  const version = (await run(REDIS_SERVER, ['--version'])).stdout.trim();
  const child: LoggedChild = spawnLogged({
    name: 'redis',
    command: REDIS_SERVER,
    args: [
      '--bind',
      '127.0.0.1',
      '--port',
      String(opts.port),
      '--dir',
      opts.dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      // BullMQ's stated requirement: never evict its keys.
      '--maxmemory-policy',
      'noeviction',
    ],
    env: process.env,
    logFile: path.join(opts.dir, 'redis.log'),
    ipc: false,
  });
  const client = new Redis({
    host: '127.0.0.1',
    port: opts.port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (!child.alive()) throw new Error(`redis-server exited while starting:\n${child.tail().slice(-1000)}`);
    if (
      await client.connect().then(
        () => client.ping(),
        () => undefined,
      )
    )
      break;
    client.disconnect();
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${opts.port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  client.disconnect();
  return { port: opts.port, pid: child.pid, version, stop: () => stopChild(child, 5_000) };
}
