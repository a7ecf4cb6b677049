/*
 * End-to-end tests of the portal in its demo profile, in headless Debian
 * Chromium. Run with `yarn workspace @mlops-portal/e2e-tests e2e`: the global
 * setup starts the portal (`yarn start`) and stops it afterwards. Test files
 * are `src/**\/*.e2e.ts`, so `backstage-cli repo test` (jest, `*.test.ts`)
 * never runs them.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './src/browser';
import { FRONTEND_URL, RESULTS_DIR, REPO_ROOT } from './src/portal';

export default defineConfig({
  testDir: 'src',
  testMatch: '**/*.e2e.ts',
  globalSetup: './src/globalSetup.ts',
  // One browser at a time: the dev server shares the machine's few cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Generous: the dev server's first page loads are slow on a busy machine.
  timeout: 240_000,
  expect: { timeout: 60_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(RESULTS_DIR, 'e2e.json') }],
  ],
  outputDir: path.join(REPO_ROOT, 'node_modules/.cache/e2e-tests'),
  use: {
    baseURL: FRONTEND_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1440, height: 900 },
    navigationTimeout: 120_000,
    actionTimeout: 60_000,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
