import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts chromium; Playwright gives it a fresh, empty profile of its own each time. */
export async function launchBrowser(): Promise<{ browser: Browser; cleanup: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return { browser, cleanup: () => browser.close() };
}
