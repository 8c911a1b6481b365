/** `Storage` on a local directory (the embedded default): see fs-object-store.ts for the layout on disk. */
import { createFsObjectStore } from './fs-object-store.ts';
import { createStorageOn } from './storage.ts';
import type { Storage } from './types.ts';

export const createFsStorage = (dataDir: string): Storage => createStorageOn(createFsObjectStore(dataDir));
