/**
 * Stores an image for the caller's tenant and returns its `BlobRef` — the claim check a
 * workflow started by any client (in any language) passes as `image`. The same image
 * check as a job submission runs first, so what is stored can be trained on.
 */
import { type BlobRef } from '../../workflows/contract-schemas.ts';
import { inspectImage } from '../imaging/inspect-image.ts';
import { type JobServiceDeps } from './job-service-deps.ts';
import { checkImage } from './job-service-error.ts';

export async function storeImage(
  deps: Pick<JobServiceDeps, 'storage' | 'limits'>,
  tenantId: string,
  image: Uint8Array,
  field: string,
): Promise<BlobRef> {
  const inspected = await checkImage(field, () => inspectImage(image, deps.limits.maxInputPixels));
  void tenantId; // blobs are per tenant once storage keys carry the tenant (issue 12)
  return deps.storage.putBlob(image, inspected.contentType);
}
