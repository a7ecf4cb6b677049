import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  Entity,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  MlflowInstanceConfig,
  mlflowHttpTransport,
} from '@mlops-portal/plugin-mlops-node';
import {
  FAKE_MLFLOW_URL,
  FakeMlflowDataset,
  createFakeMlflow,
  recordedMlflowDataset,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MlflowModelEntityProvider } from './MlflowModelEntityProvider';

const server = setupServer();
registerMswTestHooks(server);

const instance: MlflowInstanceConfig = {
  name: 'default',
  baseUrl: FAKE_MLFLOW_URL,
  uiUrl: 'https://mlflow.example.com',
  token: 'secret-token-value',
};

/** The example project, naming the recorded model. */
const project: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-detection',
    namespace: 'default',
    annotations: { 'mlflow.org/registered-model': 'fraud-detector' },
  },
  spec: {
    type: 'ml-project',
    owner: 'group:default/ml-team',
    lifecycle: 'production',
  },
};

function setup(
  options: {
    entities?: Entity[];
    instances?: MlflowInstanceConfig[];
    pageSize?: number;
  } = {},
) {
  const applyMutation = jest.fn(async () => {});
  const connection: EntityProviderConnection = {
    applyMutation,
    refresh: jest.fn(),
  };
  const logger = mockServices.logger.mock();
  const run = jest.fn(async () => {});
  const provider = new MlflowModelEntityProvider({
    instances: options.instances ?? [instance],
    defaultInstance: 'default',
    transport: i => mlflowHttpTransport({ baseUrl: i.baseUrl, token: i.token }),
    timeoutMs: 2000,
    pageSize: options.pageSize,
    catalog: catalogServiceMock({ entities: options.entities ?? [project] }),
    auth: mockServices.auth(),
    logger,
    taskRunner: { run },
  });
  return { provider, connection, applyMutation, logger, run };
}

const emitted = (applyMutation: jest.Mock) =>
  applyMutation.mock.calls.at(-1)![0] as {
    type: string;
    entities: Array<{ entity: Entity }>;
  };

describe('MlflowModelEntityProvider', () => {
  it('schedules its refresh on the task runner when the catalog connects', async () => {
    const { provider, connection, run } = setup();
    await provider.connect(connection);
    expect(run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'mlops-mlflow-models:refresh' }),
    );
  });

  it('refuses to refresh before the catalog connected', async () => {
    await expect(setup().provider.refresh()).rejects.toThrow(
      'mlops-mlflow-models is not connected',
    );
  });

  it('emits the recorded MLflow 2.9 model as an ml-model Resource owned by, and a dependency of, the project naming it', async () => {
    const fake = createFakeMlflow({ version: '2.9', token: instance.token });
    server.use(...fake.handlers);
    const { provider, connection, applyMutation } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const mutation = emitted(applyMutation);
    expect(mutation.type).toBe('full');
    expect(mutation.entities).toHaveLength(1);
    const [{ entity }] = mutation.entities;
    expect(await resourceEntityV1alpha1Validator.check(entity)).toBe(true);
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'fraud-detector',
        title: 'fraud-detector',
        description: 'Fraud classifier',
        tags: ['ml-model', 'mlflow', 'owner:risk-ml'],
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://mlflow.example.com/#/models/fraud-detector',
          'backstage.io/managed-by-origin-location':
            'url:https://mlflow.example.com/#/models/fraud-detector',
          'mlflow.org/registered-model': 'fraud-detector',
          'mlflow.org/instance': 'default',
          'mlflow.org/model-aliases': 'champion=2',
          'mlflow.org/latest-versions': 'Production=2,None=1',
        },
        links: [
          {
            url: 'https://mlflow.example.com/#/models/fraud-detector',
            title: 'MLflow registered model',
          },
          {
            url: 'https://mlflow.example.com/#/models/fraud-detector/versions/2',
            title: 'champion: version 2',
          },
        ],
      },
      spec: {
        type: 'ml-model',
        owner: 'group:default/ml-team',
        dependencyOf: ['component:default/fraud-detection'],
      },
    });
    expect(fake.calls.map(c => [c.endpoint, c.query, c.authorized])).toEqual([
      ['registered-models/search', { max_results: '100' }, true],
    ]);
  });

  it('reads the aliases and latest versions of MLflow 3.11', async () => {
    server.use(...createFakeMlflow({ version: '3.11' }).handlers);
    const { provider, connection, applyMutation } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const { annotations } = emitted(applyMutation).entities[0].entity.metadata;
    expect(annotations).toMatchObject({
      'mlflow.org/model-aliases': 'challenger=3,champion=2',
      'mlflow.org/latest-versions': 'None=4,Production=2',
    });
  });

  const recorded = recordedMlflowDataset('2.9').registeredModels[0];
  const withModels = (names: string[]): FakeMlflowDataset => ({
    ...recordedMlflowDataset('2.9'),
    registeredModels: names.map(name => ({
      ...recorded,
      name,
      aliases: [],
      latest_versions: [],
    })),
  });

  it('reads every page of registered-models/search', async () => {
    const fake = createFakeMlflow({
      dataset: withModels(['e', 'a', 'd', 'b', 'c']),
    });
    server.use(...fake.handlers);
    const { provider, connection, applyMutation } = setup({ pageSize: 2 });
    await provider.connect(connection);
    await provider.refresh();
    expect(
      emitted(applyMutation).entities.map(e => e.entity.metadata.name),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(fake.calls.map(c => c.query.page_token === undefined)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('emits unchanged models identically, and a model deleted in MLflow disappears', async () => {
    server.use(
      ...createFakeMlflow({ dataset: withModels(['kept', 'removed']) })
        .handlers,
    );
    const { provider, connection, applyMutation } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const first = emitted(applyMutation).entities;
    await provider.refresh();
    expect(emitted(applyMutation).entities).toEqual(first);
    server.use(...createFakeMlflow({ dataset: withModels(['kept']) }).handlers);
    await provider.refresh();
    const last = emitted(applyMutation);
    expect(last.type).toBe('full');
    expect(last.entities).toEqual([first[0]]);
    expect(first.map(e => e.entity.metadata.name)).toEqual(['kept', 'removed']);
  });

  it('gives a model no entity names a placeholder owner and no dependencyOf', async () => {
    server.use(
      ...createFakeMlflow({ dataset: withModels(['orphan']) }).handlers,
    );
    const { provider, connection, applyMutation } = setup();
    await provider.connect(connection);
    await provider.refresh();
    expect(emitted(applyMutation).entities[0].entity.spec).toEqual({
      type: 'ml-model',
      owner: 'group:default/unknown',
    });
  });

  it('names a model of another instance after it, and leaves out a model whose name is taken or unusable', async () => {
    const other: MlflowInstanceConfig = {
      name: 'research',
      baseUrl: 'http://mlflow-research.test',
      uiUrl: 'http://mlflow-research.test',
    };
    server.use(
      ...createFakeMlflow({
        dataset: withModels(['fraud detector', 'fraud-detector', '%%%']),
      }).handlers,
      ...createFakeMlflow({
        baseUrl: other.baseUrl,
        dataset: withModels(['fraud-detector']),
      }).handlers,
    );
    const { provider, connection, applyMutation, logger } = setup({
      instances: [instance, other],
    });
    await provider.connect(connection);
    await provider.refresh();
    expect(
      emitted(applyMutation).entities.map(e => [
        e.entity.metadata.name,
        e.entity.metadata.title,
      ]),
    ).toEqual([
      ['fraud-detector', 'fraud detector'],
      ['research-fraud-detector', 'fraud-detector'],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "'fraud-detector' of MLflow instance 'default' is left out of the catalog: its entity name 'fraud-detector' is taken",
      ),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "'%%%' of MLflow instance 'default' is left out of the catalog: no entity name can be made from it",
      ),
    );
  });

  it('applies nothing when an instance fails, naming it and never the token', async () => {
    server.use(
      http.get(
        `${FAKE_MLFLOW_URL}/api/2.0/mlflow/registered-models/search`,
        () =>
          HttpResponse.json(
            { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'down' },
            { status: 503 },
          ),
      ),
    );
    const { provider, connection, applyMutation } = setup();
    await provider.connect(connection);
    const failure = provider.refresh();
    await expect(failure).rejects.toThrow(
      /MLflow instance 'default' could not list its registered models, the catalog keeps the models it has/,
    );
    await expect(failure).rejects.not.toThrow(/secret-token-value/);
    expect(applyMutation).not.toHaveBeenCalled();
  });

  it('applies nothing when the server pages without end', async () => {
    let calls = 0;
    server.use(
      http.get(
        `${FAKE_MLFLOW_URL}/api/2.0/mlflow/registered-models/search`,
        () => {
          calls++;
          return HttpResponse.json({
            registered_models: [{ name: `m${calls}` }],
            next_page_token: `t${calls}`,
          });
        },
      ),
    );
    const { provider, connection, applyMutation } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(
      /registered-models\/search has more than 100 pages of 100/,
    );
    expect(calls).toBe(100);
    expect(applyMutation).not.toHaveBeenCalled();
  });
});
