import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readMlopsConfig } from '@mlops-portal/plugin-mlops-node';
import { DemoKubernetesClient } from '../demo/DemoKubernetesClient';
import { KubernetesProxyClient } from '../kubernetes/KubernetesProxyClient';
import { UrlReaderSource } from '../source/UrlReaderSource';
import { createUpstreams } from './createUpstreams';

const build = (mlops: { demo: boolean }) => {
  const config = new ConfigReader({ mlops });
  return createUpstreams({
    mlopsConfig: readMlopsConfig(config),
    config,
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock(),
  });
};

describe('createUpstreams', () => {
  it('uses the real upstreams and no fixture at all when demo is off', () => {
    const upstreams = build({ demo: false });
    expect(upstreams.demo).toBe(false);
    expect(upstreams.fixtures).toBeUndefined();
    expect(upstreams.kubernetes).toBeInstanceOf(KubernetesProxyClient);
    expect(upstreams.source).toBeInstanceOf(UrlReaderSource);
    expect(upstreams.prometheus).toBeUndefined();
  });

  it('answers from recordings in demo mode', () => {
    const upstreams = build({ demo: true });
    expect(upstreams.demo).toBe(true);
    expect(upstreams.kubernetes).toBeInstanceOf(DemoKubernetesClient);
    expect(upstreams.fixtures).toBeDefined();
  });
});
