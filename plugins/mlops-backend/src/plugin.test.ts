import request from 'supertest';
import { startMlopsTestBackend } from './__testUtils__/startMlopsTestBackend';

describe('mlops backend plugin', () => {
  it('answers its health route without credentials', async () => {
    const { server } = await startMlopsTestBackend({});

    const response = await request(server).get('/api/mlops/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('mounts nothing else at the plugin root', async () => {
    const { server } = await startMlopsTestBackend({});

    const response = await request(server).get('/api/mlops/unknown-route');

    expect(response.status).toBe(404);
  });
});
