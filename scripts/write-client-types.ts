// Regenerates src/client/openapi-types.ts from the API's document (npm run client:types).
// test/client/client-types.happy.test.ts fails when the committed file is stale.
import { writeFile } from 'node:fs/promises';
import { CLIENT_TYPES_FILE, clientTypesOf, servedDocument } from './client-types.ts';

await writeFile(CLIENT_TYPES_FILE, await clientTypesOf(await servedDocument()));
console.log(`wrote ${CLIENT_TYPES_FILE}`);
