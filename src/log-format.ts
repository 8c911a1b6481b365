/**
 * Which log format a process writes: JSON for machines (files, collectors, pipes), one
 * coloured line per record for a person at a terminal. `LOG_FORMAT` forces either; that
 * is how `atelier dev` hands its own decision to its children, whose stdout may not be
 * the terminal itself.
 */
export type LogFormat = 'pretty' | 'json';

export function chooseLogFormat(forced: LogFormat | undefined, stdoutIsTty: boolean): LogFormat {
  if (forced) return forced;
  return stdoutIsTty ? 'pretty' : 'json';
}

/** This process's format: the configured one, else whether its own stdout is a terminal. */
export const logFormatOf = (config: { logFormat?: LogFormat }): LogFormat =>
  chooseLogFormat(config.logFormat, process.stdout.isTTY === true);
