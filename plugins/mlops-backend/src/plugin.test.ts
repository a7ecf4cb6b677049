import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { mlopsPlugin } from './plugin';

describe('mlops backend plugin', () => {
  it('answers its health route without credentials', async () => {
    const { server } = await startTestBackend({ features: [mlopsPlugin] });

    const response = await request(server).get('/api/mlops/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('mounts nothing else at the plugin root', async () => {
    const { server } = await startTestBackend({ features: [mlopsPlugin] });

    const response = await request(server).get('/api/mlops/unknown-route');

    expect(response.status).toBe(404);
  });
});
