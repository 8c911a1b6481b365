/**
 * The browser tests' Chromium: Debian's package, installed when it is missing (the way
 * ensure-ffmpeg does for ffmpeg), launched headless once per file by `useChromium()`.
 * Tests never skip for want of a browser: a skipped UI test would silently stop guarding the UI.
 */
import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startedInHooks } from './use-stack.ts';

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';

let pending: Promise<string> | undefined;

function ensureChromium(): Promise<string> {
  pending ??= locateOrInstall();
  return pending;
}

async function locateOrInstall(): Promise<string> {
  if (await works()) return CHROMIUM;
  // Test files run in parallel processes: another one may be installing right now, so
  // wait for apt's locks instead of failing on them, and look again before giving up.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const options = {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  };
  try {
    await run('apt-get', [...lock, 'update'], options);
    await run('apt-get', [...lock, 'install', '-y', '--no-install-recommends', 'chromium'], options);
  } catch (err) {
    if (await works()) return CHROMIUM;
    throw new Error(
      `Chromium is missing and installing it failed (apt-get install -y chromium, as root): ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  if (!(await works())) throw new Error(`apt-get reported success but ${CHROMIUM} does not run`);
  return CHROMIUM;
}

async function works(): Promise<boolean> {
  try {
    await access(CHROMIUM);
    await run(CHROMIUM, ['--headless', '--no-sandbox', '--version']);
    return true;
  } catch {
    return false;
  }
}

/** Headless Chromium with the flags a sandboxed CI machine needs (no network chatter, no GPU). */
async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await ensureChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The file's browser, launched in beforeAll (the first run may install Chromium) and closed in afterAll. */
export function useChromium(): Browser {
  return startedInHooks('Chromium', launchChromium, (b) => b.close(), 900_000);
}

/** A full-page screenshot under test-output/, for a human to look at after the run. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir('test-output', { recursive: true });
  await page.screenshot({ path: path.join('test-output', name), fullPage: true });
}
