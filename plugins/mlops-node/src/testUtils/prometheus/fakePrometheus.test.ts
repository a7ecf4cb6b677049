import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { createFakePrometheus } from './fakePrometheus';

const server = setupServer();
registerMswTestHooks(server);

describe('createFakePrometheus', () => {
  const vector = {
    status: 'success' as const,
    data: {
      resultType: 'vector',
      result: [{ metric: { gpu: '0' }, value: [1, '42'] }],
    },
  };

  it('answers the instant queries it holds and refuses others as Prometheus does', async () => {
    const fake = createFakePrometheus(
      { DCGM_FI_DEV_GPU_UTIL: vector },
      { bearerToken: 't' },
    );
    server.use(...fake.handlers);
    const headers = { Authorization: 'Bearer t' };
    const ok = await fetch(
      'http://prometheus.test/api/v1/query?query=DCGM_FI_DEV_GPU_UTIL',
      { headers },
    );
    expect(await ok.json()).toEqual(vector);
    const unknown = await fetch(
      'http://prometheus.test/api/v1/query?query=up',
      { headers },
    );
    expect([unknown.status, (await unknown.json()).errorType]).toEqual([
      400,
      'bad_data',
    ]);
    expect(
      (await fetch('http://prometheus.test/api/v1/query?query=up')).status,
    ).toBe(401);
    expect(fake.queries).toEqual(['DCGM_FI_DEV_GPU_UTIL', 'up']);
  });
});
