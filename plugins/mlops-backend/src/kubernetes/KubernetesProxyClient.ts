import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { MlopsError } from '../errors/MlopsError';
import { fetchJson } from '../upstream/fetchJson';
import { KubernetesClient, KubernetesList } from './KubernetesClient';

/** Header the Kubernetes backend's proxy reads to pick the cluster. */
const CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';

/**
 * Reaches clusters through the Kubernetes backend (`/api/kubernetes`): its
 * `/clusters` list and its `/proxy` endpoint, called with this plugin's own
 * service token. Cluster URLs, CA data and service account tokens stay in
 * the `kubernetes:` config and in that plugin; the proxy's permission
 * (`kubernetes.proxy`) and audit log apply to our calls.
 */
export class KubernetesProxyClient implements KubernetesClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  private async headers(): Promise<Record<string, string>> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    return { Authorization: `Bearer ${token}` };
  }

  async listClusters(signal: AbortSignal): Promise<string[]> {
    const base = await this.discovery.getBaseUrl('kubernetes');
    const { status, body } = await fetchJson<{
      items?: Array<{ name?: unknown }>;
    }>({
      upstream: 'kubernetes',
      what: 'Kubernetes backend GET /clusters',
      url: `${base}/clusters`,
      headers: await this.headers(),
      signal,
      acceptStatus: [404],
    });
    if (status === 404) {
      throw new MlopsError(
        'NotConfigured',
        'the Kubernetes backend (@backstage/plugin-kubernetes-backend) is not installed in this Backstage',
        { upstream: 'kubernetes' },
      );
    }
    if (!Array.isArray(body?.items)) {
      throw new MlopsError(
        'UpstreamError',
        'Kubernetes backend /clusters answered without items',
        {
          upstream: 'kubernetes',
        },
      );
    }
    return body!.items
      .map(item => item.name)
      .filter((name): name is string => typeof name === 'string');
  }

  async list<T>(cluster: string, path: string, signal: AbortSignal) {
    const base = await this.discovery.getBaseUrl('kubernetes');
    const { status, body } = await fetchJson<KubernetesList<T>>({
      upstream: 'kubernetes',
      what: `cluster ${cluster} GET ${path.split('?')[0]}`,
      url: `${base}/proxy${path}`,
      headers: { ...(await this.headers()), [CLUSTER_HEADER]: cluster },
      signal,
      acceptStatus: [404],
    });
    if (status === 404) return undefined;
    if (!body || !Array.isArray(body.items)) {
      throw new MlopsError(
        'UpstreamError',
        `cluster ${cluster} GET ${
          path.split('?')[0]
        }: answer has no items list`,
        {
          upstream: 'kubernetes',
        },
      );
    }
    return body;
  }
}
