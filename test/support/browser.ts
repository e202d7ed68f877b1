import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { REPO_ROOT } from './fixtures.js';
import { forAllTests } from './lifecycle.js';

// Browser tests drive the system's Chromium (Debian's `chromium` package, or the
// one CHROMIUM_PATH names) through playwright-core; nothing is downloaded. One
// browser per test file, a fresh page per test.

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath = CANDIDATES.find((p): p is string => !!p && existsSync(p));

/** Screenshots go here (git-ignored). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'desk');

/** describe(), or describe.skip() with one printed line when there is no Chromium. */
export function describeInBrowser(name: string, body: () => void) {
  if (!chromiumPath) {
    console.log(`${name}: skipped, no Chromium found (install Debian's chromium package or set CHROMIUM_PATH)`);
    describe.skip(name, body);
  } else {
    describe(name, body);
  }
}

/** The browser of this test file, launched once. */
export function useBrowser(): () => Browser {
  return forAllTests(
    'useBrowser()',
    () =>
      chromium.launch({
        executablePath: chromiumPath!,
        // Containers run tests as root, where Chromium's sandbox cannot start.
        args: ['--no-sandbox', '--disable-dev-shm-usage'],
      }),
    (browser) => browser.close(),
  );
}

/** A page whose script errors and policy violations are collected, to be checked by the test. */
export async function openPage(browser: Browser, baseUrl: string, width = 1200) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  return { page, errors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
