/**
 * Loopback ports. Members that are restarted on the SAME port after a kill get theirs from
 * `stablePorts`. They
 * are taken below the kernel's ephemeral range: a port from that range (what binding
 * port 0 returns) can be grabbed as the local end of any outgoing connection on this
 * shared machine while its member is down, and the restart then fails to bind.
 */
import { readFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';

async function ephemeralStart(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
  return Number(range.trim().split(/\s+/)[0]) || 32768;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` distinct free ports in [10000, start of the ephemeral range). */
export async function stablePorts(count: number): Promise<number[]> {
  const high = Math.max(10_001, (await ephemeralStart()) - 1);
  const out: number[] = [];
  while (out.length < count) {
    const port = 10_000 + Math.floor(Math.random() * (high - 10_000));
    if (!out.includes(port) && (await bindable(port))) out.push(port);
  }
  return out;
}

/** Whether something accepts connections on the loopback port (e.g. a process that should be gone). */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}
