/**
 * The trainer's human-readable output: `log` messages, stderr lines and our own notes
 * all go to `onLog` (the job's log); the last message and the tail of stderr are kept
 * for the failure message when the command exits non-zero.
 */
import { type TrainerRun } from '../trainer.ts';

const TAIL_LINES = 20;
const TAIL_CHARS = 4_000;

export class TrainerOutput {
  private lastError: string | null = null;
  private lastLog: string | null = null;
  private readonly tail: string[] = [];

  constructor(private readonly onLog: TrainerRun['onLog']) {}

  /** A `log` message from stdout. */
  message(level: string, message: string): void {
    if (level === 'error') this.lastError = message;
    this.lastLog = message;
    this.onLog?.({ level, message });
  }

  stderr(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    this.onLog?.({ level: 'info', message: `stderr: ${line}` });
  }

  /** Something the adapter itself has to say (an ignored line, a forced kill). */
  note(level: 'info' | 'warn', message: string): void {
    this.onLog?.({ level, message });
  }

  /**
   * Why the trainer gave up, for a bad-input exit (65): its last `error` log message, else
   * its last stderr line, else its last log message. stdout and stderr are separate pipes,
   * so "the last line overall" would be a race; this order is not.
   */
  reason(): string | null {
    return this.lastError ?? this.tail.at(-1) ?? this.lastLog;
  }

  stderrTail(): string {
    const text = this.tail.join('\n');
    return text.length > TAIL_CHARS ? '…' + text.slice(-TAIL_CHARS) : text;
  }
}
