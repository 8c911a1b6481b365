/** The caller as the job layer sees it (set by the authenticate middleware). */
import { type Context } from 'hono';
import { type Viewer } from '../jobs/describe-job.ts';
import { type AppEnv } from './app-types.ts';

export function viewerOf(c: Context<AppEnv>): Viewer {
  return { tenantId: c.get('tenantId'), isAdmin: c.get('isAdmin') };
}
