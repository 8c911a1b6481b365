/**
 * Applies a succeeded job's trained `style.cube` to an image: the image passes the one
 * image check (inspectImage) and the one decode (decodeRgb8), the LUT is applied in
 * slices with a yield to the event loop between them — so one large image never stalls
 * other requests, the very failure of the old service — and sharp encodes the result
 * as PNG.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import sharp from 'sharp';
import { decodeRgb8 } from '../imaging/decode-rgb8.ts';
import { inspectImage } from '../imaging/inspect-image.ts';
import { parseCube } from '../training/cube-format.ts';
import { applyLutToRgb8 } from '../training/lut-apply.ts';
import { statusAndPhaseOf } from './build-job-view.ts';
import { type JobRef } from '../../workflows/job-identity.ts';
import { describeJob } from './describe-job.ts';
import { type JobServiceDeps } from './job-service-deps.ts';
import { checkImage, JobServiceError } from './job-service-error.ts';

/** Pixels per slice: a few milliseconds of work each. */
const SLICE_PIXELS = 128 * 1024;

export interface ApplyRequest {
  job: JobRef;
  image: Uint8Array;
  /** Name of the request field that carried the image, for error messages. */
  imageField: string;
}

export async function applyStyle(
  deps: Pick<JobServiceDeps, 'client' | 'storage' | 'limits'>,
  req: ApplyRequest,
): Promise<Buffer> {
  const facts = await describeJob(deps, req.job);
  const { status } = statusAndPhaseOf(facts);
  if (status !== 'succeeded')
    throw new JobServiceError(
      'InvalidState',
      `job '${req.job.jobId}' has no trained style (status ${status})`,
      {
        facts: { jobStatus: status },
      },
    );
  const maxInputPixels = deps.limits.maxInputPixels;
  const rgb = await checkImage(req.imageField, async () => {
    await inspectImage(req.image, maxInputPixels);
    return decodeRgb8(req.image, { maxInputPixels });
  });
  const lut = parseCube((await deps.storage.readArtifact(req.job.jobId, 'style.cube')).toString('utf8'));
  const out = Buffer.alloc(rgb.data.length);
  for (let start = 0; start < rgb.data.length; start += SLICE_PIXELS * 3) {
    const end = Math.min(rgb.data.length, start + SLICE_PIXELS * 3);
    out.set(applyLutToRgb8(rgb.data.subarray(start, end), lut.data, lut.size), start);
    await yieldToLoop();
  }
  return sharp(out, { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
    .png()
    .toBuffer();
}
