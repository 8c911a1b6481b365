import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, useChromium } from '../helpers/chromium.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';
import { styleImage } from '../harness/images.ts';
import { testTrainers } from '../http/fixtures/slow-trainer.ts';

/** Drops a file on the drop zone the way a browser does: a real `drop` event with a DataTransfer. */
async function dropImage(page: Page, png: Buffer): Promise<void> {
  // A string, not a function: this project's TypeScript has no DOM types.
  await page.evaluate(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(png.toString('base64'))}), (ch) => ch.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'reference.png', { type: 'image/png' }));
    const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
    document.getElementById('drop-zone').dispatchEvent(drop);
  })()`);
}

const rowText = (page: Page, id: string, selector: string) =>
  page.locator(`tr[data-job-id="${id}"] ${selector}`).innerText();

describe('web console (headless Chromium)', () => {
  const h = useHarness({ workers: 'all', deps: { trainers: testTrainers() } });
  const gw = useGateway(h, { trainers: testTrainers() });
  const browser = useChromium();

  it('submits a dropped image, shows progress moving, then succeeded with the before/after preview', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${gw.url}/`);
    await page.locator('#base-model option[value="slow-test"]').waitFor({ state: 'attached' });
    await dropImage(page, await styleImage(320, 200));
    await expect.poll(() => page.locator('#drop-preview').isVisible()).toBe(true);
    await page.fill('#style-name', 'Dusk in the browser');
    await page.selectOption('#base-model', 'color-lut'); // the real trainer: its preview.png is the "after"
    await page.fill('#iterations', '150');
    await page.click('#submit-button');
    const id =
      (await page.locator('#submit-message').innerText()).match(/Submitted (\S+)\./)?.[1] ??
      (await page.locator('tbody tr').first().getAttribute('data-job-id'))!;
    await page.locator(`tr[data-job-id="${id}"]`).waitFor();

    // Progress moves: two different iteration counts seen while the job runs.
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const text = await rowText(page, id, '.bar-text');
          if (/^\d+\/150/.test(text) && !text.startsWith('150/')) seen.add(text.split(' ')[0]);
          return seen.size;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBeGreaterThanOrEqual(2);

    // 150 iterations of the real trainer: seconds on a quiet machine, more than a minute beside a bench.
    await expect.poll(() => rowText(page, id, '.badge'), { timeout: 150_000 }).toBe('succeeded');
    await expect
      .poll(
        () =>
          page.evaluate(
            "(img => img.complete ? img.naturalWidth : 0)(document.getElementById('after'))",
          ) as Promise<number>,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    expect((await page.evaluate("document.getElementById('before').naturalWidth")) as number).toBe(320);
    await expect.poll(() => page.locator('#events li[data-type="succeeded"]').count()).toBe(1);
    expect(await page.locator('#downloads button').allInnerTexts()).toEqual(
      expect.arrayContaining(['⬇ style.cube', '⬇ preview.png']),
    );
    expect(await rowText(page, id, 'td:nth-child(2)')).toBe('Dusk in the browser · color-lut');

    await saveScreenshot(page, 'console-succeeded.png');
    expect(errors).toEqual([]);
  }, 270_000); // above the sum of its own waits, which bound each step

  it('pause, resume and cancel buttons steer a running job', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.url}/`);
    await page.locator('#base-model option[value="slow-test"]').waitFor({ state: 'attached' });
    await dropImage(page, await styleImage());
    await page.fill('#style-name', 'Steered');
    await page.selectOption('#base-model', 'slow-test');
    await page.fill('#iterations', '400');
    await page.click('#submit-button');
    await expect.poll(() => page.locator('#submit-message').innerText()).toMatch(/Submitted/);
    const id = (await page.locator('#submit-message').innerText()).match(/Submitted (\S+)\./)![1];
    const row = page.locator(`tr[data-job-id="${id}"]`);
    await expect.poll(() => rowText(page, id, '.badge'), { timeout: 30_000 }).toBe('running');
    await row.locator('button[data-action="pause"]').click();
    await expect.poll(() => rowText(page, id, '.badge'), { timeout: 30_000 }).toBe('paused');
    await row.locator('button[data-action="resume"]').click();
    await expect.poll(() => rowText(page, id, '.badge'), { timeout: 30_000 }).toBe('running');
    await row.locator('button[data-action="cancel"]').click();
    await expect.poll(() => rowText(page, id, '.badge'), { timeout: 30_000 }).toBe('cancelled');
    await expect
      .poll(() => page.locator('#events li[data-type="cancelled"]').count(), { timeout: 10_000 })
      .toBe(1);
  }, 270_000); // above the sum of its own waits, which bound each step
});
