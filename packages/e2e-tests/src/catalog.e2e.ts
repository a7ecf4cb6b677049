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
    // The catalog is the demo profile's home page.
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
  await page.screenshot({ path: screenshotPath('entity-page.png') });
});
