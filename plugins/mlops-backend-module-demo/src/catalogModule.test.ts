import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// Opens like the other tests (imports, a describe, its fixtures): alike in shape only.
import {
  EntityProvider,
  EntityProviderConnection,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { demoCatalog } from './__testUtils__/demoCatalog';
import { catalogModuleMlopsDemoModels } from './catalogModule';

describe('the demo catalog module', () => {
  it("emits the demo MLflow's model as an ml-model Resource, a dependency of the example project and owned by its team", async () => {
    const providers: EntityProvider[] = [];
    let refresh: (() => Promise<void>) | undefined;
    const scheduler = mockServices.scheduler.mock({
      createScheduledTaskRunner: jest.fn(() => ({
        run: async (task: { fn: () => Promise<void> }) => {
          refresh = task.fn;
        },
      })) as never,
    });
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...p: EntityProvider[]) =>
              providers.push(...p.flat()),
          },
        ],
      ],
      features: [
        catalogModuleMlopsDemoModels,
        catalogServiceMock.factory({ entities: demoCatalog }),
        scheduler.factory,
        mockServices.rootConfig.factory({ data: { mlops: { demo: true } } }),
      ],
    });
    expect(providers.map(p => p.getProviderName())).toEqual([
      'mlops-mlflow-models',
    ]);
    const applyMutation = jest.fn(async () => {});
    await providers[0].connect({
      applyMutation,
      refresh: jest.fn(),
    } as EntityProviderConnection);
    await refresh!();
    const [[mutation]] = applyMutation.mock.calls as unknown as [
      [{ type: string; entities: Array<{ entity: Entity }> }],
    ];
    expect(mutation.type).toBe('full');
    expect(mutation.entities.map(e => e.entity)).toEqual([
      expect.objectContaining({
        kind: 'Resource',
        metadata: expect.objectContaining({
          name: 'fraud-detector',
          annotations: expect.objectContaining({
            'mlflow.org/registered-model': 'fraud-detector',
            'mlflow.org/instance': 'default',
            'mlflow.org/model-aliases': 'challenger=4,champion=3',
          }),
        }),
        spec: {
          type: 'ml-model',
          owner: 'group:default/ml-team',
          dependencyOf: ['component:default/fraud-detection'],
        },
      }),
    ]);
  });
});
