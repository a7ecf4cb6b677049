import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModule } from './module';

interface ListedAction {
  id: string;
  description?: string;
  examples?: Array<{ description: string; example: string }>;
  schema?: {
    input?: { properties?: Record<string, { description?: string }> };
    output?: { properties?: Record<string, { description?: string }> };
  };
}

describe('scaffolder-backend-module-mlops', () => {
  it('lists its four actions with schemas and examples next to the built-in ones', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              mlflow: {
                instances: [
                  { name: 'default', baseUrl: 'https://mlflow.example.com' },
                ],
              },
              platform: { repoUrl: 'https://github.com/acme/platform-gitops' },
            },
          },
        }),
      ],
    });

    const response = await request(server).get('/api/scaffolder/v2/actions');

    expect(response.status).toBe(200);
    const actions = response.body as ListedAction[];
    expect(actions.map(a => a.id)).toEqual(
      expect.arrayContaining([
        'fetch:template',
        'mlops:project:validate',
        'mlflow:experiment:create',
        'mlops:platform:pull-request',
        'mlops:reproducibility:add-checks',
      ]),
    );
    const ours = Object.fromEntries(
      actions.filter(a => /^(mlops|mlflow):/.test(a.id)).map(a => [a.id, a]),
    );
    const expected = {
      'mlops:project:validate': {
        input: ['name', 'awsRegion', 'bucketName', 'canary', 'mlflowHost'],
        output: ['values'],
      },
      'mlflow:experiment:create': {
        input: ['name', 'instance', 'tags'],
        output: ['experimentId', 'experimentUrl'],
      },
      'mlops:platform:pull-request': {
        input: [
          'projectName',
          'namespace',
          'owner',
          'repoUrl',
          'gitopsEngine',
          'gpuQuota',
        ],
        output: ['pullRequestUrl', 'pullRequestNumber'],
      },
      'mlops:reproducibility:add-checks': {
        input: ['targetPath'],
        output: ['files'],
      },
    };
    for (const [id, fields] of Object.entries(expected)) {
      const action = ours[id];
      expect(action.description).toEqual(expect.any(String));
      const input = action.schema?.input?.properties ?? {};
      const output = action.schema?.output?.properties ?? {};
      for (const field of fields.input) {
        expect([id, field, input[field]?.description]).toEqual([
          id,
          field,
          expect.any(String),
        ]);
      }
      for (const field of fields.output) {
        expect([id, field, output[field]?.description]).toEqual([
          id,
          field,
          expect.any(String),
        ]);
      }
      expect(action.examples?.length).toBeGreaterThan(0);
      for (const example of action.examples ?? []) {
        expect(example.example).toContain(`action: ${id}`);
      }
    }
  });
});
