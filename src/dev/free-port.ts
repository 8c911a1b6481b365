/** Free TCP ports on loopback (bind to 0, read, release). */
import { createServer, type Server } from 'node:net';

function listenOnAnyPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const portOf = (server: Server) => (server.address() as { port: number }).port;
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function freePort(): Promise<number> {
  const server = await listenOnAnyPort();
  const port = portOf(server);
  await close(server);
  return port;
}

/**
 * `count` distinct free ports, none of them in `avoid`. A released port is free again, so calling
 * freePort() in a loop can return the same port twice, or a port already promised to a process
 * that has not bound it yet (a gateway started after SeaweedFS): every port is held until all
 * are chosen, and the promised ones are skipped.
 */
export async function freePorts(count: number, avoid: Iterable<number> = []): Promise<number[]> {
  const promised = new Set(avoid);
  const held: Server[] = [];
  const chosen: number[] = [];
  try {
    while (chosen.length < count) {
      const server = await listenOnAnyPort();
      held.push(server);
      if (!promised.has(portOf(server))) chosen.push(portOf(server));
    }
    return chosen;
  } finally {
    await Promise.all(held.map(close));
  }
}
