/*
 * Debian's Chromium, never a browser downloaded by a test tool. Install it
 * with `scripts/system-deps.sh chromium`.
 */
import fs from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function assertChromiumInstalled() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run scripts/system-deps.sh chromium (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary`,
    );
  }
}
