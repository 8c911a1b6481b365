/**
 * TypeScript types for the HTTP API, generated from its OpenAPI document with
 * openapi-typescript, for the typed client in src/client/. The document comes from the app
 * itself (in-process, no server needed: /openapi.json never touches Temporal or storage);
 * test/client/client-types.happy.test.ts checks the committed file against the document a
 * running gateway serves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import pino from 'pino';
import { createApp } from '../src/http/app.ts';
import { createStorage } from '../src/storage/create-storage.ts';
import { loadTrainers } from '../src/training/load-trainers.ts';

export const CLIENT_TYPES_FILE = path.resolve(import.meta.dirname, '../src/client/openapi-types.ts');

const HEADER = `/**
 * The HTTP API's types, generated from /openapi.json by openapi-typescript.
 * Do not edit: run \`npm run client:types\` after changing a route or a schema.
 */
`;

/** The document the gateway serves, from an app whose Temporal connection is never opened. */
export async function servedDocument(): Promise<unknown> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atelier-openapi-'));
  try {
    const app = createApp({
      client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:7233' }) }),
      namespace: 'default',
      storage: createStorage({ kind: 'fs', root: dataDir }),
      trainers: await loadTrainers({}),
      log: pino({ level: 'silent' }),
      limits: { maxBodyBytes: 1, maxInputPixels: 1 },
      heartbeatTimeoutMs: 1,
    });
    return await (await app.request('/openapi.json')).json();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function clientTypesOf(document: unknown): Promise<string> {
  // A field with a default may be left out of a request: keep it optional (the library's default
  // makes it required, which is right only for answers).
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { defaultNonNullable: false });
  const source = HEADER + astToString(ast);
  return format(source, { ...(await resolveConfig(CLIENT_TYPES_FILE)), filepath: CLIENT_TYPES_FILE });
}
