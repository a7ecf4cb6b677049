import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test starts the plugin whose routes the policy guards
import mlopsPlugin from '@mlops-portal/plugin-mlops-backend';
import demoModule from '@mlops-portal/plugin-mlops-backend-module-demo';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import YAML from 'yaml';
import policyModule, { readMlopsPolicyOptions } from './index';

// The example project as the demo catalog has it, owned by group:default/ml-team.
const repoRoot = path.resolve(__dirname, '../../..');
const fraudDetection = YAML.parse(
  fs.readFileSync(
    path.join(repoRoot, 'examples/fraud-detection/catalog-info.yaml'),
    'utf8',
  ),
) as Entity;

// Who is who: the users' ownership refs (what a sign-in resolver issues).
const users: Record<string, string[]> = {
  'user:default/owner': ['user:default/owner', 'group:default/ml-team'],
  'user:default/platform': [
    'user:default/platform',
    'group:default/platform-team',
  ],
  'user:default/other': ['user:default/other', 'group:default/other-team'],
};
const as = (user: string) => mockCredentials.user.header(user);

/**
 * Backstage's mock HTTP auth, except that a request without credentials is
 * not signed in, and a plugin's request on behalf of a user keeps its actor
 * as the real auth does (the permission backend answers conditional queries,
 * such as the catalog's own read check, only to such requests).
 */
const httpAuthKeepingActor = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const httpAuth = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    const credentials = (async (req, options) => {
      const found = await httpAuth.credentials(req, options);
      const principal = found.principal as {
        type: string;
        userEntityRef?: string;
      };
      const onBehalf = req.headers.authorization?.startsWith(
        'Bearer mock-service-token:',
      );
      if (onBehalf && principal.type === 'user' && principal.userEntityRef) {
        return mockCredentials.user(principal.userEntityRef, {
          actor: { subject: 'plugin' },
        });
      }
      return found;
    }) as typeof httpAuth.credentials;
    return {
      ...httpAuth,
      credentials,
      issueUserCookie: httpAuth.issueUserCookie.bind(httpAuth),
    };
  },
});

const policyConfig = {
  platformGroup: 'group:default/platform-team',
  templateExecutionGroups: ['ml-team'],
};

async function startPortal() {
  const entities = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-entities',
    register(reg) {
      reg.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.addEntityProvider({
            getProviderName: () => 'test-entities',
            connect: async connection =>
              connection.applyMutation({
                type: 'full',
                entities: [
                  {
                    entity: {
                      ...fraudDetection,
                      metadata: {
                        ...fraudDetection.metadata,
                        annotations: {
                          ...fraudDetection.metadata.annotations,
                          'backstage.io/managed-by-location':
                            'url:https://example.com/x',
                          'backstage.io/managed-by-origin-location':
                            'url:https://example.com/x',
                        },
                      },
                    },
                    locationKey: 'test-entities',
                  },
                ],
              }),
          });
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          mlops: {
            timeoutMs: 5000,
            cacheTtlSeconds: 0,
            permissionPolicy: policyConfig,
          },
        },
      }),
      httpAuthKeepingActor,
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials) {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: users[ref] ?? [ref],
            };
          },
        }),
      }),
      permissionPlugin,
      policyModule,
      catalogPlugin,
      entities,
      mlopsPlugin,
      demoModule,
    ],
  });
  // The catalog processes the provided entity in the background.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await request(server)
      .get('/api/catalog/entities/by-name/component/default/fraud-detection')
      .set('Authorization', as('user:default/other'));
    if (answer.status === 200 && answer.body.relations?.length) break;
    if (Date.now() > deadline) {
      throw new Error(
        `the catalog never served the entity: ${answer.status} ${JSON.stringify(
          answer.body,
        ).slice(0, 300)}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return server;
}

describe('the MLOps portal policy in a started backend', () => {
  let server: Awaited<ReturnType<typeof startPortal>>;
  beforeAll(async () => {
    server = await startPortal();
  }, 60_000);

  const entity = '/api/mlops/entity/default/Component/fraud-detection';
  const get = (route: string, user: string) =>
    request(server).get(`${entity}/${route}`).set('Authorization', as(user));

  it.each([
    ['gpu', 'mlops.gpu.read'],
    ['canary', 'mlops.canary.read'],
  ])(
    '%s: the owners and the platform group read it; another signed-in user gets 403 NotAllowed',
    async (route, permission) => {
      expect((await get(route, 'user:default/owner')).status).toBe(200);
      expect((await get(route, 'user:default/platform')).status).toBe(200);
      const other = await get(route, 'user:default/other');
      expect(other.status).toBe(403);
      expect(other.body.error).toEqual({
        code: 'NotAllowed',
        message: `${permission} is not allowed on component:default/fraud-detection`,
      });
    },
    30_000,
  );

  it.each(['mlflow/experiment', 'mlflow/runs', 'dvc/pipeline'])(
    '%s: every signed-in user reads it',
    async route => {
      for (const user of Object.keys(users)) {
        expect([user, (await get(route, user)).status]).toEqual([user, 200]);
      }
    },
    30_000,
  );

  it('reproducibility: every signed-in user reads the chain; its serving link (canary data) only the owners and the platform group', async () => {
    const serving = async (user: string) => {
      const answer = await get('reproducibility', user);
      expect([user, answer.status]).toEqual([user, 200]);
      return answer.body.links.find((l: { id: string }) => l.id === 'serving');
    };
    for (const user of ['user:default/owner', 'user:default/platform']) {
      expect((await serving(user)).error?.code).not.toBe('NotAllowed');
    }
    const other = await serving('user:default/other');
    expect(other).toMatchObject({
      status: 'unknown',
      error: {
        code: 'NotAllowed',
        message:
          'mlops.canary.read is not allowed on component:default/fraud-detection',
      },
    });
  }, 30_000);

  it('refuses callers that are not signed in', async () => {
    expect(
      (await request(server).get(`${entity}/mlflow/experiment`)).status,
    ).toBe(401);
    expect(
      (
        await request(server)
          .get(`${entity}/gpu`)
          .set('Authorization', mockCredentials.none.header())
      ).status,
    ).toBe(401);
  });

  it('lets every signed-in user read the catalog', async () => {
    const answer = await request(server)
      .get('/api/catalog/entities/by-query?filter=kind=component')
      .set('Authorization', as('user:default/other'));
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((e: Entity) => e.metadata.name)).toEqual([
      'fraud-detection',
    ]);
  });

  it('lets only the template groups and the platform group run templates', async () => {
    const authorize = (user: string) =>
      request(server)
        .post('/api/permission/authorize')
        .set('Authorization', as(user))
        .send({
          items: [
            {
              id: '1',
              permission: {
                type: 'basic',
                name: 'scaffolder.task.create',
                attributes: { action: 'create' },
              },
            },
            {
              id: '2',
              permission: {
                type: 'basic',
                name: 'scaffolder.template.dry-run',
                attributes: {},
              },
            },
          ],
        });
    for (const [user, result] of [
      ['user:default/owner', 'ALLOW'],
      ['user:default/platform', 'ALLOW'],
      ['user:default/other', 'DENY'],
    ]) {
      const answer = await authorize(user);
      expect([
        user,
        answer.body.items.map((i: { result: string }) => i.result),
      ]).toEqual([user, [result, result]]);
    }
  });
});

describe('readMlopsPolicyOptions', () => {
  const read = (permissionPolicy: JsonValue) =>
    readMlopsPolicyOptions(new ConfigReader({ mlops: { permissionPolicy } }));

  it('reads group refs, a bare name meaning a group in the default namespace', () => {
    expect(read(policyConfig)).toEqual({
      platformGroup: 'group:default/platform-team',
      templateExecutionGroups: ['group:default/ml-team'],
    });
  });

  it('refuses a missing policy, a missing key and refs that are not groups', () => {
    expect(() => readMlopsPolicyOptions(new ConfigReader({}))).toThrow(
      /mlops\.permissionPolicy/,
    );
    expect(() => read({ templateExecutionGroups: [] })).toThrow(
      /platformGroup/,
    );
    expect(() =>
      read({ ...policyConfig, platformGroup: 'user:default/pat' }),
    ).toThrow(
      "mlops.permissionPolicy.platformGroup: 'user:default/pat' is a user, not a group",
    );
    expect(() =>
      read({ ...policyConfig, templateExecutionGroups: ['group:default/'] }),
    ).toThrow(
      /templateExecutionGroups\[0\]: 'group:default\/' is not an entity ref/,
    );
  });
});
