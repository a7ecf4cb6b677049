import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readMlopsConfig } from '@mlops-portal/plugin-mlops-node';
import { KubernetesProxyClient } from '../kubernetes/KubernetesProxyClient';
import { UrlReaderSource } from '../source/UrlReaderSource';
import { MlopsUpstreamOverrides, createUpstreams } from './createUpstreams';

const build = (mlops: object, overrides?: MlopsUpstreamOverrides) => {
  const config = new ConfigReader({ mlops });
  return createUpstreams({
    mlopsConfig: readMlopsConfig(config),
    config,
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock(),
    overrides,
  });
};

describe('createUpstreams', () => {
  it('uses the real upstreams when no module replaced them', () => {
    const upstreams = build({
      mlflow: {
        instances: [{ name: 'default', baseUrl: 'https://mlflow.example.com' }],
      },
    });
    expect(upstreams.demo).toBe(false);
    expect(upstreams.kubernetes).toBeInstanceOf(KubernetesProxyClient);
    expect(upstreams.source).toBeInstanceOf(UrlReaderSource);
    expect(upstreams.prometheus).toBeUndefined();
    expect(upstreams.mlflow.instance(undefined)?.name).toBe('default');
    expect(upstreams.mlflow.instance('attacker')).toBeUndefined();
  });

  it('uses what a module registered, and only that', () => {
    const kubernetes = {
      listClusters: async () => [],
      list: async () => undefined,
    };
    const upstreams = build({}, { kubernetes, demo: true });
    expect(upstreams.demo).toBe(true);
    expect(upstreams.kubernetes).toBe(kubernetes);
    expect(upstreams.source).toBeInstanceOf(UrlReaderSource);
    expect(upstreams.mlflow.instance(undefined)).toBeUndefined();
  });
});
