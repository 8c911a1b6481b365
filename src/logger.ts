/**
 * The logger (pino) shared by the gateway, the workers and the Temporal runtime: JSON
 * lines, or with format `pretty` one human line per record through pino-pretty (the
 * process name first, no pid/hostname noise). See src/log-format.ts for the choice.
 */
import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import { type LogFormat } from './log-format.ts';
import { activeTraceId } from './telemetry/trace-context.ts';

export type { Logger };

export function createLogger(
  level: string,
  base: Record<string, unknown> = {},
  format: LogFormat = 'json',
): Logger {
  const options = {
    level,
    base: { pid: process.pid, ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Inside a traced request or activity, the line names its trace (nothing when tracing is off).
    mixin: () => {
      const traceId = activeTraceId();
      return traceId ? { trace_id: traceId } : {};
    },
  };
  if (format === 'json') return pino(options);
  // In-thread and synchronous (no transport worker): lines keep their order with the dev
  // banner and nothing is lost when the process exits. Colour follows the terminal.
  const pretty = PinoPretty({
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,proc',
    messageFormat: (log, messageKey) => {
      // One record, one line: a message's own line breaks are shown, not performed.
      const msg = String(log[messageKey] ?? '').replace(/\r?\n/g, '\\n');
      return typeof log.proc === 'string' ? `${log.proc}: ${msg}` : msg;
    },
    sync: true,
  });
  return pino(options, pretty);
}
