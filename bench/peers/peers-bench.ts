/**
 * The peers and floors of `npm run bench`, in the same run on the same machine as
 * Atelier's own figures: Atelier measured by the peers' code, the bare Temporal
 * floor on the same dev server, and BullMQ + Redis doing the same job. Each part
 * that fails is recorded and the others still run.
 */
import path from 'node:path';
import { stablePorts } from '../../test/harness/ports.ts';
import { type BenchStack } from '../stack.ts';
import { atelierFigures, type AtelierFigures } from './atelier-peer.ts';
import { bareTemporalFloor, type FloorFigures } from './bare-temporal.ts';
import { bullmqPeer, type BullFigures } from './bullmq-peer.ts';

export interface PeersResult {
  windows: { warmupMs: number; windowMs: number };
  atelier?: AtelierFigures;
  floor?: FloorFigures;
  bullmq?: BullFigures;
  errors: Record<string, string>;
}

const WINDOWS = { warmupMs: 5_000, windowMs: 40_000 };

export async function peersBench(stack: BenchStack, say: (m: string) => void): Promise<PeersResult> {
  const result: PeersResult = { windows: WINDOWS, errors: {} };
  const part = async <K extends 'atelier' | 'floor' | 'bullmq'>(
    name: K,
    fn: () => Promise<PeersResult[K]>,
  ) => {
    say(`peers: ${name}`);
    try {
      result[name] = await fn();
    } catch (err) {
      result.errors[name] = (err as Error).stack ?? String(err);
      say(`peers: ${name} failed: ${(err as Error).message}`);
    }
  };
  await part('atelier', () => atelierFigures(stack, WINDOWS));
  await part('floor', () =>
    bareTemporalFloor({
      client: stack.client,
      address: stack.cluster.address,
      temporalPid: () => stack.cluster.pidOf('temporal'),
      logDir: path.join(stack.runDir, 'logs'),
      windows: WINDOWS,
    }),
  );
  await part('bullmq', async () =>
    bullmqPeer({ runDir: stack.runDir, redisPort: (await stablePorts(1))[0], windows: WINDOWS, log: say }),
  );
  return result;
}
