/** Routes the Temporal runtime's logs (core, workflow `log`, activity `log`) into pino. */
import { DefaultLogger, type LogLevel } from '@temporalio/worker';
import { type Logger } from '../logger.ts';

const LEVELS: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
};

export function temporalLogger(log: Logger): DefaultLogger {
  const level = LEVELS[log.level] ?? 'WARN';
  return new DefaultLogger(level, ({ level: l, message, meta }) => {
    const method = l.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
    log[method]({ ...meta, src: 'temporal' }, message);
  });
}
