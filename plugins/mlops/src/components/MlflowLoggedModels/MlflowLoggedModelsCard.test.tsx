import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MlflowLoggedModelsQuery } from '@mlops-portal/plugin-mlops-common';
import { mlProject, renderCard } from '../../__testUtils__/renderCard';
import { MlflowLoggedModelsCard } from './MlflowLoggedModelsCard';
import {
  loggedModelsByAccuracy,
  loggedModelsUnsupported,
} from './__fixtures__/loggedModels';
import { expectTexts } from '../../__testUtils__/expectTexts';

// Opens like every card test (import the fixtures, render the card on a recorded answer, find a region): alike in shape only.
describe('MlflowLoggedModelsCard', () => {
  it('lists LoggedModels with status, source run, latest metrics (NaN and −∞ too) and params, linked to MLflow 3', async () => {
    await renderCard(<MlflowLoggedModelsCard />, {
      getMlflowLoggedModels: async () => loggedModelsByAccuracy,
    });
    const table = await screen.findByRole('table', {
      name: 'LoggedModels of the experiment',
    });
    const [header, rf, diverged, gbm] = within(table).getAllByRole('row');
    expect(
      within(header)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual([
      'Model',
      'Status',
      'Created',
      'Source run',
      'accuracy',
      'f1',
      'loss',
      'Params',
    ]);
    expect(
      within(rf).getByRole('link', { name: 'LoggedModel fraud-rf in MLflow' }),
    ).toHaveAttribute(
      'href',
      'https://mlflow.example.com/#/experiments/1/models/m-2a62832af59d4483bf048f8852dd30e2',
    );
    expectTexts(rf, '0.95', 'ready');
    expect(within(rf).getByRole('link', { name: '20b5d362' })).toHaveAttribute(
      'href',
      'https://mlflow.example.com/#/experiments/1/runs/20b5d3628b76471392a5e649423d6dcd',
    );
    expectTexts(diverged, 'NaN', '−∞');
    expect(within(gbm).getByText('booster=gbtree')).toBeInTheDocument();
  });

  it('asks MLflow to order by the chosen metric', async () => {
    const getMlflowLoggedModels = jest.fn(
      async (_e: unknown, _q?: MlflowLoggedModelsQuery) =>
        loggedModelsByAccuracy,
    );
    await renderCard(<MlflowLoggedModelsCard />, { getMlflowLoggedModels });
    await screen.findByRole('table', {
      name: 'LoggedModels of the experiment',
    });
    expect(getMlflowLoggedModels).toHaveBeenLastCalledWith(
      expect.anything(),
      {},
    );
    expect(screen.getByRole('button', { name: /Order by/ })).toHaveTextContent(
      'newest first',
    );
    await userEvent.click(screen.getByRole('button', { name: /Order by/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'accuracy' }),
    );
    expect(getMlflowLoggedModels).toHaveBeenLastCalledWith(expect.anything(), {
      orderBy: 'metrics.accuracy',
      order: 'desc',
    });
  });

  it('says an MLflow 2.x server has no LoggedModels', async () => {
    await renderCard(<MlflowLoggedModelsCard />, {
      getMlflowLoggedModels: async () => loggedModelsUnsupported,
    });
    expect(
      await screen.findByText(/This MLflow server has no LoggedModels/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says which annotation to add when the entity names no experiment', async () => {
    await renderCard(
      <MlflowLoggedModelsCard />,
      {},
      mlProject({ 'mlflow.org/registered-model': 'x' }),
    );
    expect(
      (await screen.findAllByText(/mlflow\.org\/experiment-name/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
