/**
 * Splits a child's output stream into lines, bounded: a trainer that prints megabytes
 * without a newline (or a progress bar redrawn with `\r`) must not grow our memory.
 * `\n`, `\r\n` and a lone `\r` all end a line; an over-long line is cut at `maxLength`
 * characters and the rest of it dropped; empty lines are skipped.
 */
import { StringDecoder } from 'node:string_decoder';

export const MAX_LINE_LENGTH = 64 * 1024;

export interface LineSplitter {
  /** Feeds a chunk (UTF-8 sequences may be split across chunks). */
  push(chunk: Buffer | string): void;
  /** Flushes the last, unterminated line. */
  end(): void;
}

export function createLineSplitter(
  onLine: (line: string, truncated: boolean) => void,
  maxLength = MAX_LINE_LENGTH,
): LineSplitter {
  const decoder = new StringDecoder('utf8');
  let current = '';
  let truncated = false;

  const emit = () => {
    if (current.length > 0) onLine(current, truncated);
    current = '';
    truncated = false;
  };

  const append = (text: string) => {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      add(text.slice(start, i));
      emit();
      start = i + 1;
    }
    add(text.slice(start));
  };

  const add = (piece: string) => {
    if (truncated || piece.length === 0) return;
    const room = maxLength - current.length;
    if (piece.length > room) {
      current += piece.slice(0, room);
      truncated = true;
    } else {
      current += piece;
    }
  };

  return {
    push: (chunk) => append(typeof chunk === 'string' ? chunk : decoder.write(chunk)),
    end: () => {
      append(decoder.end());
      emit();
    },
  };
}
