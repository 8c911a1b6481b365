// Regenerates docs/contract/contract.schema.json from the zod schemas (npm run contract).
// test/contract/contract-document.unit.test.ts fails when the committed file is stale.
import { writeFile } from 'node:fs/promises';
import { CONTRACT_FILE, contractDocumentText } from '../src/contract/contract-document.ts';

await writeFile(CONTRACT_FILE, contractDocumentText());
console.log(`wrote ${CONTRACT_FILE}`);
