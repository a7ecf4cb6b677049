import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { createFakeKubernetes } from './fakeKubernetes';
import { matchesLabelSelector } from './labelSelector';

const server = setupServer();
registerMswTestHooks(server);

const pod = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
  phase = 'Running',
) => ({
  metadata: { name, namespace, labels },
  status: { phase },
});
const cluster = {
  '/api/v1/pods': {
    kind: 'PodList',
    apiVersion: 'v1',
    items: [
      pod('train-1', 'ml', { app: 'train', team: 'risk' }),
      pod('train-2', 'ml', { app: 'train' }, 'Succeeded'),
      pod('web-1', 'web', { app: 'web', team: 'risk' }),
    ],
  },
};
const names = (list: { items: object[] } | undefined) =>
  list?.items.map(
    item => (item as { metadata: { name: string } }).metadata.name,
  );

describe('createFakeKubernetes', () => {
  const fake = createFakeKubernetes({ prod: cluster });

  it('applies the namespace, label selector and phase field selector as an API server does', () => {
    expect(names(fake.list('prod', '/api/v1/pods'))).toEqual([
      'train-1',
      'train-2',
      'web-1',
    ]);
    expect(names(fake.list('prod', '/api/v1/namespaces/ml/pods'))).toEqual([
      'train-1',
      'train-2',
    ]);
    expect(
      names(
        fake.list(
          'prod',
          `/api/v1/pods?labelSelector=${encodeURIComponent(
            'team=risk,app!=web',
          )}`,
        ),
      ),
    ).toEqual(['train-1']);
    expect(
      names(
        fake.list(
          'prod',
          `/api/v1/pods?fieldSelector=${encodeURIComponent(
            'status.phase!=Succeeded',
          )}`,
        ),
      ),
    ).toEqual(['train-1', 'web-1']);
  });

  it('does not serve an API the cluster lacks, nor an unknown cluster', () => {
    expect(
      fake.list('prod', '/apis/flagger.app/v1beta1/canaries'),
    ).toBeUndefined();
    expect(fake.list('other', '/api/v1/pods')).toBeUndefined();
    const empty = createFakeKubernetes(
      { prod: cluster },
      { unservedAsEmpty: true },
    );
    expect(
      empty.list('prod', '/apis/flagger.app/v1beta1/canaries')?.items,
    ).toEqual([]);
  });

  it('answers through the Kubernetes backend proxy only with a Backstage token', async () => {
    server.use(...fake.handlers);
    const base = 'http://backstage.test/api/kubernetes';
    const headers = {
      Authorization: 'Bearer t',
      'Backstage-Kubernetes-Cluster': 'prod',
    };
    expect((await fetch(`${base}/clusters`)).status).toBe(401);
    expect(
      (await (await fetch(`${base}/clusters`, { headers })).json()).items,
    ).toEqual([{ name: 'prod', authProvider: 'serviceAccount' }]);
    const pods = await (
      await fetch(`${base}/proxy/api/v1/namespaces/web/pods`, { headers })
    ).json();
    expect(names(pods)).toEqual(['web-1']);
    const crd = await fetch(
      `${base}/proxy/apis/argoproj.io/v1alpha1/rollouts`,
      { headers },
    );
    expect([crd.status, (await crd.json()).reason]).toEqual([404, 'NotFound']);
    expect(fake.calls).toContain('prod /api/v1/namespaces/web/pods');
  });
});

describe('matchesLabelSelector', () => {
  const labels = { app: 'train', tier: 'gpu' };
  it.each([
    ['app=train', true],
    ['app==train', true],
    ['app!=train', false],
    ['app in (web,train)', true],
    ['app notin (train)', false],
    ['tier', true],
    ['!tier', false],
    ['app=train,tier=cpu', false],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabelSelector(labels, selector)).toBe(expected);
  });
});
