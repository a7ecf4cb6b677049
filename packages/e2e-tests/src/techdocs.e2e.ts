import { BACKEND_URL, guestToken } from './portal';
import { ENTITY_PATH, expect, screenshotPath, test, visit } from './fixtures';

test('the example project’s TechDocs render in the demo profile', async ({
  page,
}) => {
  await visit(page, `${ENTITY_PATH}/docs`);
  // The first heading of examples/fraud-detection/docs/index.md, inside the
  // TechDocs reader's shadow DOM.
  await expect(
    page.getByRole('heading', { name: 'fraud-detection', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByText(/Scores card transactions for fraud/).first(),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('techdocs.png') });
});

test('TechDocs search answers 200 with the example project’s pages', async () => {
  const token = await guestToken();
  const query = new URLSearchParams({
    term: 'reproduce',
    'types[0]': 'techdocs',
  });
  // The collator indexes the docs shortly after start (app-config.yaml's
  // search.collators.techdocs.schedule); until then the answer may be empty.
  let last = { status: 0, body: '' };
  await expect
    .poll(
      async () => {
        const response = await fetch(
          `${BACKEND_URL}/api/search/query?${query}`,
          {
            headers: { Authorization: `Bearer ${token}` },
          },
        );
        last = { status: response.status, body: await response.text() };
        if (response.status !== 200) return `HTTP ${response.status}`;
        const results = (
          JSON.parse(last.body) as {
            results: Array<{ document: { location: string } }>;
          }
        ).results;
        return results.some(r =>
          r.document.location.includes(
            '/docs/default/component/fraud-detection',
          ),
        )
          ? 'found'
          : 'no result yet';
      },
      { timeout: 150_000, intervals: [2_000, 5_000] },
    )
    .toBe('found');
  expect(last.status).toBe(200);
});
