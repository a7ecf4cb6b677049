import { screen } from '@testing-library/react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { mlopsApiRef } from '../api';
import { mlProject, mockMlopsApi } from '../__testUtils__/renderCard';
import { canaryDone } from '../components/CanaryCard/__fixtures__/canary';
import mlopsPlugin, { canaryEntityCard, mlopsEntityContent } from './plugin';

describe('mlops plugin (new frontend system)', () => {
  it('provides the API, the MLOps tab and a card per view', () => {
    for (const id of [
      'api:mlops',
      'entity-content:mlops',
      'entity-card:mlops/summary',
      'entity-card:mlops/mlflow-runs',
      'entity-card:mlops/mlflow-model',
      'entity-card:mlops/dvc-pipeline',
      'entity-card:mlops/gpu-usage',
      'entity-card:mlops/canary',
    ] as const) {
      expect(mlopsPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the MLOps tab on ML projects only', () => {
    const filter = createExtensionTester(mlopsEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(mlProject())).toBe(true);
    expect(
      filter({
        ...mlProject(),
        spec: { ...mlProject().spec, type: 'service' },
      }),
    ).toBe(false);
  });

  it('renders a card from its extension', async () => {
    const element = createExtensionTester(canaryEntityCard).get(
      coreExtensionData.reactElement,
    );
    renderInTestApp(
      <EntityProvider entity={mlProject()}>{element}</EntityProvider>,
      {
        apis: [
          [mlopsApiRef, mockMlopsApi({ getCanary: async () => canaryDone })],
        ],
      },
    );
    expect(
      await screen.findByText('all 6 steps done', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
  });
});
