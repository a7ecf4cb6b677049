import {
  demoClusterObjects,
  demoData,
  ENTITY_PATH,
  expect,
  test,
  visit,
} from './fixtures';

/**
 * The demo entity's Kubernetes tab (Backstage's Kubernetes plugin, served by
 * the demo module's cluster supplier and fetcher) shows the clusters the GPU
 * and canary cards read, with the project's objects on each: the Argo
 * Rollouts Rollout on gpu-prod-eu, the Flagger Canary and the Deployments it
 * manages on gpu-staging-us.
 */
test('the Kubernetes tab shows the two demo clusters and the project’s objects on each', async ({
  page,
}) => {
  const { clusters } = demoData();
  expect(clusters).toEqual(['gpu-prod-eu', 'gpu-staging-us']);
  await visit(page, ENTITY_PATH);
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Kubernetes' })
    .click();
  await expect(page).toHaveURL(new RegExp(`${ENTITY_PATH}/kubernetes$`));

  const cluster = (name: string) =>
    page
      .locator('.MuiAccordion-root')
      .filter({ hasText: `${name} (demo data)` })
      .first();
  for (const name of clusters) {
    await expect(cluster(name)).toBeVisible();
    await expect(cluster(name)).toContainText('No pods with errors');
  }
  await expect(page.getByText('No Kubernetes resources')).toHaveCount(0);

  // gpu-prod-eu: the model server's Rollout (the canary card's), and the notebook.
  const [rollout] = demoClusterObjects('gpu-prod-eu', 'rollouts');
  await cluster('gpu-prod-eu').getByText('gpu-prod-eu (demo data)').click();
  const prod = cluster('gpu-prod-eu');
  await expect(
    prod.getByText(rollout.metadata.name, { exact: true }),
  ).toBeVisible();
  await expect(prod.getByText('Rollout', { exact: true })).toBeVisible();
  await expect(
    prod.getByText(`namespace: ${rollout.metadata.namespace}`).first(),
  ).toBeVisible();
  await expect(
    prod.getByText('fraud-detection-notebook', { exact: true }),
  ).toBeVisible();

  // gpu-staging-us: the Flagger Canary and its primary Deployment.
  const [canary] = demoClusterObjects('gpu-staging-us', 'canaries');
  await cluster('gpu-staging-us')
    .getByText('gpu-staging-us (demo data)')
    .click();
  const staging = cluster('gpu-staging-us');
  await expect(staging.getByText('Canary', { exact: true })).toBeVisible();
  await expect(
    staging.getByText(canary.metadata.name, { exact: true }).first(),
  ).toBeVisible();
  await expect(
    staging.getByText(`${canary.metadata.name}-primary`, { exact: true }),
  ).toBeVisible();
  await expect(
    staging.getByText('Deployment', { exact: true }).first(),
  ).toBeVisible();
  // Other teams' objects are not the project's.
  await expect(page.getByText(/^recsys-/)).toHaveCount(0);
  // No axe check here: Backstage's Kubernetes plugin nests its object
  // accordions' buttons (axe "nested-interactive", serious), upstream code.
});
