import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MlflowRunsQuery } from '@mlops-portal/plugin-mlops-common';
import { MlopsApiError } from '../../api';
import { itShowsCardStates } from '../../__testUtils__/cardStates';
import { renderCard } from '../../__testUtils__/renderCard';
import { MlflowRunsCard } from './MlflowRunsCard';
import {
  accuracyHistory,
  gbmCandidate,
  rfTuned,
  rfTunedDetail,
  runsPage1,
  runsPage2,
} from './__fixtures__/mlflowRuns';

const runsApi = () => {
  const getMlflowRuns = jest.fn(
    async (_entity: unknown, query?: MlflowRunsQuery) =>
      query?.pageToken === runsPage1.nextPageToken ? runsPage2 : runsPage1,
  );
  const getMlflowMetricHistory = jest.fn(
    async (_entity: unknown, runId: string, key: string) => ({
      ...accuracyHistory[runId],
      key,
    }),
  );
  const getMlflowRun = jest.fn(async () => rfTunedDetail);
  return { getMlflowRuns, getMlflowMetricHistory, getMlflowRun };
};

/** Types `text` into the runs filter box. */
const typeFilter = (text: string) =>
  userEvent.type(
    screen.getByRole('textbox', { name: 'Filter runs (MLflow search syntax)' }),
    text,
  );

/** Clicks a column's sort button and expects the card to ask for that order. */
async function clickSortsBy(
  api: ReturnType<typeof runsApi>,
  column: string,
  orderBy: string,
  order: 'asc' | 'desc',
) {
  await userEvent.click(screen.getByRole('button', { name: column }));
  await waitFor(() =>
    expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ orderBy, order }),
    ),
  );
}

describe('MlflowRunsCard', () => {
  it('shows the runs as a table with chosen columns, charts and MLflow links', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard />, api);

    const table = await screen.findByRole('table', { name: 'MLflow runs' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('rf-tuned')).toBeInTheDocument();
    expect(within(rows[1]).getByText('finished')).toBeInTheDocument();
    expect(within(rows[1]).getByText('0.92')).toBeInTheDocument();
    expect(within(rows[2]).getByText('failed')).toBeInTheDocument();
    for (const column of ['lr', 'n_estimators', 'accuracy', 'f1']) {
      expect(within(rows[0]).getByText(column)).toBeInTheDocument();
    }
    expect(
      within(rows[1]).getByRole('link', {
        name: 'Open run rf-tuned in MLflow',
      }),
    ).toHaveAttribute('href', rfTuned.runUrl);
    expect(
      screen.getByRole('link', { name: /Open the experiment in MLflow/ }),
    ).toHaveAttribute('href', runsPage1.experimentUrl);

    expect(
      screen.getByRole('img', { name: 'accuracy of each run on this page' }),
    ).toBeInTheDocument();
    // No run is ticked for comparison until the user ticks some.
    for (const box of within(table).getAllByRole('checkbox')) {
      expect(box).not.toBeChecked();
    }
    expect(screen.getByText(/Tick two or more runs/)).toBeInTheDocument();
    expect(api.getMlflowMetricHistory).not.toHaveBeenCalled();
    await userEvent.click(
      within(table).getByRole('checkbox', { name: 'Compare rf-tuned' }),
    );
    await userEvent.click(
      within(table).getByRole('checkbox', { name: 'Compare gbm-candidate' }),
    );
    expect(
      await screen.findByRole('img', {
        name: 'History of accuracy per step for rf-tuned, gbm-candidate',
      }),
    ).toBeInTheDocument();
    expect(api.getMlflowMetricHistory).toHaveBeenCalledWith(
      expect.anything(),
      rfTuned.runId,
      'accuracy',
    );
    expect(api.getMlflowMetricHistory).toHaveBeenCalledWith(
      expect.anything(),
      gbmCandidate.runId,
      'accuracy',
    );
    // The charts' text alternative: a table of every plotted value.
    expect(
      screen.getByRole('table', { name: 'accuracy of each run on this page' }),
    ).toHaveTextContent('gbm-candidate0.9');
  });

  it('sorts on the server when a column header is clicked', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard pageSize={2} />, api);
    await screen.findByRole('table', { name: 'MLflow runs' });
    expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
      { namespace: 'default', kind: 'Component', name: 'fraud-detection' },
      expect.objectContaining({
        orderBy: 'start_time',
        order: 'desc',
        pageSize: 2,
      }),
    );

    await clickSortsBy(api, 'accuracy', 'metrics.accuracy', 'desc');
    await clickSortsBy(api, 'accuracy', 'metrics.accuracy', 'asc');
  });

  it('pages on the server with the page token and back', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard pageSize={2} />, api);
    await screen.findByLabelText('Details of run rf-tuned');
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByLabelText('Details of run rf-baseline'),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Details of run rf-tuned'),
    ).not.toBeInTheDocument();
    expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ pageToken: runsPage1.nextPageToken }),
    );
    expect(screen.getByText(/^Page 2 · 1 run$/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(
      await screen.findByLabelText('Details of run rf-tuned'),
    ).toBeInTheDocument();
    expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ pageToken: undefined }),
    );
  });

  it('charts the metric the user picks', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard />, api);
    await screen.findByRole('table', { name: 'MLflow runs' });

    fireEvent.mouseDown(screen.getByRole('button', { name: /Charted metric/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', { name: 'f1' }),
    );
    expect(
      await screen.findByRole('img', { name: 'f1 of each run on this page' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare rf-tuned' }),
    );
    await waitFor(() =>
      expect(api.getMlflowMetricHistory).toHaveBeenCalledWith(
        expect.anything(),
        rfTuned.runId,
        'f1',
      ),
    );
  });

  it('opens a run with its params, metrics and tags when clicked', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard />, api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Details of run rf-tuned' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Run rf-tuned' });
    expect(
      await within(dialog).findByText(rfTunedDetail.run.artifactUri!),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('dvc.yaml')).toBeInTheDocument();
    expect(
      within(dialog).getAllByText(rfTuned.gitCommit!).length,
    ).toBeGreaterThan(0);
    expect(api.getMlflowRun).toHaveBeenCalledWith(
      expect.anything(),
      rfTuned.runId,
    );
  });

  // eslint-disable-next-line jest/expect-expect -- clickSortsBy asserts the query
  it('sorts by run name A→Z on the first click, metrics highest first', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard />, api);
    await screen.findByRole('table', { name: 'MLflow runs' });
    await clickSortsBy(api, 'Run', 'run_name', 'asc');
    await clickSortsBy(api, 'f1', 'metrics.f1', 'desc');
  });

  it('shows how long a running run has been running', async () => {
    const running = {
      ...rfTuned,
      status: 'RUNNING' as const,
      startTime: Date.now() - 2 * 60_000 - 5_000,
      endTime: undefined,
      durationMs: undefined,
    };
    await renderCard(<MlflowRunsCard />, {
      ...runsApi(),
      getMlflowRuns: async () => ({ ...runsPage1, runs: [running] }),
    });
    const table = await screen.findByRole('table', { name: 'MLflow runs' });
    expect(within(table).getByText(/^2 min \d+ s so far$/)).toBeInTheDocument();
  });

  it('says why a failed run failed and links its commit and artifacts', async () => {
    const failedDetail = {
      ...rfTunedDetail,
      run: {
        ...rfTunedDetail.run,
        status: 'FAILED' as const,
        tags: {
          ...rfTunedDetail.run.tags,
          // As the demo recording's failed runs carry it (runs-search.json).
          'mlflow.source.git.repoURL':
            'https://github.com/example-org/fraud-detection.git',
          'mlflow.note.content':
            'Training aborted: NaN loss after step 1 (learning_rate too high)',
        },
      },
    };
    await renderCard(<MlflowRunsCard />, {
      ...runsApi(),
      getMlflowRun: async () => failedDetail,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Details of run rf-tuned' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Run rf-tuned' });
    expect(
      await within(dialog).findByText(
        'This run failed: Training aborted: NaN loss after step 1 (learning_rate too high)',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('link', { name: rfTuned.gitCommit! }),
    ).toHaveAttribute(
      'href',
      `https://github.com/example-org/fraud-detection/commit/${rfTuned.gitCommit}`,
    );
    expect(
      within(dialog).getByRole('link', { name: /^Artifacts of run rf-tuned/ }),
    ).toHaveAttribute('href', `${rfTuned.runUrl}/artifacts`);
  });

  it('on demo data, an MLflow link explains that no MLflow is behind it', async () => {
    const demoMeta = { ...runsPage1.meta, demo: true };
    await renderCard(<MlflowRunsCard />, {
      ...runsApi(),
      getMlflowRuns: async () => ({ ...runsPage1, meta: demoMeta }),
    });
    const link = await screen.findByRole('button', {
      name: 'Open run rf-tuned in MLflow',
    });
    expect(
      screen.queryByRole('link', { name: 'Open run rf-tuned in MLflow' }),
    ).not.toBeInTheDocument();
    await userEvent.click(link);
    const note = await screen.findByRole('dialog', { name: 'Demo link' });
    expect(note).toHaveTextContent('there is no MLflow');
    expect(note).toHaveTextContent(rfTuned.runUrl);
  });

  it('searches with an MLflow filter, a status and a page size, on the server', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard />, api);
    await screen.findByRole('table', { name: 'MLflow runs' });
    const box = screen.getByRole('textbox', {
      name: 'Filter runs (MLflow search syntax)',
    });
    await userEvent.type(box, "metrics.f1 > 0.8 and params.lr = '0.05'{Enter}");
    await waitFor(() =>
      expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({
          filter: "metrics.f1 > 0.8 and params.lr = '0.05'",
          pageToken: undefined,
        }),
      ),
    );
    fireEvent.mouseDown(screen.getByRole('button', { name: /^Run status/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'failed',
      }),
    );
    await waitFor(() =>
      expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ status: 'FAILED' }),
      ),
    );
    fireEvent.mouseDown(screen.getByRole('button', { name: /^Runs per page/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', { name: '50' }),
    );
    await waitFor(() =>
      expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ pageSize: 50 }),
      ),
    );
  });

  it('says what is wrong with a filter before sending it', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard />, api);
    await screen.findByRole('table', { name: 'MLflow runs' });
    const calls = api.getMlflowRuns.mock.calls.length;
    await typeFilter("metrics.f1 > 'high'{Enter}");
    expect(
      await screen.findByText(
        /metrics.f1 is a number: compare it with a number/,
      ),
    ).toBeInTheDocument();
    expect(api.getMlflowRuns).toHaveBeenCalledTimes(calls);
  });

  it('shows the server’s refusal of a filter under the field and keeps the runs', async () => {
    const api = runsApi();
    api.getMlflowRuns.mockImplementation(
      async (_e, query?: MlflowRunsQuery) => {
        if (query?.filter) {
          throw new MlopsApiError({
            code: 'InvalidInput',
            status: 400,
            message: 'filter: attributes.colour is not a run attribute',
          });
        }
        return runsPage1;
      },
    );
    await renderCard(<MlflowRunsCard />, api);
    await screen.findByRole('table', { name: 'MLflow runs' });
    await typeFilter("params.lr = '0.05'{Enter}");
    expect(
      await screen.findByText(
        'filter: attributes.colour is not a run attribute',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'MLflow runs' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Invalid request/)).not.toBeInTheDocument();
  });

  it('compares the ticked runs side by side, marking what differs', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard />, api);
    const runs = await screen.findByRole('table', { name: 'MLflow runs' });
    expect(
      screen.queryByRole('table', { name: 'Compared runs' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(runs).getByRole('checkbox', { name: 'Compare rf-tuned' }),
    );
    await userEvent.click(
      within(runs).getByRole('checkbox', { name: 'Compare gbm-candidate' }),
    );
    const table = await screen.findByRole('table', { name: 'Compared runs' });
    const row = (name: string) => within(table).getByText(name).closest('tr')!;
    // rf-tuned: lr 0.05, accuracy 0.92; gbm-candidate: lr 0.01, accuracy 0.9.
    expect(row('params.lr')).toHaveTextContent('params.lr0.050.01––differs');
    expect(row('metrics.accuracy')).toHaveTextContent(
      'metrics.accuracy0.920.90.90.92differs',
    );
  });

  itShowsCardStates({
    card: <MlflowRunsCard />,
    method: 'getMlflowRuns',
    answer: runsPage1,
    annotation: /mlflow\.org\/experiment-name/,
    missing: 'the entity names no experiment',
    others: runsApi(),
  });
});
