import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  getMlflowRegisteredModel,
  searchMlflowModelVersions,
} from './registry';
import { mlflowHttpTransport } from './transport';
import { mlflowRecording } from '../testUtils';

const models = mlflowRecording<any>('2.9', 'registered-models-search.json');
const versions = mlflowRecording<any>('2.9', 'model-versions-search.json');

const BASE = 'http://mlflow.test';
const transport = mlflowHttpTransport({ baseUrl: BASE });

describe('MLflow model registry reads', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('reads the registered model with its aliases', async () => {
    server.use(
      http.get(
        `${BASE}/api/2.0/mlflow/registered-models/get`,
        ({ request }) => {
          expect(new URL(request.url).searchParams.get('name')).toBe(
            'fraud-detector',
          );
          return HttpResponse.json({
            registered_model: models.registered_models[0],
          });
        },
      ),
    );
    const model = await getMlflowRegisteredModel(transport, 'fraud-detector', {
      timeoutMs: 1000,
    });
    expect(model).toMatchObject({
      name: 'fraud-detector',
      description: 'Fraud classifier',
      aliases: { champion: '2' },
    });
  });

  it('lists versions newest first with stages, quoting the name in the filter', async () => {
    const filters: string[] = [];
    server.use(
      http.get(
        `${BASE}/api/2.0/mlflow/model-versions/search`,
        ({ request }) => {
          filters.push(new URL(request.url).searchParams.get('filter') ?? '');
          return HttpResponse.json(versions);
        },
      ),
    );
    const list = await searchMlflowModelVersions(transport, 'fraud-detector', {
      timeoutMs: 1000,
    });
    expect(list.map(v => [v.version, v.stage, v.runId])).toEqual([
      ['2', 'Production', 'ef3ddc348bff489495f8c92023e5c033'],
      ['1', undefined, '35bec908f9fa44b09ea186264d4d044b'],
    ]);
    await searchMlflowModelVersions(transport, "o'brien", { timeoutMs: 1000 });
    expect(filters).toEqual(["name='fraud-detector'", "name='o\\'brien'"]);
  });
});
