import { lazy } from 'react';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { mlopsApiRef, MlopsClient } from '../api';
import {
  isCanaryAvailable,
  isReproducibilityAvailable,
  isDvcAvailable,
  isGpuAvailable,
  isMlflowModelAvailable,
  isMlflowRunsAvailable,
  isMlProject,
} from '../conditions';

/** The MLOps API client. @alpha */
export const mlopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlopsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "MLOps" tab on entity pages of Components with `spec.type: ml-project`.
 *
 * @alpha
 */
export const mlopsEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/mlops',
    title: 'MLOps',
    filter: isMlProject,
    loader: () =>
      import('../components/MlopsContent').then(m => <m.MlopsContent />),
  },
});

/**
 * The ML project at a glance on the Overview tab of an ML project: latest
 * run, champion model version, canaries and GPUs held. On by default.
 *
 * @alpha
 */
export const mlopsSummaryEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: isMlProject,
    loader: () =>
      import('../components/MlopsSummary').then(m => <m.MlopsSummaryCard />),
  },
});

/**
 * The ML home page (the user's ML projects, recent runs, models in canary,
 * GPU use, "Create new ML project"), loaded on demand; render it inside a
 * `Suspense`, e.g. from a `HomePageLayoutBlueprint` of `@backstage/plugin-home-react`.
 *
 * @alpha
 */
export const MlopsHomePage = lazy(() =>
  import('../components/MlopsHome').then(m => ({ default: m.MlopsHomePage })),
);

// The cards are off by default: the MLOps tab already shows them all. An app
// enables the ones it wants on other entity tabs under `app.extensions`.

/** @alpha */
export const mlflowRunsEntityCard = EntityCardBlueprint.make({
  name: 'mlflow-runs',
  disabled: true,
  params: {
    filter: isMlflowRunsAvailable,
    loader: () =>
      import('../components/MlflowRunsCard').then(m => <m.MlflowRunsCard />),
  },
});

/** @alpha */
export const mlflowModelEntityCard = EntityCardBlueprint.make({
  name: 'mlflow-model',
  disabled: true,
  params: {
    filter: isMlflowModelAvailable,
    loader: () =>
      import('../components/MlflowModelCard').then(m => <m.MlflowModelCard />),
  },
});

/** @alpha */
export const dvcPipelineEntityCard = EntityCardBlueprint.make({
  name: 'dvc-pipeline',
  disabled: true,
  params: {
    filter: isDvcAvailable,
    loader: () =>
      import('../components/DvcPipelineCard').then(m => <m.DvcPipelineCard />),
  },
});

/** @alpha */
export const gpuUsageEntityCard = EntityCardBlueprint.make({
  name: 'gpu-usage',
  disabled: true,
  params: {
    filter: isGpuAvailable,
    loader: () =>
      import('../components/GpuUsageCard').then(m => <m.GpuUsageCard />),
  },
});

/** @alpha */
export const canaryEntityCard = EntityCardBlueprint.make({
  name: 'canary',
  disabled: true,
  params: {
    filter: isCanaryAvailable,
    loader: () =>
      import('../components/CanaryCard').then(m => <m.CanaryCard />),
  },
});

/** @alpha */
export const reproducibilityEntityCard = EntityCardBlueprint.make({
  name: 'reproducibility',
  disabled: true,
  params: {
    filter: isReproducibilityAvailable,
    loader: () =>
      import('../components/ReproducibilityCard').then(m => (
        <m.ReproducibilityCard />
      )),
  },
});

/** @alpha */
const mlopsPlugin = createFrontendPlugin({
  pluginId: 'mlops',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    mlopsApi,
    mlopsEntityContent,
    mlopsSummaryEntityCard,
    mlflowRunsEntityCard,
    mlflowModelEntityCard,
    dvcPipelineEntityCard,
    gpuUsageEntityCard,
    canaryEntityCard,
    reproducibilityEntityCard,
  ],
});

export { mlopsPlugin };
export default mlopsPlugin;
