/**
 * The active span, for code that runs with or without tracing (only the API package: a
 * no-op when no tracer is registered, see ./tracing.ts).
 */
import { trace } from '@opentelemetry/api';

/** The active trace id, for log lines (`trace_id`); undefined outside a span. */
export function activeTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? context.traceId : undefined;
}

/** Attributes on the span of the running activity attempt (a no-op without tracing). */
export function annotateActiveSpan(attributes: Record<string, string | number | boolean>): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
