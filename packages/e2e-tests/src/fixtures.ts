/*
 * Shared pieces of the end-to-end tests: a page signed in as guest, how to
 * find a card, and what the demo profile is expected to show (read from the
 * demo module's synthetic data and the example project, so the tests follow
 * them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, Locator, Page } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './portal';

export { expect };

export const ENTITY_PATH = '/catalog/default/component/fraud-detection';
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs/images');

/** Titles of the MLOps cards, as the frontend plugin renders them. */
export const CARD_TITLES = [
  'MLflow runs',
  'Model registry',
  'Canary rollouts',
  'DVC pipeline',
  'GPU usage',
] as const;
export type CardTitle = (typeof CARD_TITLES)[number];

const sidebarCatalogLink = (page: Page) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true });

/** The guest sign-in of the demo profile. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(sidebarCatalogLink(page)).toBeVisible();
}

/**
 * Opens a page of the app. A stored guest session normally signs in
 * silently; should the sign-in page show instead, enter as guest again.
 */
export async function visit(page: Page, target: string) {
  await page.goto(target);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter.or(sidebarCatalogLink(page)).first()).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
    await expect(sidebarCatalogLink(page)).toBeVisible();
  }
}

/** An InfoCard, found by its title. */
export function card(page: Page, title: string): Locator {
  return page
    .locator('.MuiCard-root')
    .filter({
      has: page.locator('.MuiCardHeader-title', {
        hasText: new RegExp(`^${title}$`),
      }),
    })
    .first();
}

export function screenshotPath(name: string) {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return path.join(SCREENSHOTS_DIR, name);
}

const readRepoJson = (relativePath: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, relativePath), 'utf8'));

const FIXTURES = 'plugins/mlops-backend-module-demo/src/fixtures';

/** What the synthetic demo data holds, for assertions on what the UI shows. */
export function demoData() {
  // The demo MLflow serves the head commit's run in front of runs-search.json's.
  const runs = [
    ...readRepoJson(`${FIXTURES}/mlflow/head-commit-runs.json`).runs,
    ...readRepoJson(`${FIXTURES}/mlflow/runs-search.json`).runs,
  ] as Array<{
    info: { run_id: string; run_name: string; status: string };
    data: { params: Array<{ key: string; value: string }> };
  }>;
  const model = readRepoJson(`${FIXTURES}/mlflow/registered-models-get.json`)
    .registered_model as {
    name: string;
    aliases: Array<{ alias: string; version: string }>;
  };
  const rollouts = readRepoJson(
    `${FIXTURES}/kubernetes/gpu-prod-eu/rollouts.json`,
  ).items as Array<{ metadata: { name: string } }>;
  const clusters = readRepoJson(
    `${FIXTURES}/kubernetes/clusters.json`,
  ) as string[];
  return { runs, model, rollouts, clusters };
}

/** The demo cluster's objects of one kind (`rollouts`, `canaries`, `pods`…), as the demo module serves them. */
export function demoClusterObjects(cluster: string, plural: string) {
  return readRepoJson(`${FIXTURES}/kubernetes/${cluster}/${plural}.json`)
    .items as Array<{ metadata: { name: string; namespace?: string } }>;
}

export const EXAMPLE_PIPELINE =
  'examples/fraud-detection/data-plane/dvc/dvc.yaml';

/** Stage names of the example project's DVC pipeline (the template's output). */
export function examplePipelineStages(): string[] {
  const file = path.join(REPO_ROOT, EXAMPLE_PIPELINE);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${EXAMPLE_PIPELINE} does not exist: regenerate the example project (scripts/generate-example-project.js)`,
    );
  }
  const pipeline = parseYaml(fs.readFileSync(file, 'utf8')) as {
    stages?: Record<string, unknown>;
  };
  return Object.keys(pipeline.stages ?? {});
}

/**
 * `test` with a page already signed in as guest: the worker signs in once and
 * every test reuses that browser storage.
 */
export const test = base.extend<{}, { guestStorageState: string }>({
  storageState: ({ guestStorageState }, use) => use(guestStorageState),
  guestStorageState: [
    async ({ browser }, use, workerInfo) => {
      const file = path.join(
        workerInfo.project.outputDir,
        'guest-storage.json',
      );
      // A page of its own, outside the test's context and its timeouts.
      const page = await browser.newPage({
        baseURL: workerInfo.project.use.baseURL,
      });
      page.setDefaultNavigationTimeout(120_000);
      page.setDefaultTimeout(60_000);
      await signInAsGuest(page);
      await page.context().storageState({ path: file });
      await page.close();
      await use(file);
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});
