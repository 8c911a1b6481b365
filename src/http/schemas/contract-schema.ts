/**
 * A workflow contract schema (workflows/contract-schemas.ts, plain zod) for the HTTP document.
 * zod 4 gives a schema its methods when it is built, so one built before @hono/zod-openapi
 * extended zod has no `.openapi` — which happens whenever workflows/ is imported first, as
 * test helpers that start jobs directly do. A clone is built now, after the extension (this
 * module imports it), and validates exactly as the original.
 */
import { type z } from '@hono/zod-openapi';
import '@hono/zod-openapi';

export const httpSchemaOf = <T extends z.ZodType>(schema: T): T => schema.clone();
