import { expectNoSeriousA11yViolations } from './axe';
import {
  card,
  CARD_TITLES,
  demoData,
  ENTITY_PATH,
  examplePipelineStages,
  expect,
  screenshotPath,
  test,
  visit,
} from './fixtures';

const MLOPS_TAB = `${ENTITY_PATH}/mlops`;

/**
 * Resolves once every MLOps card shows the "demo data" badge, which a card
 * renders only together with the data the backend answered.
 */
async function waitForEveryCard(page: import('@playwright/test').Page) {
  await page.waitForFunction(
    titles =>
      titles.every(title =>
        Array.from(document.querySelectorAll('.MuiCard-root')).some(
          element =>
            element.querySelector('.MuiCardHeader-title')?.textContent ===
              title && element.textContent?.includes('demo data'),
        ),
      ),
    [...CARD_TITLES],
    { timeout: 60_000, polling: 50 },
  );
}

const slug = (title: string) => title.toLowerCase().replace(/\s+/g, '-');

test('the MLOps tab shows every card with demo data and the demo badge', async ({
  page,
}) => {
  const { runs, model, rollouts, clusters } = demoData();

  // Time from navigation until every card shows data: the first visit (the
  // dev server builds lazy chunks, the backend's caches are cold), then warm.
  const timings: number[] = [];
  await visit(page, ENTITY_PATH);
  for (let round = 0; round < 4; round++) {
    await page.goto('about:blank');
    const started = Date.now();
    await page.goto(MLOPS_TAB);
    await waitForEveryCard(page);
    timings.push(Date.now() - started);
  }
  const [first, ...warm] = timings;
  const median = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)];
  const line = `MLOps tab, navigation until all ${
    CARD_TITLES.length
  } cards show data: first visit ${first} ms, then ${warm.join(
    ' / ',
  )} ms (median ${median} ms)`;
  process.stdout.write(`${line}\n`);
  test.info().annotations.push({ type: 'mlops-tab-timing', description: line });

  // What a user does on the entity page: click the tab (no page load).
  const tabLink = (name: string) =>
    page.getByRole('link', { name, exact: true });
  const switches: number[] = [];
  for (let round = 0; round < 3; round++) {
    await tabLink('Overview').click();
    await expect(card(page, CARD_TITLES[0])).toHaveCount(0);
    const started = Date.now();
    await tabLink('MLOps').click();
    await waitForEveryCard(page);
    switches.push(Date.now() - started);
  }
  const switchMedian = [...switches].sort((a, b) => a - b)[1];
  const switchLine = `MLOps tab, click from Overview until all ${
    CARD_TITLES.length
  } cards show data: ${switches.join(' / ')} ms (median ${switchMedian} ms)`;
  process.stdout.write(`${switchLine}\n`);
  test.info().annotations.push({
    type: 'mlops-tab-switch-timing',
    description: switchLine,
  });

  for (const title of CARD_TITLES) {
    await expect(
      card(page, title).getByText('demo data', { exact: true }),
    ).toBeVisible();
  }
  // What the recorded data holds is what the cards show.
  const newest = runs[0].info.run_name;
  await expect(card(page, 'MLflow runs')).toContainText(newest);
  const champion = model.aliases.find(a => a.alias === 'champion')!;
  await expect(card(page, 'Model registry')).toContainText('champion');
  await expect(card(page, 'Model registry')).toContainText(
    `Version ${champion.version}`,
  );
  await expect(card(page, 'Canary rollouts')).toContainText(
    rollouts[0].metadata.name,
  );
  for (const cluster of clusters) {
    await expect(card(page, 'GPU usage')).toContainText(cluster);
  }

  // The stage graph lays itself out after its data arrived.
  await expect(
    card(page, 'DVC pipeline')
      .getByRole('button', { name: / (up to date|stale|not run|unknown)$/ })
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('mlops-tab.png'),
    fullPage: true,
  });
  for (const title of CARD_TITLES) {
    await card(page, title).screenshot({
      path: screenshotPath(`card-${slug(title)}.png`),
    });
  }
});

test('the DVC card draws every stage of the example pipeline', async ({
  page,
}) => {
  const stages = examplePipelineStages();
  expect(stages.length).toBeGreaterThan(1);
  await visit(page, MLOPS_TAB);
  const dvc = card(page, 'DVC pipeline');
  const graph = dvc.getByLabel(/^DVC stage graph/);
  await expect(graph).toBeVisible();
  // The full-screen button is named and sits inside the card.
  const fullscreen = dvc.getByRole('button', {
    name: 'Show the stage graph full screen',
  });
  await expect(fullscreen).toBeVisible();
  const [button, frame] = await Promise.all([
    fullscreen.boundingBox(),
    dvc.boundingBox(),
  ]);
  expect(button!.x + button!.width).toBeLessThanOrEqual(
    frame!.x + frame!.width,
  );
  for (const stage of stages) {
    const escaped = stage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A stage's name is its visible text: the stage, then its lock state.
    await expect(
      graph.getByRole('button', { name: new RegExp(`^${escaped} `) }),
    ).toBeVisible();
  }
});

test('the MLOps tab has no serious or critical accessibility finding, reads /canary once, and its tables keep their first column in view', async ({
  page,
}) => {
  const canaryRequests: string[] = [];
  page.on('request', request => {
    if (/\/api\/mlops\/.*\/canary(\?|$)/.test(request.url())) {
      canaryRequests.push(request.url());
    }
  });
  await visit(page, MLOPS_TAB);
  await waitForEveryCard(page);
  // The model card and the canary card share one answer.
  expect(canaryRequests).toHaveLength(1);

  // Every wide table scrolls in a labelled region reachable by keyboard,
  // and its first (identifying) column stays in view when scrolled.
  const regions = page.locator('[role="region"][tabindex="0"]');
  expect(await regions.count()).toBeGreaterThan(3);
  const runs = page.getByRole('region', { name: 'MLflow runs' });
  await runs.evaluate(element => {
    element.scrollLeft = element.scrollWidth;
  });
  const firstCell = runs.locator('tbody tr').first().locator('td').first();
  const [cell, region] = await Promise.all([
    firstCell.boundingBox(),
    runs.boundingBox(),
  ]);
  expect(cell!.x).toBeGreaterThanOrEqual(region!.x - 1);
  await expect(firstCell).toBeVisible();
  await runs.evaluate(element => {
    element.scrollLeft = 0;
  });

  await expectNoSeriousA11yViolations(page);
});

test('clicking a run opens its details', async ({ page }) => {
  const { runs } = demoData();
  const run = runs.find(r => r.info.status === 'FINISHED')!;
  await visit(page, MLOPS_TAB);
  const runsCard = card(page, 'MLflow runs');
  await runsCard
    .getByRole('button', { name: `Details of run ${run.info.run_name}` })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(run.info.run_name);
  const param = run.data.params.find(p => p.key === 'n_estimators')!;
  await expect(dialog).toContainText(param.key);
  await expect(dialog).toContainText(param.value);
  await page.screenshot({ path: screenshotPath('run-details.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
