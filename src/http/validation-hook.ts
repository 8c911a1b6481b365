/** One validation hook for every typed route: zod issues become a 400 listing each bad field. */
import { type Hook } from '@hono/zod-openapi';
import { type AppEnv } from './app-types.ts';
import { problemResponse } from './errors.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (result.success) return;
  const errors = result.error.issues.map((i) => ({
    field: i.path.join('.') || '(body)',
    message: i.message,
  }));
  return problemResponse('validation_failed', `${errors.length} invalid field(s)`, c.get('requestId'), {
    errors,
  });
};
