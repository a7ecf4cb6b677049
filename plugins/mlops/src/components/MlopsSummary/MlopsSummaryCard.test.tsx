import { screen, within } from '@testing-library/react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { mlopsApiRef } from '../../api';
import { mlProject, mockMlopsApi } from '../../__testUtils__/renderCard';
import { runsPage1 } from '../MlflowRunsCard/__fixtures__/mlflowRuns';
import { fraudDetectorModel } from '../MlflowModelCard/__fixtures__/mlflowModel';
import { canaryProgressing } from '../CanaryCard/__fixtures__/canary';
import { gpuUsage } from '../GpuUsageCard/__fixtures__/gpuUsage';
import { MlopsApiError } from '../../api/MlopsApiError';
import { MlopsSummaryCard } from './MlopsSummaryCard';

const fullApi = {
  getMlflowRuns: async () => runsPage1,
  getMlflowModel: async () => fraudDetectorModel,
  getCanary: async () => canaryProgressing,
  getGpuUsage: async () => gpuUsage,
};

const render = (
  api: Parameters<typeof mockMlopsApi>[0],
  entity = mlProject(),
) =>
  renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, mockMlopsApi(api)]]}>
      <EntityProvider entity={entity}>
        <MlopsSummaryCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('MlopsSummaryCard', () => {
  it('sums up the latest run, champion model, canaries and GPUs', async () => {
    await render(fullApi);
    const table = await screen.findByRole('table', { name: 'MLOps summary' });
    const row = (label: string) =>
      within(table).getByText(label).closest('tr')!;
    expect(row('Latest run')).toHaveTextContent('rf-tuned');
    expect(row('Latest run')).toHaveTextContent('accuracy 0.92');
    expect(row('Model')).toHaveTextContent(
      'fraud-detector: version 2 is @champion',
    );
    expect(row('Canary')).toHaveTextContent(
      'fraud-detection-serving on prod-eu',
    );
    expect(row('Canary')).toHaveTextContent(
      '20% of traffic to model version 2',
    );
    expect(row('GPUs')).toHaveTextContent(
      '3 GPUs held on 1 cluster, 1 of them idle; 1 cluster could not be read',
    );
    expect(
      screen.getByRole('link', { name: /Open the MLOps tab/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-detection/mlops',
    );
  });

  it('reports a failing part on its own and keeps the others', async () => {
    await render({
      ...fullApi,
      getGpuUsage: () =>
        Promise.reject(
          new MlopsApiError({
            code: 'UpstreamUnavailable',
            upstream: 'kubernetes',
            message: 'timed out',
          }),
        ),
    });
    const table = await screen.findByRole('table', { name: 'MLOps summary' });
    expect(table).toHaveTextContent('Kubernetes is unavailable');
    expect(table).toHaveTextContent('rf-tuned');
  });

  it('asks only for what the annotations enable', async () => {
    const api = { ...fullApi, getGpuUsage: jest.fn(), getCanary: jest.fn() };
    await render(
      api,
      mlProject({ 'mlflow.org/experiment-name': 'fraud-detection' }),
    );
    const table = await screen.findByRole('table', { name: 'MLOps summary' });
    expect(within(table).getAllByRole('row')).toHaveLength(1);
    expect(api.getGpuUsage).not.toHaveBeenCalled();
    expect(api.getCanary).not.toHaveBeenCalled();
  });
});
