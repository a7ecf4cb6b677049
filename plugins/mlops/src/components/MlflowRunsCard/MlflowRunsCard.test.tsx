import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MlflowRunsQuery } from '@mlops-portal/plugin-mlops-common';
import { mlProject, pending, renderCard } from '../../__testUtils__/renderCard';
import { typedErrors } from '../../__testUtils__/typedErrors';
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

// The first render of a file pays for loading MUI and the test app.
jest.setTimeout(20_000);

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

    await userEvent.click(screen.getByRole('button', { name: 'accuracy' }));
    await waitFor(() =>
      expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ orderBy: 'metrics.accuracy', order: 'desc' }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'accuracy' }));
    await waitFor(() =>
      expect(api.getMlflowRuns).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ orderBy: 'metrics.accuracy', order: 'asc' }),
      ),
    );
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
    expect(screen.getByText('Page 2')).toBeInTheDocument();
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

  it('says which annotation to add when the entity names no experiment', async () => {
    const api = runsApi();
    await renderCard(<MlflowRunsCard />, api, mlProject({}));
    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/mlflow\.org\/experiment-name/).length,
    ).toBeGreaterThan(0);
    expect(api.getMlflowRuns).not.toHaveBeenCalled();
  });

  it('shows progress while loading', async () => {
    await renderCard(<MlflowRunsCard />, { getMlflowRuns: pending });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the demo data badge when the backend says so', async () => {
    await renderCard(<MlflowRunsCard />, {
      ...runsApi(),
      getMlflowRuns: async () => ({
        ...runsPage1,
        meta: { ...runsPage1.meta, demo: true },
      }),
    });
    expect(await screen.findByText('demo data')).toBeInTheDocument();
  });

  it.each(typedErrors)(
    'says what failed for $name',
    async ({ error, title, detail }) => {
      await renderCard(<MlflowRunsCard />, {
        getMlflowRuns: () => Promise.reject(error),
      });
      expect(await screen.findByText(title)).toBeInTheDocument();
      expect(screen.getByText(detail)).toBeInTheDocument();
    },
  );
});
