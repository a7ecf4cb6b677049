import { expectNoSeriousA11yViolations } from './axe';
import { ENTITY_PATH, expect, screenshotPath, test, visit } from './fixtures';

test('the home page is the ML home page: the guest team’s ML projects, runs, canaries, GPUs', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', message => {
    // React's development-mode warnings ("Warning: findDOMNode is
    // deprecated", from Material UI v4) are not errors of the page.
    if (message.type() === 'error' && !message.text().startsWith('Warning:')) {
      consoleErrors.push(message.text());
    }
  });
  await visit(page, '/');
  // The guest is a member of ml-team, which owns the example project.
  await expect(
    page.getByText('Your ML projects', { exact: true }),
  ).toBeVisible();
  const projects = page.getByRole('table', { name: 'ML projects' });
  await expect(
    projects.getByRole('link', { name: 'Fraud detection' }),
  ).toHaveAttribute('href', new RegExp(`${ENTITY_PATH}/mlops$`));
  await expect(page.getByRole('table', { name: 'Recent runs' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Models in canary' }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'GPU use' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Create new ML project' }),
  ).toHaveAttribute(
    'href',
    /\/create\/templates\/default\/mlops-platform-versioning$/,
  );
  // Nothing of Backstage's stock home page, which fails offline.
  await expect(page.getByText('Random Joke')).toHaveCount(0);
  await expect(page.getByText('How to Edit This Card')).toHaveCount(0);
  await expect(
    page.getByRole('link', { name: 'MLOps Portal home' }),
  ).toBeVisible();

  await page.screenshot({
    path: screenshotPath('home-page.png'),
    fullPage: true,
  });
  await expectNoSeriousA11yViolations(page);
  expect(consoleErrors).toEqual([]);
});
