import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect, screenshotPath, test, visit } from './fixtures';
import { REPO_ROOT } from './portal';
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

test('the "Create new ML project" form renders and refuses a bad project name', async ({
  page,
}) => {
  const template = readTemplate();
  const nameField = template.spec.parameters[0].properties.name;
  expect(nameField.errorMessage?.pattern).toBeTruthy();

  await visit(page, '/create');
  const templateCard = page
    .locator('.MuiCard-root')
    .filter({ hasText: template.metadata.title });
  await templateCard.getByRole('button', { name: 'Choose' }).click();

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
});

test('a dry run in the template editor lists the generated files', async ({
  page,
}) => {
  await provideTemplateDirectory(page, TEMPLATE);
  await visit(page, '/create/edit');
  await page.getByRole('button', { name: /^Load Template Directory/ }).click();
  await expect(page.getByText('template.yaml')).toBeVisible();

  // The example project's answers (scripts/generate-example-project).
  const next = () => page.getByRole('button', { name: 'Next' }).click();
  const textbox = (name: string) =>
    page.getByRole('textbox', { name, exact: true });
  await textbox('Project name').fill('fraud-detection');
  await textbox('Owner').fill('ml-team');
  await page.getByRole('option', { name: 'ml-team' }).click();
  await next();
  // The repository picker's fields are autocompletes: type, then leave them.
  await textbox('Owner').fill('example-org');
  await textbox('Owner').press('Tab');
  await textbox('Repository').pressSequentially('fraud-detection');
  await textbox('Repository').press('Tab');
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
