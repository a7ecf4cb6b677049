import { http, HttpResponse } from 'msw';
import { PLUGINS_BASE } from './startMlopsTestBackend';
import { matchesLabelSelector } from '../demo/labelSelector';

type KubeObject = { metadata?: { namespace?: string; labels?: Record<string, string> } };

/** A cluster as lists per API path (`/api/v1/nodes`, `/apis/argoproj.io/v1alpha1/rollouts`...). */
export type FakeCluster = Record<string, { kind: string; apiVersion: string; items: object[] }>;

/**
 * msw handlers of the Kubernetes backend: `/clusters` and `/proxy/*` with the
 * `Backstage-Kubernetes-Cluster` header, answering like an API server
 * (namespace and label selector applied, 404 Status for unserved APIs).
 */
export function fakeKubernetesBackend(clusters: Record<string, FakeCluster>, calls: string[] = []) {
  const base = `${PLUGINS_BASE}/kubernetes`;
  return [
    http.get(`${base}/clusters`, ({ request }) => {
      if (!request.headers.get('authorization')?.startsWith('Bearer ')) {
        return HttpResponse.json({ error: { name: 'AuthenticationError' } }, { status: 401 });
      }
      calls.push('clusters');
      return HttpResponse.json({
        items: Object.keys(clusters).map(name => ({ name, authProvider: 'serviceAccount' })),
      });
    }),
    http.get(`${base}/proxy/*`, ({ request }) => {
      const url = new URL(request.url);
      const cluster = request.headers.get('backstage-kubernetes-cluster') ?? '';
      if (!request.headers.get('authorization')?.startsWith('Bearer ')) {
        return HttpResponse.json({ error: { name: 'AuthenticationError' } }, { status: 401 });
      }
      calls.push(`${cluster} ${url.pathname.replace(`/api/kubernetes/proxy`, '')}${url.search}`);
      const path = url.pathname.replace(/^\/api\/kubernetes\/proxy/, '');
      const namespaced = /^(.*)\/namespaces\/([^/]+)(\/[^/]+)$/.exec(path);
      const resource = namespaced ? `${namespaced[1]}${namespaced[3]}` : path;
      const list = clusters[cluster]?.[resource];
      if (!clusters[cluster]) {
        return HttpResponse.json({ error: { name: 'NotFoundError', message: `Cluster '${cluster}' not found` } }, { status: 404 });
      }
      if (!list) {
        return HttpResponse.json(
          { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 },
          { status: 404 },
        );
      }
      const selector = url.searchParams.get('labelSelector');
      const fieldSelector = url.searchParams.get('fieldSelector');
      const excludedPhases = [...(fieldSelector ?? '').matchAll(/status\.phase!=(\w+)/g)].map(m => m[1]);
      return HttpResponse.json({
        kind: list.kind,
        apiVersion: list.apiVersion,
        metadata: { resourceVersion: '1' },
        items: (list.items as KubeObject[]).filter(
          item =>
            (!namespaced || item.metadata?.namespace === namespaced[2]) &&
            (!selector || matchesLabelSelector(item.metadata?.labels ?? {}, selector)) &&
            !excludedPhases.includes((item as { status?: { phase?: string } }).status?.phase ?? ''),
        ),
      });
    }),
  ];
}
