import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, screenshotPath, test, visit } from './fixtures';
import { BACKEND_URL, guestToken, REPO_ROOT } from './portal';
import { provideTemplateDirectory } from './templateDirectory';

const TEMPLATE = 'mlops-platform-versioning';

interface TemplateField {
  title: string;
  errorMessage?: { pattern?: string };
}

/** The template as the catalog serves it, so the test follows its wording. */
function readTemplate() {
  return parseYaml(
    fs.readFileSync(
      path.join(REPO_ROOT, 'templates', TEMPLATE, 'template.yaml'),
      'utf8',
    ),
  ) as {
    metadata: { title: string };
    spec: {
      parameters: Array<{
        title: string;
        properties: Record<string, TemplateField>;
      }>;
    };
  };
}

/**
 * What axe checks: the template's form and its stepper (the scaffolder's
 * page header with its tabs is Backstage's, not the template's).
 */
const FORM = 'form, .MuiStepper-root';

/** A project name the demo catalog does not have (it has fraud-detection). */
const NEW_PROJECT = 'churn-prediction';

/**
 * Console errors of the page, React's development-mode warnings ("Warning:
 * findDOMNode is deprecated", from Material UI v4) left out: they are not
 * errors of the page.
 */
function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error' && !message.text().startsWith('Warning:')) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', error => errors.push(error.message));
  return errors;
}

/**
 * What a template made rjsf log before, while the form is used: deprecated
 * enumNames, an allOf it cannot merge (errors and warnings).
 */
function collectRjsfWarnings(page: Page): string[] {
  const logged: string[] = [];
  page.on('console', message => {
    if (
      ['error', 'warning'].includes(message.type()) &&
      /enumNames|could not merge subschemas/.test(message.text())
    ) {
      logged.push(`${message.type()}: ${message.text()}`);
    }
  });
  return logged;
}

/** Steps through the form; each step waits for the next page to show. */
function formSteps(page: Page) {
  const textbox = (name: string) =>
    page.getByRole('textbox', { name, exact: true });
  const next = () => page.getByRole('button', { name: 'Next' }).click();
  return {
    textbox,
    next,
    /** Fills the Project page and goes on to the Repository page. */
    async project(name: string) {
      await textbox('Project name').fill(name);
      await textbox('Owner').fill('ml-team');
      await page.getByRole('option', { name: 'ml-team' }).click();
      await next();
      // The name is checked against the catalog first: wait for the page.
      await expect(page.getByRole('combobox', { name: /^Host/ })).toBeVisible();
    },
  };
}

/** A select of the form by its label: its options (opened and closed again), and a choice. */
function formSelects(page: Page) {
  const select = (label: string) =>
    page
      .getByRole('button', { name: new RegExp(`^${label}`) })
      .or(page.getByRole('combobox', { name: new RegExp(`^${label}`) }));
  const options = async (label: string) => {
    await select(label).click();
    await page.getByRole('listbox').waitFor();
    const shown = await page.getByRole('option').allTextContents();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    return shown.map(text => text.trim());
  };
  const choose = async (label: string, option: string) => {
    await select(label).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
  };
  /** Argo CD, the default GitOps engine, offers no Flagger canary; Flux does, and choosing Flagger shows its help text. */
  const chooseFlaggerWithFlux = async () => {
    expect(await options('Canary rollout')).toEqual(['Argo Rollouts', 'None']);
    await choose('GitOps engine', 'Flux');
    expect(await options('Canary rollout')).toEqual([
      'Argo Rollouts',
      'Flagger',
      'None',
    ]);
    await choose('Canary rollout', 'Flagger');
    await expect(
      page.getByText(/^Flagger, reconciled by Flux, makes a canary/),
    ).toBeVisible();
  };
  return { select, options, choose, chooseFlaggerWithFlux };
}

async function openTemplate(page: Page, title: string) {
  await visit(page, '/create');
  await page
    .locator('.MuiCard-root')
    .filter({ hasText: title })
    .getByRole('button', { name: 'Choose' })
    .click();
}

/** Opens the "Create new ML project" form, collecting the console's errors from then on. */
async function openCreateForm(page: Page) {
  const consoleErrors = collectConsoleErrors(page);
  await openTemplate(page, readTemplate().metadata.title);
  return { consoleErrors, ...formSteps(page) };
}

test('the "Create new ML project" form renders and refuses a bad project name', async ({
  page,
}) => {
  const template = readTemplate();
  const nameField = template.spec.parameters[0].properties.name;
  expect(nameField.errorMessage?.pattern).toBeTruthy();

  await openTemplate(page, template.metadata.title);

  const name = page.getByRole('textbox', { name: nameField.title });
  await expect(name).toBeVisible();
  await name.fill('Fraud_Detection!');
  // The browser's own check stops at an empty required field first.
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.fill('ml-team');
  await page.getByRole('option', { name: 'ml-team' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  // The template's own message, under the field; the form stays on step 1.
  await expect(
    page.getByText(nameField.errorMessage!.pattern!, { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: nameField.title }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('create-ml-project-form.png') });
  // A field message, not a colour: the whole form passes axe with the error shown.
  await expectNoSeriousA11yViolations(page, FORM);

  // The demo catalog has fraud-detection: the name is refused on the field.
  await name.fill('fraud-detection');
  await page.getByRole('button', { name: 'Next' }).click();
  // Under the field (and in the list of errors above the form).
  await expect(page.locator('#root_name__error')).toHaveText(
    'A project named "fraud-detection" is in the catalog already (owner group:default/ml-team); choose another name',
  );
  await expect(name).toBeVisible();
});

test('the repository step passes on the first "Next", prefilled from the project name, and so is the MLflow host', async ({
  page,
}) => {
  const { consoleErrors, ...steps } = await openCreateForm(page);
  await steps.project(NEW_PROJECT);
  // The repository is named after the project; the owner is all there is to type.
  await expect(steps.textbox('Repository')).toHaveValue(NEW_PROJECT);
  await expect(page.getByText('will be created')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, FORM);
  await steps.textbox('Owner').pressSequentially('example-org');
  // Typed, then "Next" at once: no blur or second click needed.
  await steps.next();
  await expect(steps.textbox('EKS cluster name')).toBeVisible();

  // Back, a different repository name typed and "Next" at once again.
  await page.getByRole('button', { name: 'Back' }).click();
  await steps.textbox('Repository').fill('');
  await steps.textbox('Repository').pressSequentially('churn');
  await steps.next();
  await expect(steps.textbox('EKS cluster name')).toBeVisible();

  await steps.textbox('EKS cluster name').fill('gpu-prod-eu');
  await page.getByRole('checkbox', { name: 'GPU node group' }).check();
  await steps.next();
  await steps.textbox('Bucket name').fill('example-churn-artifacts');
  await steps.next();
  await expect(
    page
      .getByRole('button', { name: /^GitOps engine/ })
      .or(page.getByRole('combobox', { name: /^GitOps engine/ })),
  ).toBeVisible();
  await steps.next();
  await expect(
    page
      .getByRole('button', { name: /^Orchestration/ })
      .or(page.getByRole('combobox', { name: /^Orchestration/ })),
  ).toBeVisible();
  await steps.next();
  await expect(steps.textbox('MLflow host name')).toHaveValue(
    `mlflow.${NEW_PROJECT}.example.com`,
  );
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();

  // The review reads like prose: titles, option names, Yes/No.
  const rows = Object.fromEntries(
    await page
      .getByRole('row')
      .evaluateAll(trs =>
        trs.map(tr =>
          Array.from(tr.querySelectorAll('td,th')).map(
            cell => cell.textContent?.trim() ?? '',
          ),
        ),
      ),
  ) as Record<string, string>;
  expect(rows).toMatchObject({
    'MLflow host name': `mlflow.${NEW_PROJECT}.example.com`,
    'GPU node group': 'Yes',
    'GPU min size': '0',
    'Infrastructure as code': 'eksctl ClusterConfig',
    'GitOps engine': 'Argo CD',
    'Canary rollout': 'Argo Rollouts',
    'Model serving': 'MLflow model server (Deployment)',
    'Observability (Prometheus, Grafana, DCGM exporter)': 'Yes',
    'Kafka (Strimzi operator and a Kafka cluster)': 'No',
    Orchestration: 'None (run dvc repro yourself or in CI)',
  });
  const shown = Object.entries(rows).flat().join('\n');
  expect(shown).not.toMatch(/[\u2705\u274C]|Gpu Min Size/);
  expect(consoleErrors).toEqual([]);
});

/** The status of each step of a scaffolder task, from its event log. */
async function taskStepStatus(taskId: string) {
  const response = await fetch(
    `${BACKEND_URL}/api/scaffolder/v2/tasks/${taskId}/events`,
    { headers: { Authorization: `Bearer ${await guestToken()}` } },
  );
  expect(response.status).toBe(200);
  const events = (await response.json()) as Array<{
    body: { stepId?: string; status?: string };
  }>;
  const status: Record<string, string> = {};
  for (const { body } of events) {
    if (body.stepId && body.status) status[body.stepId] = body.status;
  }
  return status;
}

test('what the form accepts the server runs: "Create" starts the task and its validation step passes', async ({
  page,
}) => {
  const { consoleErrors, ...steps } = await openCreateForm(page);
  await steps.project(`${NEW_PROJECT}-run`);
  await steps.textbox('Owner').pressSequentially('example-org');
  await steps.next();
  await steps.textbox('EKS cluster name').fill('gpu-prod-eu');
  await steps.next();
  await steps.textbox('Bucket name').fill('example-churn-artifacts');
  await steps.next();
  await steps.next();
  await steps.next();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  // No 400 from the scaffolder's parameter check: the task page opens.
  await page.waitForURL(/\/create\/tasks\/[0-9a-f-]+$/);
  await expect(page.getByText('Request failed with 400')).toHaveCount(0);
  const taskId = page.url().split('/').pop()!;
  // The demo profile has no GitHub token, so the run stops at publishing;
  // everything before it ran on the form's values.
  await expect(
    page.getByText(/No token available for host: github\.com/).first(),
  ).toBeVisible();
  expect(await taskStepStatus(taskId)).toMatchObject({
    validate: 'completed',
    'fetch-base': 'completed',
    'fetch-options': 'completed',
    publish: 'failed',
  });
  expect(consoleErrors).toEqual([]);
});

test('the onboarding template asks for an existing repository and passes its first "Next"', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  await openTemplate(page, 'Onboard an existing ML repo');
  await expect(
    page.getByText('Existing repository', { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('will be created')).toHaveCount(0);
  const textbox = (name: string) =>
    page.getByRole('textbox', { name, exact: true });
  await textbox('Owner').pressSequentially('example-org');
  await textbox('Repository').pressSequentially('fraud-detection');
  await expectNoSeriousA11yViolations(page, FORM);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(textbox('Project name')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the onboarding form offers only the canaries that go with the GitOps engine and refuses GPU max below min on the field', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const rjsfWarnings = collectRjsfWarnings(page);
  await openTemplate(page, 'Onboard an existing ML repo');
  const { textbox, next } = formSteps(page);
  const { options, choose, select, chooseFlaggerWithFlux } = formSelects(page);
  await textbox('Owner').pressSequentially('example-org');
  await textbox('Repository').pressSequentially('fraud-detection');
  await next();
  await textbox('Project name').fill('legacy-model');
  await textbox('Owner').fill('ml-team');
  await page.getByRole('option', { name: 'ml-team' }).click();
  await next();
  await expect(page.getByRole('checkbox', { name: 'Docs page' })).toBeVisible();
  await next();

  // Platform: Argo CD, the default, offers no Flagger; Flux does.
  await textbox('EKS cluster name').fill('ml-prod');
  await textbox('Bucket of the DVC remote and MLflow artifacts').fill(
    'legacy-model-data',
  );
  await chooseFlaggerWithFlux();
  // Back to Argo CD: Flagger is not kept silently (offered again, or refused on "Next").
  await choose('GitOps engine', 'Argo CD');
  expect(await options('Canary rollout')).toEqual(['Argo Rollouts', 'None']);
  const shownCanary = (await select('Canary rollout').textContent()) ?? '';
  // The Platform page is the last before the review.
  const review = () => page.getByRole('button', { name: 'Review' }).click();
  if (shownCanary.includes('Flagger')) {
    await review();
    await expect(
      page.getByText(/"flagger" needs gitopsEngine "flux"/).first(),
    ).toBeVisible();
  }
  await choose('Canary rollout', 'Argo Rollouts');

  // GPU min 3, max 1: refused on the max field, the form stays on the page.
  await page.getByRole('checkbox', { name: 'Uses GPUs' }).check();
  await page.getByRole('spinbutton', { name: 'GPU min size' }).fill('3');
  const max = page.getByRole('spinbutton', { name: /^GPU max size/ });
  await max.fill('1');
  await review();
  expect(
    await max.evaluate(input => (input as HTMLInputElement).validationMessage),
  ).toContain('3');
  await expect(max).toBeVisible();
  await max.fill('3');
  await review();
  // The review page: the choices in words.
  await expect(page.getByText('Argo Rollouts', { exact: true })).toBeVisible();
  await expect(page.getByText('GPU min size', { exact: true })).toBeVisible();
  await expect(page.getByText('Gpu Min Size', { exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, FORM);
  expect(rjsfWarnings).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('a dry run in the template editor lists the generated files', async ({
  page,
}) => {
  await provideTemplateDirectory(page, TEMPLATE);
  await visit(page, '/create/edit');
  await page.getByRole('button', { name: /^Load Template Directory/ }).click();
  await expect(page.getByText('template.yaml')).toBeVisible();

  const next = () => page.getByRole('button', { name: 'Next' }).click();
  const textbox = (name: string) =>
    page.getByRole('textbox', { name, exact: true });
  // The example project's answers, but a name the demo catalog does not have
  // (the form refuses fraud-detection, which it has).
  await formSteps(page).project(NEW_PROJECT);
  await textbox('Owner').fill('example-org');
  await textbox('Repository').fill('fraud-detection');
  await next();
  await textbox('EKS cluster name').fill('gpu-prod-eu');
  await next();
  await textbox('Bucket name').fill('example-fraud-detection-artifacts');
  await next();
  // Delivery and Platform components keep their defaults.
  await next();
  await next();
  await textbox('MLflow host name').fill('mlflow.example.com');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByText('Dry-run results')).toBeVisible();
  await expect(page.getByText('Result 1', { exact: true })).toBeVisible();
  // The rendered repository's tree (the results list sits below the template's).
  const entry = (name: string) => page.getByText(name, { exact: true }).last();
  for (const name of [
    '.github',
    'control-plane',
    'data-plane',
    'docs',
    'catalog-info.yaml',
    'README.md',
  ]) {
    await expect(entry(name)).toBeVisible();
  }
  await entry('data-plane').click();
  await entry('dvc').click();
  await entry('dvc.yaml').click();
  await expect(page.getByText('stages:').last()).toBeVisible();
  await page.screenshot({
    path: screenshotPath('template-editor-dry-run.png'),
  });
});

test('the form offers only what goes with the choices made, and "Next" refuses what it no longer offers', async ({
  page,
}) => {
  const rjsfWarnings = collectRjsfWarnings(page);
  const { consoleErrors, next, textbox, project } = await openCreateForm(page);
  await project(NEW_PROJECT);
  await textbox('Owner').fill('example-org');
  await next();

  const { select, options, choose, chooseFlaggerWithFlux } = formSelects(page);
  // Cluster: the help text under the infrastructure describes the one chosen.
  const eksctlText = page.getByText(/^eksctl writes a ClusterConfig/);
  const terraformText = page.getByText(/^Terraform writes a root module/);
  await expect(eksctlText).toBeVisible();
  await expect(terraformText).toHaveCount(0);
  await choose(
    'Infrastructure as code',
    'Terraform (VPC, EKS, S3, optional RDS)',
  );
  await expect(terraformText).toBeVisible();
  await expect(eksctlText).toHaveCount(0);
  await choose('Infrastructure as code', 'eksctl ClusterConfig');
  await expect(eksctlText).toBeVisible();

  // Cluster: GPU min 3, max 1 is refused on the max field: its shown minimum
  // follows the min, so the browser's own check keeps the form on this page
  // with its message on the field.
  await textbox('EKS cluster name').fill('gpu-prod-eu');
  await page.getByRole('checkbox', { name: 'GPU node group' }).check();
  await page.getByRole('spinbutton', { name: 'GPU min size' }).fill('3');
  const max = page.getByRole('spinbutton', { name: 'GPU max size' });
  await max.fill('1');
  await next();
  expect(
    await max.evaluate(input => (input as HTMLInputElement).validationMessage),
  ).toContain('3');
  await expect(textbox('EKS cluster name')).toBeVisible();
  await page.getByRole('spinbutton', { name: 'GPU max size' }).fill('3');
  await next();
  await textbox('Bucket name').fill('example-fraud-detection-artifacts');
  await next();

  /**
   * After a change made the chosen canary invalid, the form never keeps it
   * silently: it shows one it offers now, or (as rjsf 5 does: it drops a value
   * its select no longer lists) an empty required field, and "Next" stays on
   * the page (the browser's "fill out this field", or the rule's message).
   */
  const expectNoInvalidCanary = async (offered: string[]) => {
    const shownCanary = (await select('Canary rollout').textContent()) ?? '';
    if (offered.some(option => shownCanary.includes(option))) {
      test.info().annotations.push({
        type: 'canary after change',
        description: `shows ${shownCanary}`,
      });
      return;
    }
    await next();
    await expect(select('Canary rollout')).toBeVisible();
    await expect(select('Orchestration')).toHaveCount(0);
  };
  // Argo CD, the default: no Flagger, and a valid default. The help text
  // under the canary (and the serving) describes the one chosen.
  await chooseFlaggerWithFlux();
  await expect(
    page.getByText(/^Argo Rollouts runs the model server as a Rollout/),
  ).toHaveCount(0);
  await expect(
    page.getByText(/^The MLflow model server runs as a Deployment/),
  ).toBeVisible();
  await choose('GitOps engine', 'Argo CD');
  await expectNoInvalidCanary(['Argo Rollouts', 'None']);
  expect(await options('Canary rollout')).toEqual(['Argo Rollouts', 'None']);
  await choose('Canary rollout', 'Argo Rollouts');
  // KServe rolls out itself: only None.
  await choose('Model serving', 'KServe InferenceService');
  await expect(
    page.getByText(/^KServe serves the model as an InferenceService/),
  ).toBeVisible();
  await expect(
    page.getByText(/^The MLflow model server runs as a Deployment/),
  ).toHaveCount(0);
  expect(await options('Canary rollout')).toEqual(['None']);
  await expectNoInvalidCanary(['None']);
  await choose('Canary rollout', 'None');
  await choose('Model serving', 'MLflow model server (Deployment)');
  // Observability off: no canary.
  await page.getByRole('checkbox', { name: /^Observability/ }).uncheck();
  expect(await options('Canary rollout')).toEqual(['None']);
  await next();
  // Passed the page: Platform components.
  await expect(
    page
      .getByRole('button', { name: /^Orchestration/ })
      .or(page.getByRole('combobox', { name: /^Orchestration/ })),
  ).toBeVisible();

  expect(rjsfWarnings).toEqual([]);
  await expectNoSeriousA11yViolations(page, FORM);
  expect(consoleErrors).toEqual([]);
});
