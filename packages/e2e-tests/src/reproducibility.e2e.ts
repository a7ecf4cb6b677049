import fs from 'node:fs';
import path from 'node:path';
import {
  card,
  ENTITY_PATH,
  expect,
  screenshotPath,
  test,
  visit,
} from './fixtures';
import { REPO_ROOT } from './portal';

const FIXTURES = path.join(
  REPO_ROOT,
  'plugins/mlops-backend-module-demo/src/fixtures',
);
const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

test('the Reproducibility card shows the verdict and the canary model lineage', async ({
  page,
}) => {
  // What the demo's synthetic chain holds: the head commit, and the version the Argo Rollout's canary serves.
  const head = (readJson('scm/head.json') as { sha: string }).sha.slice(0, 7);
  const rollout = readJson('kubernetes/gpu-prod-eu/rollouts.json').items[0] as {
    spec: { template: { metadata: { labels: Record<string, string> } } };
  };
  const canaryVersion =
    rollout.spec.template.metadata.labels['mlflow.org/model-version'];

  await visit(page, `${ENTITY_PATH}/mlops`);
  const reproducibility = card(page, 'Reproducibility');
  await expect(
    reproducibility.getByText('demo data', { exact: true }),
  ).toBeVisible();
  // The demo's one broken link: dvc.lock at head is stale.
  await expect(reproducibility.getByLabel('Verdict')).toContainText(
    new RegExp(`broken at Data: dvc\\.lock at ${head} is stale: evaluate`),
  );
  const lineage = reproducibility.getByLabel(
    new RegExp(`^Lineage of canary \\S+ v${canaryVersion}$`),
  );
  await expect(lineage).toBeVisible();
  for (const kind of ['model version', 'MLflow run', 'git commit', 'data']) {
    await expect(
      lineage.getByLabel(new RegExp(`^${kind} `)).first(),
    ).toBeVisible();
  }
  // The canary was trained on an older commit than head.
  await expect(lineage.getByLabel(/^git commit /)).not.toContainText(head);
  await reproducibility.screenshot({
    path: screenshotPath('card-reproducibility.png'),
  });
});
