/**
 * The web console at `/`: static files from src/console, served as they are (no build
 * step). Public, like /docs: the page holds no data; its API calls carry the user's key.
 * A fixed allow-list maps paths to files, so no request path ever reaches the file system.
 */
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { type AppEnv } from '../../app-types.ts';

const DIR = new URL('../../../console/', import.meta.url);
const FILES: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/console/console.css': ['console.css', 'text/css; charset=utf-8'],
  '/console/console.js': ['console.js', 'text/javascript; charset=utf-8'],
  '/console/api.js': ['api.js', 'text/javascript; charset=utf-8'],
  '/console/jobs-table.js': ['jobs-table.js', 'text/javascript; charset=utf-8'],
  '/console/job-detail.js': ['job-detail.js', 'text/javascript; charset=utf-8'],
};

// Same-origin only: the page talks to this gateway and shows blob: images it fetched itself.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function consoleRoutes() {
  const app = new Hono<AppEnv>();
  const cache = new Map<string, Promise<Buffer>>();
  for (const [path, [file, type]] of Object.entries(FILES)) {
    app.get(path, async (c) => {
      if (!cache.has(file)) cache.set(file, readFile(new URL(file, DIR)));
      const body = await cache.get(file)!;
      return c.body(new Uint8Array(body), 200, {
        ...SECURITY_HEADERS,
        'content-type': type,
        'cache-control': 'no-cache',
      });
    });
  }
  return app;
}
