/**
 * The HTTP client of the `atelier` client commands: `ATELIER_URL` (default
 * http://127.0.0.1:3000) and `ATELIER_API_KEY`. Calls go through the typed client
 * (`atelier/client`, generated from /openapi.json); streams (SSE, downloads) use `request`.
 * Problem+json answers become CliErrors with the matching exit code; a connection failure
 * becomes "unreachable".
 */
import { createAtelierClient, type AtelierClient } from '../../client/index.ts';
import { CliError, ExitCode } from './exit-codes.ts';

export interface ApiClient {
  baseUrl: string;
  /** Typed calls: `dataOf(await api.typed.GET('/v1/trainings/{id}', …))`. */
  typed: AtelierClient;
  request(path: string, init?: RequestInit): Promise<Response>;
}

interface Problem {
  code?: string;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

function exitCodeFor(status: number): number {
  if (status === 404) return ExitCode.notFound;
  if (status >= 500) return ExitCode.unreachable;
  return ExitCode.refused;
}

/** A problem+json body (or any other error body) as the CliError the user sees. */
export function problemErrorOf(status: number, body: unknown): CliError {
  const problem: Problem =
    body && typeof body === 'object' ? (body as Problem) : { detail: String(body ?? '').slice(0, 200) };
  const fields = problem.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
  const what = problem.detail || `HTTP ${status}`;
  return new CliError(`${what}${problem.code ? ` (${problem.code})` : ''}${fields}`, exitCodeFor(status));
}

export async function problemError(res: Response): Promise<CliError> {
  const text = await res.text().catch(() => '');
  try {
    return problemErrorOf(res.status, JSON.parse(text));
  } catch {
    return problemErrorOf(res.status, text);
  }
}

/** The data of a typed call, or the CliError its error answer stands for. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  throw problemErrorOf(result.response.status, result.error);
}

/** fetch, with a connection failure turned into an "unreachable" CliError naming the cause. */
function reachingFetch(baseUrl: string): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      // undici puts the socket error in `cause` (an AggregateError when several addresses were tried).
      const cause = (err as { cause?: { code?: string; errors?: Array<{ code?: string }> } }).cause;
      const reason =
        cause?.code ??
        cause?.errors?.[0]?.code ??
        (cause as Error | undefined)?.message ??
        (err as Error).message;
      throw new CliError(
        `cannot reach the gateway at ${baseUrl} (${reason}); set ATELIER_URL`,
        ExitCode.unreachable,
      );
    }
  };
}

export function createApiClient(env: NodeJS.ProcessEnv = process.env): ApiClient {
  const baseUrl = (env.ATELIER_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const apiKey = env.ATELIER_API_KEY || undefined;
  const send = reachingFetch(baseUrl);
  return {
    baseUrl,
    typed: createAtelierClient({ baseUrl, apiKey, fetch: send }),
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (apiKey) headers.set('authorization', `Bearer ${apiKey}`);
      return send(baseUrl + path, { ...init, headers });
    },
  };
}
