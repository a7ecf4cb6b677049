import { KubernetesClient, KubernetesList } from '../kubernetes/KubernetesClient';
import { FixtureFiles } from './fixtureFiles';
import { matchesLabelSelector } from './labelSelector';

const RESOURCES: Record<string, string> = {
  '/api/v1/nodes': 'nodes.json',
  '/api/v1/pods': 'pods.json',
  '/apis/argoproj.io/v1alpha1/rollouts': 'rollouts.json',
  '/apis/argoproj.io/v1alpha1/analysisruns': 'analysisruns.json',
  '/apis/flagger.app/v1beta1/canaries': 'canaries.json',
};

interface Labelled {
  metadata?: { namespace?: string; labels?: Record<string, string> };
  status?: { phase?: string };
}

/**
 * Demo mode: recorded clusters (`fixtures/kubernetes/<cluster>/*.json`)
 * answered like an API server would, namespace and label selector applied.
 * An unknown resource answers "not served", like a CRD that is not installed.
 */
export class DemoKubernetesClient implements KubernetesClient {
  constructor(private readonly files: FixtureFiles) {}

  async listClusters() {
    return (await this.files.read<string[]>('kubernetes/clusters.json')) ?? [];
  }

  async list<T>(cluster: string, path: string): Promise<KubernetesList<T> | undefined> {
    const url = new URL(path, 'http://demo');
    const namespaced = /^(.*)\/namespaces\/([^/]+)(\/[^/]+)$/.exec(url.pathname);
    const resource = namespaced ? `${namespaced[1]}${namespaced[3]}` : url.pathname;
    const namespace = namespaced?.[2];
    const file = RESOURCES[resource];
    if (!file || !/^[A-Za-z0-9._-]+$/.test(cluster)) return undefined;
    const list = await this.files.read<KubernetesList<T & Labelled>>(`kubernetes/${cluster}/${file}`);
    if (!list) return undefined;
    const selector = url.searchParams.get('labelSelector');
    // The only field selector the backend sends: `status.phase!=X,...`.
    const excluded = [...(url.searchParams.get('fieldSelector') ?? '').matchAll(/status\.phase!=(\w+)/g)].map(m => m[1]);
    return {
      ...list,
      items: list.items.filter(
        item =>
          (!namespace || item.metadata?.namespace === namespace) &&
          (!selector || matchesLabelSelector(item.metadata?.labels ?? {}, selector)) &&
          !excluded.includes(item.status?.phase ?? ''),
      ),
    };
  }
}
