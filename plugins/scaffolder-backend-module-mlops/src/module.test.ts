import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModule } from './module';

describe('scaffolder-backend-module-mlops', () => {
  it('installs into the scaffolder next to the built-in actions', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        catalogServiceMock.factory(),
      ],
    });

    const response = await request(server).get('/api/scaffolder/v2/actions');

    expect(response.status).toBe(200);
    const ids = (response.body as Array<{ id: string }>).map(a => a.id);
    expect(ids).toContain('fetch:template');
    expect(ids).toContain('mlops:project:validate');
  });
});
