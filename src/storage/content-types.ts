/** The content type of an artifact, by its extension: one answer for publishing, streaming and presigned downloads. */
const TYPES: Record<string, string> = {
  cube: 'text/plain; charset=utf-8',
  png: 'image/png',
  json: 'application/json',
};

export const contentTypeOf = (name: string): string =>
  TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
