/** JSON logs (pino) shared by the gateway, the workers and the Temporal runtime. */
import { pino, type Logger } from 'pino';
import { activeTraceId } from './telemetry/trace-context.ts';

export type { Logger };

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { pid: process.pid, ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Inside a traced request or activity, the line names its trace (nothing when tracing is off).
    mixin: () => {
      const traceId = activeTraceId();
      return traceId ? { trace_id: traceId } : {};
    },
  });
}
