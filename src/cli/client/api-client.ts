/**
 * The HTTP client of the `atelier` client commands: `ATELIER_URL` (default
 * http://127.0.0.1:3000) and `ATELIER_API_KEY`. Problem+json answers become CliErrors
 * with the matching exit code; a connection failure becomes "unreachable".
 */
import { CliError, ExitCode } from './exit-codes.ts';

export interface ApiClient {
  baseUrl: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T>(path: string, init?: RequestInit): Promise<T>;
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

export async function problemError(res: Response): Promise<CliError> {
  const text = await res.text().catch(() => '');
  let problem: Problem = {};
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    problem = { detail: text.slice(0, 200) };
  }
  const fields = problem.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
  const what = problem.detail || `HTTP ${res.status}`;
  return new CliError(`${what}${problem.code ? ` (${problem.code})` : ''}${fields}`, exitCodeFor(res.status));
}

export function createApiClient(env: NodeJS.ProcessEnv = process.env): ApiClient {
  const baseUrl = (env.ATELIER_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const key = env.ATELIER_API_KEY;
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (key) headers.set('authorization', `Bearer ${key}`);
    try {
      return await fetch(baseUrl + path, { ...init, headers });
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
  }
  return {
    baseUrl,
    request,
    async json<T>(path: string, init?: RequestInit): Promise<T> {
      const res = await request(path, init);
      if (!res.ok) throw await problemError(res);
      return (await res.json()) as T;
    },
  };
}
