/** The caller as the job layer sees it (set by the authenticate middleware). */
import { type Context } from 'hono';
import { type JobRef } from '../../workflows/job-identity.ts';
import { type Viewer } from '../jobs/describe-job.ts';
import { type PackRef } from '../jobs/read-pack.ts';
import { type AppEnv } from './app-types.ts';

export function viewerOf(c: Context<AppEnv>): Viewer {
  return { tenantId: c.get('tenantId'), isAdmin: c.get('isAdmin') };
}

/** A job id from the request names the job of the caller's tenant (identity is (tenant, id)). */
export function jobRefOf(c: Context<AppEnv>, jobId: string): JobRef {
  return { tenantId: c.get('tenantId'), jobId };
}

export function packRefOf(c: Context<AppEnv>, packId: string): PackRef {
  return { tenantId: c.get('tenantId'), packId };
}
