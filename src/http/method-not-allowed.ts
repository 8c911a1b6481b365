/**
 * A known path asked with a method it does not serve answers 405 with `Allow` (RFC 9110
 * §15.5.6), not 404: the resource exists. The paths and methods come from the
 * application's own routes, so the answer cannot drift from what is served.
 */
import { type Hono } from 'hono';

/** `/v1/trainings/{id}`-style and `:id`-style route paths as anchored regular expressions. */
function matcherOf(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((segment) => (/^[:{]/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`);
}

export function allowedMethodsOf(app: Hono<never>): (path: string) => string[] {
  let table: Array<{ matcher: RegExp; method: string }> | undefined;
  return (path) => {
    // Built on first use: every route is registered by then.
    table ??= app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => ({ matcher: matcherOf(r.path), method: r.method }));
    const methods = new Set(table.filter((r) => r.matcher.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
