import { test as anonymous } from '@playwright/test';
import {
  ENTITY_PATH,
  expect,
  screenshotPath,
  signInAsGuest,
  test,
  visit,
} from './fixtures';

anonymous(
  'a guest signs in and the catalog lists the example ML project',
  async ({ page }) => {
    await signInAsGuest(page);
    // The home page is the ML home page; the catalog has its own page.
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true })
      .click();
    const link = page.getByRole('link', { name: 'Fraud detection' });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', new RegExp(`${ENTITY_PATH}$`));
    await expect(
      page.getByRole('row', { name: /Fraud detection/ }),
    ).toContainText('ml-project');
  },
);

test('the example ML project has an entity page with an MLOps tab', async ({
  page,
}) => {
  await visit(page, ENTITY_PATH);
  await expect(
    page.getByRole('heading', { name: 'Fraud detection' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'MLOps', exact: true }),
  ).toBeVisible();
  // The Overview tab sums the project up (MLOps plugin's summary card).
  const summary = page.getByRole('table', { name: 'MLOps summary' });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Latest run');
  await expect(summary).toContainText('GPUs held');
  await page.screenshot({ path: screenshotPath('entity-page.png') });
});
