import { screen } from '@testing-library/react';
import { mlProject, renderCard } from '../../__testUtils__/renderCard';
import { MlopsContent } from './MlopsContent';
import {
  runsPage1,
  accuracyHistory,
} from '../MlflowRunsCard/__fixtures__/mlflowRuns';
import { fraudDetectorModel } from '../MlflowModelCard/__fixtures__/mlflowModel';
import { loggedModelsByAccuracy } from '../MlflowLoggedModels/__fixtures__/loggedModels';
import { fraudPipeline } from '../DvcPipelineCard/__fixtures__/dvcPipeline';
import { gpuUsage } from '../GpuUsageCard/__fixtures__/gpuUsage';
import { canaryDone } from '../CanaryCard/__fixtures__/canary';

const api = {
  getMlflowRuns: async () => runsPage1,
  getMlflowMetricHistory: async (_e: unknown, runId: string) =>
    accuracyHistory[runId],
  getMlflowModel: async () => fraudDetectorModel,
  getMlflowLoggedModels: async () => loggedModelsByAccuracy,
  getDvcPipeline: async () => fraudPipeline,
  getGpuUsage: async () => gpuUsage,
  getCanary: async () => canaryDone,
};

describe('MlopsContent', () => {
  it('lays out every card the entity annotations enable, loaded lazily', async () => {
    await renderCard(<MlopsContent />, api);
    // A loop over expected texts, like the DVC card test's stage list; each test asserts its own texts.
    for (const title of [
      'MLflow runs',
      'Logged models',
      'Model registry',
      'Canary rollouts',
      'DVC pipeline',
      'GPU usage',
    ]) {
      expect(await screen.findByText(title)).toBeInTheDocument();
    }
    expect(
      await screen.findByLabelText('Details of run rf-tuned'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Version 2')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', {
        name: 'LoggedModels of the experiment',
      }),
    ).toBeInTheDocument();
  });

  it('shows only the cards whose annotation is present', async () => {
    await renderCard(
      <MlopsContent />,
      api,
      mlProject({ 'dvc.org/pipeline': 'data-plane/dvc/dvc.yaml' }),
    );
    expect(await screen.findByText('DVC pipeline')).toBeInTheDocument();
    expect(screen.queryByText('MLflow runs')).not.toBeInTheDocument();
    expect(screen.queryByText('GPU usage')).not.toBeInTheDocument();
  });

  it('tells the user which annotations to add when none is present', async () => {
    await renderCard(<MlopsContent />, {}, mlProject({}));
    expect(
      screen.getByText('No MLOps annotations on this entity'),
    ).toBeInTheDocument();
    expect(screen.getByText(/dvc\.org\/pipeline/)).toBeInTheDocument();
  });
});
