/**
 * Creates the `temporal` and `temporal_visibility` databases and their schema with
 * the server's own sql tool, exactly as deploy/temporal/setup-postgres.sh does for
 * the compose stack: create, setup-schema at 0.0, then every versioned migration.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { type TemporalServerBinaries } from './temporal-server-build.ts';

const run = promisify(execFile);

export async function setupTemporalSchema(bin: TemporalServerBinaries, pgPort: number): Promise<void> {
  const tool = (db: string, ...args: string[]) =>
    run(
      bin.sql,
      [
        '--plugin',
        'postgres12',
        '--ep',
        '127.0.0.1',
        '-p',
        String(pgPort),
        '-u',
        'temporal',
        '--db',
        db,
        ...args,
      ],
      { env: { ...process.env, SQL_PASSWORD: 'temporal' }, timeout: 120_000 },
    ).catch((err: Error & { stderr?: string }) => {
      throw new Error(`sql ${args[0]} on ${db} failed: ${err.stderr?.trim().slice(-800) ?? err.message}`);
    });
  for (const [db, dir] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ]) {
    await tool(db, 'create');
    await tool(db, 'setup-schema', '-v', '0.0');
    await tool(db, 'update-schema', '-d', path.join(bin.schemaDir, dir, 'versioned'));
  }
}
