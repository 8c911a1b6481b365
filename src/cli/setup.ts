/** `atelier setup`: registers the custom search attributes on an existing cluster (idempotent). */
import { loadConfig } from '../config.ts';
import { connectClient, resolveTemporalTarget } from '../temporal/connection.ts';
import { ensureSearchAttributes } from '../temporal/search-attributes.ts';

export async function run(): Promise<number> {
  loadConfig();
  const target = resolveTemporalTarget();
  const client = await connectClient(target);
  try {
    const added = await ensureSearchAttributes(client.connection, target.namespace);
    process.stdout.write(
      added.length
        ? `registered ${added.join(', ')} on ${target.address}/${target.namespace}\n`
        : 'search attributes already present\n',
    );
    return 0;
  } finally {
    await client.connection.close();
  }
}
