import { type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { saveScreenshot, useChromium } from '../helpers/chromium.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';
import { createJob, isTerminal, waitForJob } from '../helpers/api-client.ts';

async function textInAnyFrame(page: Page, text: RegExp): Promise<boolean> {
  for (const frame of page.frames()) {
    const body = await frame
      .locator('body')
      .innerText()
      .catch(() => '');
    if (text.test(body)) return true;
  }
  return false;
}

describe('Temporal UI legibility (headless Chromium)', () => {
  const h = useHarness({ workers: 'all' });
  const gw = useGateway(h);
  const browser = useChromium();

  it("an operator sees the finished workflow's id, its summary and its phase", async () => {
    // Through the gateway, which sets the static summary and details when it starts the workflow.
    const job = await createJob(gw, { styleName: 'Ukiyo UI', params: { iterations: 3, lutSize: 17 } });
    await waitForJob(gw, job.id, isTerminal);
    const workflowId = trainingWorkflowId({ tenantId: job.tenantId, jobId: job.id });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${inject('temporalUiUrl')}/namespaces/default/workflows/${workflowId}`);
    await expect.poll(() => page.getByText(workflowId).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText('COMPLETED').first().isVisible(), { timeout: 30_000 }).toBe(true);
    // UI 2.x shows the summary and the current details under "User Metadata" …
    await page.getByRole('tab', { name: 'User Metadata' }).click();
    // The markdown is rendered in sandboxed iframes, with typographic quotes.
    await expect
      .poll(() => textInAnyFrame(page, /Train style [\u2018'"]Ukiyo UI[\u2019'"] with color-lut/), {
        timeout: 30_000,
      })
      .toBe(true);
    await expect.poll(() => textInAnyFrame(page, new RegExp(job.id))).toBe(true); // the static details name the job
    await expect.poll(() => textInAnyFrame(page, /Phase: succeeded/)).toBe(true); // current details
    await saveScreenshot(page, 'temporal-ui-workflow.png');
    // … the search attributes an operator filters on under "Search Attributes", and the memo.
    const mainText = () => page.locator('main').innerText();
    await page.getByRole('tab', { name: 'Search Attributes' }).click();
    for (const attribute of [
      '"TrainingPhase": "succeeded"',
      '"StyleName": "Ukiyo UI"',
      '"BaseModel": "color-lut"',
      '"TenantId": "local"',
    ]) {
      await expect.poll(mainText, { timeout: 15_000 }).toContain(attribute);
    }
    await page.getByRole('tab', { name: 'Memo' }).click();
    await expect.poll(mainText, { timeout: 15_000 }).toContain('"styleName": "Ukiyo UI"');
  });
});
