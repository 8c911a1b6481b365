/** The content type of an artifact, by its extension: one answer for publishing, streaming and presigned downloads. */
export const ARTIFACT_CONTENT_TYPES: Record<string, string> = {
  // Adobe Cube LUTs are text; there is no registered media type for them.
  cube: 'text/plain; charset=utf-8',
  png: 'image/png',
  json: 'application/json',
};

export const contentTypeOf = (name: string): string =>
  ARTIFACT_CONTENT_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
