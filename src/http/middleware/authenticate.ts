/**
 * Bearer authentication: sets the caller's tenant (and admin flag) for the routes
 * behind it. With no keys configured everyone is the local tenant. The key itself is
 * never logged or echoed; only the tenant it maps to is.
 */
import { createMiddleware } from 'hono/factory';
import { LOCAL_TENANT, type ApiKeyStore } from '../../auth/api-keys.ts';
import { type AppEnv } from '../app-types.ts';
import { ApiError } from '../errors.ts';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

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
    c.set('tenantId', principal.tenantId);
    c.set('isAdmin', principal.isAdmin);
    c.set('log', c.get('log').child({ tenantId: principal.tenantId }));
    return next();
  });
}
