import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderCard } from '../../__testUtils__/renderCard';
import { MlflowRunsCard } from './MlflowRunsCard';
import { runsPage1 } from './__fixtures__/mlflowRuns';
import { rfMlflow3Detail, runsPage3 } from './__fixtures__/mlflowRuns3';
import { expectTexts } from '../../__testUtils__/expectTexts';

const api = (page = runsPage3) => ({
  getMlflowRuns: async () => page,
  getMlflowRun: async () => rfMlflow3Detail,
  getMlflowMetricHistory: async () => ({
    runId: '',
    key: '',
    points: [],
    meta: page.meta,
  }),
});

describe('MlflowRunsCard on MLflow 3', () => {
  it('shows NaN and −∞ metrics as such, and each run’s datasets and logged models', async () => {
    await renderCard(<MlflowRunsCard />, api());
    const table = await screen.findByRole('table', { name: 'MLflow runs' });
    const header = within(table).getAllByRole('row')[0];
    expectTexts(header, 'Datasets', 'Logged models');
    const diverged = within(table)
      .getByRole('button', { name: 'Details of run diverged-lr-1.0' })
      .closest('tr')!;
    expectTexts(diverged, 'NaN', '−∞');
    const rf = within(table)
      .getByRole('button', { name: 'Details of run rf-mlflow3' })
      .closest('tr')!;
    expectTexts(
      rf,
      /fraud-train \(training\)/,
      '50ba0b99',
      'm-2a62832af59d4483bf048f8852dd30e2',
    );
  });

  it('has no dataset or logged-model columns for MLflow 2.9 runs', async () => {
    await renderCard(<MlflowRunsCard />, api(runsPage1));
    const table = await screen.findByRole('table', { name: 'MLflow runs' });
    expect(within(table).queryByText('Datasets')).not.toBeInTheDocument();
    expect(within(table).queryByText('Logged models')).not.toBeInTheDocument();
  });

  it('shows a run’s datasets (name, digest, context) and its LoggedModels in the run details', async () => {
    await renderCard(<MlflowRunsCard />, api());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Details of run rf-mlflow3' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Run rf-mlflow3',
    });
    const datasets = await within(dialog).findByRole('table', {
      name: 'Datasets',
    });
    expectTexts(datasets, 'fraud-train', /context training/, '50ba0b99');
    const models = within(dialog).getByRole('table', { name: 'Logged models' });
    expect(
      within(models).getByRole('link', {
        name: 'LoggedModel fraud-rf in MLflow',
      }),
    ).toHaveAttribute(
      'href',
      'https://mlflow.example.com/#/experiments/1/models/m-2a62832af59d4483bf048f8852dd30e2',
    );
    expect(
      within(models).getByText('accuracy 0.95 · f1 0.88'),
    ).toBeInTheDocument();
  });
});
