import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { MlopsApi, mlopsApiRef } from '../api';

/** The demo profile's ML project, with every annotation of the contract. */
export const mlProject = (
  annotations: Record<string, string> = {
    'mlflow.org/experiment-name': 'fraud-detection',
    'mlflow.org/registered-model': 'fraud-detector',
    'dvc.org/pipeline': 'data-plane/dvc/dvc.yaml',
    'backstage.io/kubernetes-id': 'fraud-detection',
  },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-detection', namespace: 'default', annotations },
  spec: { type: 'ml-project', owner: 'group:ml-team', lifecycle: 'production' },
});

/** An API whose every method fails the test when the card calls it unexpectedly. */
export function mockMlopsApi(overrides: Partial<MlopsApi>): MlopsApi {
  const unexpected = (name: string) => () =>
    Promise.reject(new Error(`unexpected call to ${name}`));
  return {
    getMlflowExperiment: unexpected('getMlflowExperiment'),
    getMlflowRuns: unexpected('getMlflowRuns'),
    getMlflowRun: unexpected('getMlflowRun'),
    getMlflowMetricHistory: unexpected('getMlflowMetricHistory'),
    getMlflowModel: unexpected('getMlflowModel'),
    getMlflowLoggedModels: unexpected('getMlflowLoggedModels'),
    getDvcPipeline: unexpected('getDvcPipeline'),
    getGpuUsage: unexpected('getGpuUsage'),
    getGpuCost: unexpected('getGpuCost'),
    getCanary: unexpected('getCanary'),
    getReproducibility: unexpected('getReproducibility'),
    ...overrides,
  };
}

/** A promise that never settles: the card stays loading. */
export const pending = <T,>() => new Promise<T>(() => {});

/** Renders a card for an entity with the MLOps API given. */
export function renderCard(
  card: ReactElement,
  api: Partial<MlopsApi>,
  entity: Entity = mlProject(),
) {
  return renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, mockMlopsApi(api)]]}>
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
  );
}
