import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MlflowModelResponse,
  mlopsPermissions,
} from '@mlops-portal/plugin-mlops-common';
import {
  FAKE_MLFLOW_URL as MLFLOW,
  createFakeMlflow,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import express from 'express';
import request from 'supertest';
import {
  fraudDetection,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';
import { getForEntity } from './entityRoute';
import { RouteContext } from './RouteContext';

const config = {
  mlflow: {
    instances: [
      { name: 'default', baseUrl: MLFLOW, uiUrl: 'https://mlflow.example.com' },
    ],
  },
};
const entity = '/api/mlops/entity/default/Component/fraud-detection';

describe('MLOps permissions on the entity routes', () => {
  const server = setupMswServer();

  it('authorizes each route with its area permission on the entity, and answers 403 NotAllowed when refused', async () => {
    server.use(...createFakeMlflow().handlers);
    const asked: string[] = [];
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => {
          asked.push(
            `${r.permission.name} ${'resourceRef' in r ? r.resourceRef : ''}`,
          );
          return {
            result:
              r.permission.name === 'mlops.gpu.read'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          };
        }),
    });
    const { server: backend } = await startMlopsTestBackend({
      config,
      features: [permissions.factory],
    });
    const experiment = await request(backend).get(
      `${entity}/mlflow/experiment`,
    );
    expect(experiment.status).toBe(200);
    const gpu = await request(backend).get(`${entity}/gpu`);
    expect(gpu.status).toBe(403);
    expect(gpu.body).toEqual({
      error: {
        code: 'NotAllowed',
        message:
          'mlops.gpu.read is not allowed on component:default/fraud-detection',
      },
    });
    expect(asked).toEqual([
      'mlops.mlflow.read component:default/fraud-detection',
      'mlops.gpu.read component:default/fraud-detection',
    ]);
  });

  it('answers an entity the caller may not see as 404 before asking for the MLOps permission', async () => {
    const permissions = mockServices.permissions.mock({ authorize: jest.fn() });
    const { server: backend } = await startMlopsTestBackend({
      config,
      entities: [],
      features: [permissions.factory],
    });
    expect((await request(backend).get(`${entity}/canary`)).status).toBe(404);
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('registers its permissions with the permission registry', async () => {
    const registry = mockServices.permissionsRegistry.mock();
    await startMlopsTestBackend({ config, features: [registry.factory] });
    expect(registry.addPermissions).toHaveBeenCalledWith(mlopsPermissions);
  });

  it('refuses to register a route in an area without a permission', () => {
    expect(() =>
      getForEntity(
        express.Router(),
        {} as RouteContext,
        '/entity/:namespace/:kind/:name/billing',
        async () => {
          throw new Error('not reached');
        },
      ),
    ).toThrow(/has no permission/);
  });

  it("answers the model card of a registered model's own catalog entity (kind Resource, as the catalog module emits it)", async () => {
    server.use(...createFakeMlflow().handlers);
    const model: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'fraud-detector',
        namespace: 'default',
        annotations: {
          'mlflow.org/registered-model': 'fraud-detector',
          'mlflow.org/instance': 'default',
        },
      },
      spec: {
        type: 'ml-model',
        owner: 'group:default/ml-team',
        dependencyOf: ['component:default/fraud-detection'],
      },
    };
    const { server: backend } = await startMlopsTestBackend({
      config,
      entities: [fraudDetection, model],
    });
    const res = await request(backend).get(
      '/api/mlops/entity/default/Resource/fraud-detector/mlflow/model',
    );
    expect(res.status).toBe(200);
    const body = res.body as MlflowModelResponse;
    expect(body.model.name).toBe('fraud-detector');
    expect(body.versions.map(v => v.version)).toEqual(['2', '1']);
  });
});
