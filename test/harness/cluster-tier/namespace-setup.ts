/**
 * What the compose stack's temporal-namespace and atelier-setup jobs do, for the
 * cluster tier: wait for the frontend, register namespace `default`, wait until it
 * is served, register Atelier's search attributes, and wait until a start that
 * carries them is accepted (the frontend caches both for a few seconds).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { ensureSearchAttributes } from '../../../src/temporal/search-attributes.ts';
import { waitForTemporal } from '../../../src/temporal/dev-server.ts';
import { ALL_SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes.ts';

/** gRPC status code (a stable number of the gRPC spec; grpc-js is not our direct dependency). */
const ALREADY_EXISTS = 6;
const RETENTION = msToTs('1 day');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function retryUntil<T>(what: string, deadline: number, fn: () => Promise<T>): Promise<T> {
  let last = '';
  while (Date.now() < deadline) {
    try {
      return await fn();
    } catch (err) {
      last = (err as Error).message;
      await sleep(500);
    }
  }
  throw new Error(`${what}: gave up (last error: ${last})`);
}

export async function setupNamespace(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const admin = await retryUntil('frontend reachable', deadline, async () => {
    const c = await Connection.connect({ address, connectTimeout: 2_000 });
    await c.workflowService.getSystemInfo({}).catch(async (err: unknown) => {
      await c.close();
      throw err;
    });
    return c;
  });
  try {
    await retryUntil('register namespace default', deadline, () =>
      admin.workflowService
        .registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: RETENTION })
        .catch((err: { code?: number }) => {
          if (err.code !== ALREADY_EXISTS) throw err;
        }),
    );
  } finally {
    await admin.close();
  }
  const connection = await waitForTemporal(address, 'default', deadline - Date.now());
  try {
    await retryUntil('search attributes', deadline, () => ensureSearchAttributes(connection, 'default'));
    const client = new Client({ connection });
    await retryUntil('a start carrying the search attributes', deadline, async () => {
      const handle = await client.workflow.start('searchAttributeProbe', {
        taskQueue: 'atelier-cluster-probe',
        workflowId: `probe-${randomUUID()}`,
        typedSearchAttributes: ALL_SEARCH_ATTRIBUTES.map((key) => ({ key, value: 'probe' })),
      });
      await handle.terminate('setup probe');
    });
  } finally {
    await connection.close();
  }
}
