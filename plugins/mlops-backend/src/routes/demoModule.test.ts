import { createMockDirectory } from '@backstage/backend-test-utils';
import demoModule from '@mlops-portal/plugin-mlops-backend-module-demo';
import { setupServer } from 'msw/node';
import request from 'supertest';
// A test file's opening (imports, mock directory, a describe): alike in shape only with other packages' tests.
import {
  entityWith,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';

const entity = '/api/mlops/entity/default/Component/fraud-detection';

describe('the plugin with the demo module', () => {
  const server = setupServer();
  const outbound: string[] = [];
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'bypass' });
    server.events.on('request:start', ({ request: req }) => {
      const host = new URL(req.url).hostname;
      if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
        outbound.push(req.url);
    });
  });
  afterAll(() => server.close());

  const source = createMockDirectory({
    content: {
      'data-plane/dvc/dvc.yaml':
        'stages:\n  train:\n    cmd: python train.py\n    params: [train.seed]\n',
      'data-plane/dvc/params.yaml': 'train:\n  seed: 7\n',
    },
  });

  it('answers every card from the synthetic demo data, marked as demo, without any network call', async () => {
    const { server: backend } = await startMlopsTestBackend({
      features: [demoModule],
      config: { demoSourceDir: source.path },
      // The example entity names an instance the demo profile does not configure.
      entities: [
        entityWith('fraud-detection', { 'mlflow.org/instance': 'default' }),
      ],
    });
    const paths = [
      'mlflow/experiment',
      'mlflow/runs?pageSize=5',
      'mlflow/model',
      'dvc/pipeline',
      'gpu',
      'canary',
    ];
    const answers = await Promise.all(
      paths.map(p => request(backend).get(`${entity}/${p}`)),
    );
    for (const [i, answer] of answers.entries()) {
      expect([paths[i], answer.status]).toEqual([paths[i], 200]);
      expect(answer.body.meta.demo).toBe(true);
    }
    const [experiment, runs, model, dvc, gpu, canary] = answers.map(
      a => a.body,
    );
    expect(experiment.experiment.name).toBe('fraud-detection');
    expect(runs.runs).toHaveLength(5);
    expect(runs.nextPageToken).toBeDefined();
    const next = await request(backend).get(
      `${entity}/mlflow/runs?pageSize=5&pageToken=${runs.nextPageToken}`,
    );
    expect(next.body.runs[0].runId).not.toBe(runs.runs[0].runId);
    const run = await request(backend).get(
      `${entity}/mlflow/runs/${runs.runs[0].runId}`,
    );
    expect(run.status).toBe(200);
    const metric = Object.keys(runs.runs[0].metrics)[0];
    const history = await request(backend).get(
      `${entity}/mlflow/runs/${runs.runs[0].runId}/metrics/${metric}/history`,
    );
    expect(history.status).toBe(200);
    expect(model.versions.length).toBeGreaterThan(0);
    expect(dvc.stages.map((s: { name: string }) => s.name)).toEqual(['train']);
    expect(dvc.params['params.yaml']).toEqual({ 'train.seed': 7 });
    expect(gpu.clusters.length).toBeGreaterThan(0);
    expect(gpu.metricsAvailable).toBe(true);
    expect(canary.rollouts.length).toBeGreaterThan(0);
    expect(outbound).toEqual([]);
  });

  it('serves no demo data without the module, whatever the config says', async () => {
    const { server: backend } = await startMlopsTestBackend({
      config: { demo: true, demoSourceDir: source.path },
      entities: [
        entityWith('fraud-detection', { 'mlflow.org/instance': 'default' }),
      ],
    });
    const mlflow = await request(backend).get(`${entity}/mlflow/experiment`);
    expect(mlflow.status).toBe(400);
    expect(mlflow.body.error).toMatchObject({
      code: 'InvalidInput',
      annotation: 'mlflow.org/instance',
    });
    const gpu = await request(backend).get(`${entity}/gpu`);
    expect(gpu.body.meta?.demo).not.toBe(true);
    expect(outbound).not.toEqual([]);
  });
});
