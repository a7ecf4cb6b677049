import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { itShowsCardStates } from '../../__testUtils__/cardStates';
import { renderCard } from '../../__testUtils__/renderCard';
import { DvcPipelineCard } from './DvcPipelineCard';
import { fraudPipeline } from './__fixtures__/dvcPipeline';
import { expectTexts } from '../../__testUtils__/expectTexts';

const api = { getDvcPipeline: async () => fraudPipeline };

/** Clicks the stale train stage's node; returns the details it opens. */
async function openTrainStage() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'train stale' }),
  );
  return screen.getByRole('region', { name: 'Stage train' });
}

/** The card of the recorded pipeline with the train stage's details open. */
async function renderTrainStage() {
  await renderCard(<DvcPipelineCard />, api);
  return openTrainStage();
}

describe('DvcPipelineCard', () => {
  it('draws the stage graph with lock status on every stage', async () => {
    await renderCard(<DvcPipelineCard />, api);
    for (const label of [
      'prepare up to date',
      'featurize up to date',
      'train stale',
      'evaluate not run',
    ]) {
      // A focusable button per stage (label queries are faster than role ones).
      const node = await screen.findByLabelText(label);
      expect(node).toHaveAttribute('role', 'button');
      expect(node).toHaveAttribute('tabindex', '0');
    }
    expect(
      screen.getByLabelText(
        /DVC stage graph: prepare → featurize; featurize → train/,
      ),
    ).toBeInTheDocument();
  });

  it('lists stages with lock badges and why they are stale', async () => {
    await renderCard(<DvcPipelineCard />, api);
    const table = await screen.findByRole('table', { name: 'Pipeline stages' });
    const train = within(table).getByText('train').closest('tr')!;
    expectTexts(train, 'stale', 'param train.n_estimators changed (200 → 300)');
    const evaluate = within(table).getByText('evaluate').closest('tr')!;
    expect(within(evaluate).getByText('not run')).toBeInTheDocument();
  });

  it('names the param that made a stage stale, dvc.lock’s value and the new one', async () => {
    expectTexts(
      await renderTrainStage(),
      'params changed (dvc.lock → now)',
      'train.n_estimators: 200 → 300',
    );
    const params = screen.getByRole('table', { name: 'Pipeline params' });
    const row = within(params).getByText('train.n_estimators').closest('tr')!;
    expect(row).toHaveTextContent('300dvc.lock: 200 (stale)');
    // Params that did not change carry no lock note (negative).
    const split = within(params).getByText('prepare.split').closest('tr')!;
    expect(split).not.toHaveTextContent('dvc.lock');
    await userEvent.click(
      screen.getByRole('button', { name: 'prepare up to date' }),
    );
    const prepare = screen.getByRole('region', { name: 'Stage prepare' });
    expect(
      within(prepare).queryByText('params changed (dvc.lock → now)'),
    ).not.toBeInTheDocument();
  });

  it('draws the plots the pipeline declares: a line chart, a confusion matrix, and why one cannot be drawn', async () => {
    await renderCard(<DvcPipelineCard />, api);
    const roc = await screen.findByRole('region', {
      name: 'Plot plots/roc.csv',
    });
    expect(
      within(roc).getByRole('img', { name: 'plots/roc.csv: tpr against fpr' }),
    ).toBeInTheDocument();
    expect(within(roc).getByText('(stage evaluate)')).toBeInTheDocument();
    const confusion = screen.getByRole('table', {
      name: 'Confusion matrix plots/predictions.csv',
    });
    // Actual in rows, predicted in columns.
    const [, actualZero, actualOne] = within(confusion).getAllByRole('row');
    expect(actualZero).toHaveTextContent('024010');
    expect(actualOne).toHaveTextContent('135215');
    const missing = screen.getByRole('region', {
      name: 'Plot plots/importance.json',
    });
    expect(
      within(missing).getByText(
        /plots\/importance.json is not in the repository/,
      ),
    ).toBeInTheDocument();
    expect(within(missing).queryByRole('img')).not.toBeInTheDocument();
  });

  it('says so when the pipeline declares no plots', async () => {
    await renderCard(<DvcPipelineCard />, {
      getDvcPipeline: async () => ({ ...fraudPipeline, plots: [] }),
    });
    expect(
      await screen.findByText('The pipeline declares no plots.'),
    ).toBeInTheDocument();
  });

  // Opens the same stage as the stale-param test above; each asserts another part of its details.
  it('shows a stage’s details when its node is clicked', async () => {
    expectTexts(
      await renderTrainStage(),
      'python src/train.py data/features model.pkl',
      'model.pkl',
      'train.n_estimators',
    );
  });

  it('names the deps and outs git holds no content of (the lock comparison could not check them)', async () => {
    const pipeline = {
      ...fraudPipeline,
      lock: {
        ...fraudPipeline.lock,
        train: {
          ...fraudPipeline.lock.train,
          unchecked: ['data/cached-features'],
        },
      },
    };
    await renderCard(<DvcPipelineCard />, {
      getDvcPipeline: async () => pipeline,
    });
    const details = await openTrainStage();
    expectTexts(
      details,
      'not in git (dvc status in CI checks them)',
      'data/cached-features',
    );
    await userEvent.click(screen.getByRole('button', { name: /^prepare/ }));
    expect(
      within(screen.getByRole('region', { name: 'Stage prepare' })).queryByText(
        'not in git (dvc status in CI checks them)',
      ),
    ).not.toBeInTheDocument();
  });

  it('opens a stage from the keyboard', async () => {
    await renderCard(<DvcPipelineCard />, api);
    const node = await screen.findByRole('button', {
      name: 'evaluate not run',
    });
    node.focus();
    await userEvent.keyboard('{Enter}');
    const details = screen.getByRole('region', { name: 'Stage evaluate' });
    expect(
      within(details).getByText('metrics/scores.json'),
    ).toBeInTheDocument();
  });

  // Finds a table row by a cell, as the GPU card test does: the testing-library idiom, alike in shape only.
  it('shows the params and metrics tables', async () => {
    await renderCard(<DvcPipelineCard />, api);
    const params = await screen.findByRole('table', {
      name: 'Pipeline params',
    });
    const row = within(params).getByText('train.n_estimators').closest('tr')!;
    expect(within(row).getByText('300')).toBeInTheDocument();
    const metrics = screen.getByRole('table', { name: 'Pipeline metrics' });
    expect(
      within(metrics).getByText('scores.roc_auc').closest('tr'),
    ).toHaveTextContent('0.951');
    expect(
      screen.getByRole('link', { name: /Open data-plane\/dvc\/dvc.yaml/ }),
    ).toHaveAttribute('href', fraudPipeline.sourceUrl);
  });

  it('formats metrics by magnitude and shows params as written', async () => {
    await renderCard(<DvcPipelineCard />, {
      getDvcPipeline: async () => ({
        ...fraudPipeline,
        // The float the demo's metrics.json holds (dvc-samples).
        metrics: [
          {
            path: 'metrics.json',
            values: { roc_auc: 0.8979999999999999, n_rows: 1234567 },
          },
        ],
      }),
    });
    const metrics = await screen.findByRole('table', {
      name: 'Pipeline metrics',
    });
    expect(
      within(metrics).getByText('roc_auc').closest('tr'),
    ).toHaveTextContent(/0\.898$/);
    expect(within(metrics).getByText('n_rows').closest('tr')).toHaveTextContent(
      /1\.23M$/,
    );
    const params = screen.getByRole('table', { name: 'Pipeline params' });
    expect(
      within(params).getByText('prepare.seed').closest('tr'),
    ).toHaveTextContent(/20170428$/);
  });

  it('offers a named full-screen button for the stage graph', async () => {
    Object.defineProperty(document, 'fullscreenEnabled', {
      value: true,
      configurable: true,
    });
    const requestFullscreen = jest.fn(async () => {});
    Object.defineProperty(HTMLElement.prototype, 'requestFullscreen', {
      value: requestFullscreen,
      configurable: true,
    });
    try {
      await renderCard(<DvcPipelineCard />, api);
      await userEvent.click(
        await screen.findByRole('button', {
          name: 'Show the stage graph full screen',
        }),
      );
      expect(requestFullscreen).toHaveBeenCalled();
    } finally {
      delete (document as { fullscreenEnabled?: boolean }).fullscreenEnabled;
      delete (HTMLElement.prototype as { requestFullscreen?: unknown })
        .requestFullscreen;
    }
  });

  it('says when dvc.lock is missing', async () => {
    await renderCard(<DvcPipelineCard />, {
      getDvcPipeline: async () => ({ ...fraudPipeline, lockFileFound: false }),
    });
    expect(
      await screen.findByText(/No dvc.lock next to data-plane\/dvc\/dvc.yaml/),
    ).toBeInTheDocument();
  });

  itShowsCardStates({
    card: <DvcPipelineCard />,
    method: 'getDvcPipeline',
    answer: fraudPipeline,
    annotation: /dvc\.org\/pipeline/,
    missing: 'the entity names no pipeline',
  });
});
