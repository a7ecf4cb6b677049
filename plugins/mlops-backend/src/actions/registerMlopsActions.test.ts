import { UrlReaderServiceReadUrlResponse } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { demoClusters } from '@mlops-portal/plugin-mlops-backend-module-demo';
import { http, HttpResponse } from 'msw';
import request from 'supertest';
import {
  fakeKubernetesBackend,
  fraudDetection,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';
import { denyingPermissions } from '../__testUtils__/denyingPermissions';

// The actions registry serves each plugin's actions on its own router.
const ACTIONS = '/api/mlops/.backstage/actions/v1/actions';
const invoke = (name: string) => `${ACTIONS}/mlops:${name}/invoke`;

const { 'gpu-prod-eu': prod } = demoClusters();

describe('MLOps actions in the actions registry', () => {
  const server = setupMswServer();

  it('lists the six read-only actions with typed input and output schemas', async () => {
    const { server: backend } = await startMlopsTestBackend({});
    const res = await request(backend).get(ACTIONS);
    expect(res.status).toBe(200);
    const actions = res.body.actions as Array<{
      name: string;
      attributes: Record<string, boolean>;
      schema: {
        input: { required?: string[] };
        output: { type?: string };
      };
    }>;
    expect(actions.map(a => a.name).sort()).toEqual([
      'get-canary-lineage',
      'get-canary-state',
      'get-gpu-usage',
      'get-pipeline-status',
      'get-reproducibility',
      'get-runs',
    ]);
    for (const action of actions) {
      expect(action.attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
      expect(action.schema.input.required).toEqual(['entityRef']);
      expect(action.schema.output.type).toBe('object');
    }
  });

  it('answers get-canary-state as the canary route does, for the entity ref given', async () => {
    server.use(
      ...fakeKubernetesBackend({
        'gpu-prod-eu': {
          '/apis/argoproj.io/v1alpha1/rollouts':
            prod['/apis/argoproj.io/v1alpha1/rollouts'],
          '/apis/argoproj.io/v1alpha1/analysisruns':
            prod['/apis/argoproj.io/v1alpha1/analysisruns'],
        },
        'gpu-staging-us': {},
      }),
    );
    const { server: backend } = await startMlopsTestBackend({});
    const [action, route] = await Promise.all([
      request(backend)
        .post(invoke('get-canary-state'))
        .send({ entityRef: 'component:default/fraud-detection' }),
      request(backend).get(
        '/api/mlops/entity/default/Component/fraud-detection/canary',
      ),
    ]);
    expect(action.status).toBe(200);
    expect(action.body.output.rollouts).toEqual(route.body.rollouts);
    expect(action.body.output.rollouts[0]).toMatchObject({
      source: 'argo-rollouts',
      modelVersion: '4',
    });
  });

  it('refuses an entity the catalog does not show the caller, and a bad entity ref', async () => {
    // The catalog answers as it does for an entity the caller may not see.
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => undefined,
    });
    const { server: backend } = await startMlopsTestBackend({ catalog });
    const hidden = await request(backend)
      .post(invoke('get-pipeline-status'))
      .send({ entityRef: 'component:default/fraud-detection' });
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).toMatch(
      /entity component:default\/fraud-detection was not found/,
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      { namespace: 'default', kind: 'component', name: 'fraud-detection' },
      { credentials: expect.anything() },
    );
    const bad = await request(backend)
      .post(invoke('get-runs'))
      .send({ entityRef: 'component:default/' });
    expect(bad.status).toBe(400);
  });

  it('answers get-pipeline-status for an entity the catalog shows', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => fraudDetection,
    });
    const { server: backend } = await startMlopsTestBackend({
      catalog,
      urlReader: {
        async readUrl(url: string): Promise<UrlReaderServiceReadUrlResponse> {
          const files: Record<string, string> = {
            'data-plane/dvc/dvc.yaml':
              'stages:\n  train:\n    cmd: python train.py\n    outs: [model.pkl]\n',
          };
          const path = url.replace(
            'https://github.com/example-org/fraud-detection/tree/main/',
            '',
          );
          if (!(path in files))
            throw Object.assign(new Error('missing'), {
              name: 'NotFoundError',
            });
          return { buffer: async () => Buffer.from(files[path]) };
        },
      },
    });
    const res = await request(backend)
      .post(invoke('get-pipeline-status'))
      .send({ entityRef: 'fraud-detection' });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      pipelinePath: 'data-plane/dvc/dvc.yaml',
      lockFileFound: false,
      lock: { train: { status: 'not-run' } },
    });
  });

  it('checks the MLOps permission of the data: a denied one is 403, the others still answer', async () => {
    server.use(...fakeKubernetesBackend({ 'gpu-prod-eu': {} }));
    const { server: backend } = await startMlopsTestBackend({
      features: [denyingPermissions(['mlops.gpu.read'])],
    });
    const gpu = await request(backend)
      .post(invoke('get-gpu-usage'))
      .send({ entityRef: 'component:default/fraud-detection' });
    expect(gpu.status).toBe(403);
    expect(JSON.stringify(gpu.body)).toMatch(
      /mlops\.gpu\.read is not allowed on component:default\/fraud-detection/,
    );
    const canary = await request(backend)
      .post(invoke('get-canary-state'))
      .send({ entityRef: 'component:default/fraud-detection' });
    expect(canary.status).toBe(200);
  });

  it('answers get-reproducibility with every link, each saying why it could not be read', async () => {
    server.use(
      ...fakeKubernetesBackend({ 'gpu-prod-eu': {} }),
      http.all('https://api.github.com/*', () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );
    const { server: backend } = await startMlopsTestBackend({});
    const res = await request(backend)
      .post(invoke('get-reproducibility'))
      .send({ entityRef: 'component:default/fraud-detection' });
    expect(res.status).toBe(200);
    const { links, verdict } = res.body.output;
    // The chain's order written out, not imported from readReproducibility, so that a change of it fails here.
    expect(links.map((l: { id: string }) => l.id)).toEqual([
      'code',
      'gitops',
      'infrastructure',
      'experiment',
      'data',
      'serving',
    ]);
    expect(verdict.reproducible).toBe(false);
    for (const link of links.filter(
      (l: { status: string }) => l.status === 'unknown',
    )) {
      expect(link.reason).not.toBe('');
    }
  });
});
