/**
 * Reads an old-API request the way FastAPI read it: JSON when the content type is JSON
 * or absent (anything else reaches the model as a string), and the fields with
 * pydantic v2's lax rules — `id` an integer from an int, a bool, a float without
 * fraction or a numeric string (`" 7 "`, `"+5"`, `"1_000"`, `"1.0"`), the others
 * strings only; extra fields ignored. Errors come out as pydantic's, all at once.
 */
import { type Context } from 'hono';
import { type AppEnv } from '../../app-types.ts';
import { pydantic, type PydanticError } from './pydantic-errors.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: PydanticError[] };

export interface QueueTrainFields {
  id: number;
  styleName: string;
  baseModel: string;
  styleRefBase64: string;
  /** Extensions of ours (not in the old API): trainer parameters and priority. */
  params?: unknown;
  priority?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Python's json module names its errors differently from V8; the closest of its wordings. */
function pythonJsonError(message: string): string {
  if (/after JSON/i.test(message)) return 'Extra data';
  if (/property name/i.test(message)) return 'Expecting property name enclosed in double quotes';
  if (/Expected ','/i.test(message)) return "Expecting ',' delimiter";
  if (/Expected ':'/i.test(message)) return "Expecting ':' delimiter";
  if (/Unterminated string/i.test(message)) return 'Unterminated string starting at';
  return 'Expecting value';
}

export async function readLegacyBody(c: Context<AppEnv>): Promise<Parsed<unknown>> {
  const text = await c.req.text();
  if (text.length === 0) return { ok: false, errors: [pydantic.missing([], null)] };
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== '' && !/^application\/(?:json|[^/]+\+json)$/.test(type)) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    return { ok: false, errors: [pydantic.jsonInvalid(position, pythonJsonError(message))] };
  }
}

const INT_STRING = /^[+-]?\d+(?:_\d+)*(?:\.0*)?$/;

/** pydantic's lax int, bounded to what a JSON number holds exactly in JavaScript. */
function laxInt(field: string, v: unknown): Parsed<number> {
  let n: number;
  if (typeof v === 'boolean') n = v ? 1 : 0;
  else if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { ok: false, errors: [pydantic.intFromFloat(field, v)] };
    n = v;
  } else if (typeof v === 'string') {
    const s = v.trim();
    if (!INT_STRING.test(s)) return { ok: false, errors: [pydantic.intParsing(field, v)] };
    n = Number(s.replace(/_/g, ''));
  } else return { ok: false, errors: [pydantic.intType(field, v)] };
  if (n > Number.MAX_SAFE_INTEGER)
    return { ok: false, errors: [pydantic.lessThanEqual(field, v, Number.MAX_SAFE_INTEGER)] };
  if (n < -Number.MAX_SAFE_INTEGER)
    return { ok: false, errors: [pydantic.greaterThanEqual(field, v, -Number.MAX_SAFE_INTEGER)] };
  return { ok: true, value: n === 0 ? 0 : n }; // -0 is 0, as in Python
}

export function parseQueueTrain(body: unknown): Parsed<QueueTrainFields> {
  if (!isObject(body)) return { ok: false, errors: [pydantic.modelAttributesType(body)] };
  const errors: PydanticError[] = [];
  const field = <T>(name: string, parse: (v: unknown) => Parsed<T>): T | undefined => {
    if (!(name in body)) return void errors.push(pydantic.missing([name], body));
    const r = parse(body[name]);
    if (r.ok) return r.value;
    errors.push(...r.errors);
  };
  const str =
    (name: string) =>
    (v: unknown): Parsed<string> =>
      typeof v === 'string' ? { ok: true, value: v } : { ok: false, errors: [pydantic.stringType(name, v)] };
  const id = field('id', (v) => laxInt('id', v));
  const styleName = field('styleName', str('styleName'));
  const baseModel = field('baseModel', str('baseModel'));
  const styleRefBase64 = field('styleRefBase64', str('styleRefBase64'));
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      id: id!,
      styleName: styleName!,
      baseModel: baseModel!,
      styleRefBase64: styleRefBase64!,
      params: body.params,
      priority: body.priority,
    },
  };
}

/** `/getTrainStatus` and `/stopOrDeleteTrain` took any JSON object (`body: dict`). */
export function parseIdBody(body: unknown): Parsed<{ id: unknown }> {
  if (!isObject(body)) return { ok: false, errors: [pydantic.dictType(body)] };
  // The old handlers read body["id"] unchecked: a missing id was a 500 there, a 422 here.
  if (!('id' in body)) return { ok: false, errors: [pydantic.missing(['id'], body)] };
  return { ok: true, value: { id: body.id } };
}

/**
 * The job id an old-API `id` names. The old service compared with Python's `==` against
 * the integers it stored, so `1`, `1.0` and `true` name job 1 and the string `"1"` names
 * none (the old answer was NOT_FOUND); null when nothing can match.
 */
export function legacyJobIdOf(id: unknown): string | null {
  if (typeof id === 'boolean') return id ? '1' : '0';
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id === 0 ? 0 : id);
  return null;
}
