/** `/v1/packs` refuses what can never train, at the door: nothing starts, no worker is needed. */
import { describe, it } from 'vitest';
import { styleImage } from '../harness/images.ts';
import { expectProblem, postJson } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const A = { tenantId: 'tenant-a', key: 'key-a-0123456789' };
const h = useHarness();
const gw = useGateway(h, { tenantKeys: [A] });

const b64 = async () => (await styleImage()).toString('base64');
const params = { iterations: 3, lutSize: 17 };

describe('/v1/packs refusals', () => {
  it('refuses the whole pack when one image is broken', async () => {
    const truncated = (await styleImage()).subarray(0, 90).toString('base64');
    const body = {
      styles: [
        { styleName: 'Dawn', styleRefBase64: await b64(), params },
        { styleName: 'Broken', styleRefBase64: truncated, params },
      ],
    };
    await expectProblem(await postJson(gw, '/v1/packs', body, { key: A.key }), 422, 'invalid_image');
  });

  it('validates the request', async () => {
    await expectProblem(
      await postJson(gw, '/v1/packs', { styles: [] }, { key: A.key }),
      400,
      'validation_failed',
    );
    await expectProblem(
      await postJson(
        gw,
        '/v1/packs',
        { styles: [{ styleName: 'x', styleRefBase64: await b64(), baseModel: 'nope' }] },
        { key: A.key },
      ),
      422,
      'unknown_base_model',
    );
    await expectProblem(await gw.fetch('/v1/packs/..%2Fetc', { key: A.key }), 400, 'validation_failed');
  });
});
