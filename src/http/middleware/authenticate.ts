/**
 * Bearer authentication: sets the caller's tenant (and admin flag) for the routes
 * behind it. With no keys configured everyone is the local tenant. The key itself is
 * never logged or echoed; only the tenant it maps to is.
 */
import { createMiddleware } from 'hono/factory';
import { LOCAL_TENANT, type ApiKeyStore } from '../../auth/api-keys.ts';
import { TENANT_ID_PATTERN } from '../../../workflows/job-identity.ts';
import { type AppEnv } from '../app-types.ts';
import { ApiError } from '../errors.ts';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
/**
 * Jobs are named by (tenant, id), so an admin key reaches another tenant's jobs by
 * acting as that tenant. Other keys cannot: the header is ignored for them.
 */
export const ACTING_TENANT_HEADER = 'atelier-tenant';

function actingTenant(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!TENANT_ID_PATTERN.test(header))
    throw new ApiError('validation_failed', `${ACTING_TENANT_HEADER} must be a tenant id`, {
      errors: [{ field: ACTING_TENANT_HEADER, message: `must match ${TENANT_ID_PATTERN}` }],
    });
  return header;
}

export function authenticate(keys: ApiKeyStore) {
  return createMiddleware<AppEnv>(async function authenticate(c, next) {
    if (keys.anonymous) {
      c.set('tenantId', LOCAL_TENANT);
      c.set('isAdmin', false);
      return next();
    }
    const match = BEARER.exec(c.req.header('authorization') ?? '');
    const principal = match ? keys.authenticate(match[1]) : null;
    if (!principal) {
      const detail = match ? 'the API key is not valid' : 'send an API key as `Authorization: Bearer <key>`';
      throw new ApiError('unauthorized', detail, {
        headers: { 'www-authenticate': 'Bearer realm="atelier"' },
      });
    }
    const tenantId = principal.isAdmin
      ? actingTenant(c.req.header(ACTING_TENANT_HEADER))
      : principal.tenantId;
    c.set('tenantId', tenantId ?? principal.tenantId);
    c.set('isAdmin', principal.isAdmin);
    c.set('log', c.get('log').child({ tenantId: tenantId ?? principal.tenantId }));
    return next();
  });
}
