/** /openapi.json is a valid OpenAPI 3.1 document covering every route; /docs renders it. */
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const h = useHarness();
const gw = useGateway(h, { tenantKeys: [{ tenantId: 't', key: 'some-long-key-1' }] });

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { required?: boolean }; security?: unknown[] }>>;
};

describe('OpenAPI', () => {
  it('serves a valid OpenAPI 3.1 document (checked by swagger-parser)', async () => {
    const res = await gw.fetch('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    // validate() dereferences in place; keep our copy intact for the assertions below.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();

    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/trainings',
        'GET /v1/trainings',
        'GET /v1/trainings/{id}',
        'PATCH /v1/trainings/{id}',
        'DELETE /v1/trainings/{id}',
        'POST /v1/trainings/{id}/cancel',
        'POST /v1/trainings/{id}/pause',
        'POST /v1/trainings/{id}/resume',
        'GET /v1/trainings/{id}/checkpoints',
        'GET /v1/trainings/{id}/artifacts',
        'GET /v1/trainings/{id}/artifacts/{name}',
        'POST /v1/trainings/{id}/apply',
        'GET /v1/base-models',
        'POST /queueTrain',
        'POST /getTrainStatus',
        'POST /stopOrDeleteTrain',
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
      ]),
    );
    expect(doc.paths['/v1/trainings'].post.requestBody?.required).toBe(true);
    expect(doc.paths['/v1/trainings'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/healthz'].get.security).toBeUndefined();
  });

  it('renders interactive docs at /docs from /openapi.json', async () => {
    const res = await gw.fetch('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/swagger-ui/i);
    expect(html).toContain('/openapi.json');
    // Its assets come from this gateway, not a CDN: the docs work offline.
    const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset.startsWith('/docs/assets/')).toBe(true);
      const res = await gw.fetch(asset);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
    expect((await gw.fetch('/docs/assets/swagger-ui-dist/package.json')).status).toBe(404);
  });

  it('has only patterns that compile as ECMA-262 regular expressions and match their own examples', async () => {
    const doc = (await (await gw.fetch('/openapi.json')).json()) as unknown;
    const found: Array<{ pattern: string; example?: unknown }> = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      if (typeof o.pattern === 'string') found.push({ pattern: o.pattern, example: o.example });
      Object.values(o).forEach(walk);
    };
    walk(doc);
    expect(found.length).toBeGreaterThan(3);
    for (const { pattern, example } of found) {
      // JSON Schema patterns are ECMA-262 with the u flag; flags glued into the text would not compile as such.
      expect(() => new RegExp(pattern, 'u'), pattern).not.toThrow();
      if (typeof example === 'string') expect(example, pattern).toMatch(new RegExp(pattern, 'u'));
    }
  });
});
