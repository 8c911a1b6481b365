/**
 * A typed client for the Atelier HTTP API: `openapi-fetch` over the types generated from
 * /openapi.json (./openapi-types.ts), so a route, parameter or body the API does not have is
 * a compile error, and every answer is typed by its status. Imported as `atelier/client`.
 *
 *   const api = createAtelierClient({ baseUrl: 'http://127.0.0.1:3000', apiKey });
 *   const { data, error, response } = await api.GET('/v1/trainings/{id}', { params: { path: { id } } });
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './openapi-types.ts';

export type { components, operations, paths } from './openapi-types.ts';

type Schemas = components['schemas'];
export type Job = Schemas['Job'];
export type JobStatus = Schemas['JobStatus'];
export type JobList = Schemas['JobList'];
export type JobEvent = Schemas['JobEvent'];
export type Pack = Schemas['Pack'];
export type Problem = Schemas['Problem'];
export type CreateTraining = Schemas['CreateTrainingJson'];
export type CreatePack = Schemas['CreatePack'];
export type Artifact = Schemas['Artifact'];
export type BaseModel = Schemas['BaseModel'];

export type AtelierClient = Client<paths>;

export interface AtelierClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** e.g. http://127.0.0.1:3000 (no trailing path). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; omit for a gateway without keys. */
  apiKey?: string;
}

export function createAtelierClient({
  baseUrl,
  apiKey,
  headers,
  ...rest
}: AtelierClientOptions): AtelierClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(headers as object) },
    ...rest,
  });
}
