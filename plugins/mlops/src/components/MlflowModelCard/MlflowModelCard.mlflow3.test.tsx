import { screen, within } from '@testing-library/react';
import { renderCard } from '../../__testUtils__/renderCard';
import { MlflowModelCard } from './MlflowModelCard';
import { fraudDetectorModel } from './__fixtures__/mlflowModel';
import { fraudDetectorModel3 } from './__fixtures__/mlflowModel3';
import { expectTexts } from '../../__testUtils__/expectTexts';

const noRollouts = async () => ({
  rollouts: [],
  meta: { demo: false, fetchedAt: '2026-12-01T09:00:00.000Z' },
});

async function versionRows(model = fraudDetectorModel3) {
  await renderCard(<MlflowModelCard />, {
    getMlflowModel: async () => model,
    getCanary: noRollouts as never,
  });
  const table = await screen.findByRole('table', {
    name: 'Versions of fraud-detector',
  });
  const [header, ...rows] = within(table).getAllByRole('row');
  return { header, rows };
}

describe('MlflowModelCard on MLflow 3', () => {
  it("shows each version's LoggedModel with its metrics, params and source run, linked to MLflow 3's pages", async () => {
    const { header, rows } = await versionRows();
    expect(within(header).getByText('LoggedModel')).toBeInTheDocument();
    const v3 = rows[1];
    expect(
      within(v3).getByRole('link', { name: 'LoggedModel fraud-rf in MLflow' }),
    ).toHaveAttribute(
      'href',
      'https://mlflow.example.com/#/experiments/1/models/m-2a62832af59d4483bf048f8852dd30e2',
    );
    // The latest accuracy of the three recorded points, and f1.
    expectTexts(v3, 'accuracy 0.95 · f1 0.88', /lr=0\.02, n_estimators=50/);
    expect(
      within(v3).getByRole('link', {
        name: 'Source run of fraud-rf in MLflow',
      }),
    ).toHaveAttribute(
      'href',
      'https://mlflow.example.com/#/experiments/1/runs/20b5d3628b76471392a5e649423d6dcd',
    );
    expect(within(rows[0]).getByText('no metrics')).toBeInTheDocument();
  });

  it('shows aliases, and the stage only on the version whose server uses one', async () => {
    const { rows } = await versionRows();
    expect(within(rows[1]).getByText('@challenger')).toBeInTheDocument();
    expect(within(rows[2]).getByText('@champion')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Production')).toBeInTheDocument();
    for (const row of [rows[0], rows[1], rows[3]]) {
      expect(
        within(row).queryByText(/Production|Staging|Archived|None/),
      ).not.toBeInTheDocument();
    }
  });

  it("shows a version's tags under it", async () => {
    const { rows } = await versionRows();
    expect(
      within(rows[2]).getByLabelText('Tags of version 2'),
    ).toHaveTextContent('dvc.stage=train');
    expect(
      within(rows[1]).queryByLabelText('Tags of version 3'),
    ).not.toBeInTheDocument();
  });

  it("links a version's source run into the run's own experiment", async () => {
    const { rows } = await versionRows();
    expect(
      within(rows[3]).getByRole('link', { name: '76198a76' }),
    ).toHaveAttribute(
      'href',
      'https://mlflow.example.com/#/experiments/7/runs/76198a765a6e449d960a0f56f8c7c080',
    );
  });

  it('has no LoggedModel column for an MLflow 2.9 registry', async () => {
    const { header } = await versionRows(fraudDetectorModel);
    expect(within(header).queryByText('LoggedModel')).not.toBeInTheDocument();
  });
});
