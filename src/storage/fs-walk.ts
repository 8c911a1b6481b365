/** Recursive directory walk that tolerates directories vanishing under it (another process deleting a job). */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMissing } from './fs-errors.ts';

export interface WalkedFile {
  /** Relative to the walk's root, with `/` separators. */
  relative: string;
  file: string;
  bytes: number;
  modifiedMs: number;
}

export async function* walkFiles(root: string, relative = ''): AsyncGenerator<WalkedFile> {
  const dir = path.join(root, relative);
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) =>
    isMissing(err) ? [] : Promise.reject(err),
  );
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      yield* walkFiles(root, rel);
    } else if (entry.isFile()) {
      const file = path.join(dir, entry.name);
      const s = await stat(file).catch((err: unknown) => (isMissing(err) ? null : Promise.reject(err)));
      if (s) yield { relative: rel, file, bytes: s.size, modifiedMs: s.mtimeMs };
    }
  }
}
