// Headless Chromium for end-to-end tests of the example web app (Debian's `chromium` package).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian installs it; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// No GPU, no sandbox (containers run as root), and nothing that phones home during a test.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * What the browser tests need and lack, as one sentence, or undefined when all is there. Locally a
 * missing piece skips the tests (with this reason printed); with CI=true the tests fail instead.
 */
export function missingBrowserPrerequisites(files: Record<string, string>): string | undefined {
  const lacking = Object.entries({
    [`Chromium (${CHROMIUM_PATH}; apt-get install chromium)`]: CHROMIUM_PATH,
    ...files,
  })
    .filter(([, path]) => !existsSync(path))
    .map(([what]) => what);
  return lacking.length > 0 ? `missing ${lacking.join(' and ')}` : undefined;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}
