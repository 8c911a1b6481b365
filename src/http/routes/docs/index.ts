/**
 * `/docs`: Swagger UI over `/openapi.json`, with its assets served from the
 * swagger-ui-dist package instead of a CDN, so the docs work offline and behind
 * firewalls too.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { swaggerUI } from '@hono/swagger-ui';
import { Hono } from 'hono';
import { type AppEnv } from '../../app-types.ts';

const ASSET_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export function docsRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/docs', swaggerUI({ url: '/openapi.json', title: 'Atelier API', baseUrl: '/docs/assets' }));
  app.get('/docs/assets/swagger-ui-dist/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.notFound();
    const body = await readFile(path.join(ASSET_DIR, file));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
  return app;
}
