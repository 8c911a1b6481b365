import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, freePorts } from '../../src/dev/free-port.ts';

describe('freePorts', () => {
  it('gives distinct ports that are free, never one promised to another process', async () => {
    const promised = await freePort();
    const ports = await freePorts(30, [promised]);
    expect(new Set(ports).size).toBe(30);
    expect(ports).not.toContain(promised);
    // Each one can really be bound once freePorts has returned.
    for (const port of ports.slice(0, 5)) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('skips a port the system hands out again right after it was released', async () => {
    // Linux tends to hand a just-released port out again: avoid exactly those.
    const recent = await Promise.all(Array.from({ length: 3 }, () => freePort()));
    const ports = await freePorts(10, recent);
    for (const port of recent) expect(ports).not.toContain(port);
  });
});
