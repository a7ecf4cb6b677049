import type { RequestHandler } from 'msw';
import {
  ListeningFake,
  json,
  listenOnLoopback,
  mswHandlers,
} from '../http/fakeServer';
import { matchesLabelSelector } from './labelSelector';

/** A list as the API server sends it; items without apiVersion/kind, as in built-in lists. @public */
export interface FakeKubernetesList {
  kind: string;
  apiVersion: string;
  metadata?: { resourceVersion?: string };
  items: object[];
}

/** A cluster as lists per API path (`/api/v1/nodes`, `/apis/argoproj.io/v1alpha1/rollouts`...). @public */
export type FakeCluster = Record<string, FakeKubernetesList>;

/** @public */
export interface FakeKubernetesOptions {
  /** Base URL of Backstage's Kubernetes backend plugin the msw handlers answer at. */
  backendUrl?: string;
  /** Serve an API no cluster list holds as an empty list (default: a 404 Status, as for a CRD not installed). */
  unservedAsEmpty?: boolean;
  /** Keep each distinct answer's JSON text, as a big cluster's API server answers from its indexes (the benchmark). */
  memoize?: boolean;
  /** Where to record the calls (default: a new array, `calls` of the fake). */
  calls?: string[];
}

/** @public */
export interface FakeKubernetes {
  /** The cluster names. */
  listClusters(): string[];
  /**
   * A list GET (`/api/v1/namespaces/x/pods?labelSelector=...`) as the API
   * server answers it: namespace, label selector and `status.phase!=`
   * field selectors applied. `undefined` when the cluster does not serve that API.
   */
  list(cluster: string, pathWithQuery: string): FakeKubernetesList | undefined;
  /** `clusters` and `<cluster> <path>?<query>` of every request the handlers or the server received. */
  calls: string[];
  /** msw handlers of Backstage's Kubernetes backend: `/clusters` and `/proxy/*` with the `Backstage-Kubernetes-Cluster` header. */
  handlers: RequestHandler[];
  /** One cluster's API server on loopback HTTP (the benchmark). */
  listen(cluster: string): Promise<ListeningFake>;
}

type Item = {
  metadata?: { namespace?: string; labels?: Record<string, string> };
  status?: { phase?: string };
};

const notServed = () =>
  json(
    {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: 'the server could not find the requested resource',
      reason: 'NotFound',
      code: 404,
    },
    404,
  );
const unauthenticated = () =>
  json({ error: { name: 'AuthenticationError' } }, 401);

/**
 * A fake Kubernetes API over fixed clusters, reachable three ways: directly
 * (`list`), through Backstage's Kubernetes backend proxy (msw `handlers`,
 * which require a Backstage token) and as a plain API server (`listen`).
 *
 * @public
 */
export function createFakeKubernetes(
  clusters: Record<string, FakeCluster>,
  options: FakeKubernetesOptions = {},
): FakeKubernetes {
  const calls = options.calls ?? [];
  const answers = new Map<string, string>();

  const list = (
    cluster: string,
    pathWithQuery: string,
  ): FakeKubernetesList | undefined => {
    const url = new URL(pathWithQuery, 'http://kubernetes');
    const namespaced = /^(.*)\/namespaces\/([^/]+)(\/[^/]+)$/.exec(
      url.pathname,
    );
    const resource = namespaced
      ? `${namespaced[1]}${namespaced[3]}`
      : url.pathname;
    const all = clusters[cluster]?.[resource];
    if (!all) {
      if (!options.unservedAsEmpty || !clusters[cluster]) return undefined;
      return {
        kind: `${resource.split('/').pop()}List`,
        apiVersion: 'v1',
        items: [],
      };
    }
    const selector = url.searchParams.get('labelSelector');
    // The only field selector the MLOps backend sends: `status.phase!=X,...`.
    const excluded = [
      ...(url.searchParams.get('fieldSelector') ?? '').matchAll(
        /status\.phase!=(\w+)/g,
      ),
    ].map(m => m[1]);
    if (!namespaced && !selector && !excluded.length) return all;
    return {
      ...all,
      items: (all.items as Item[]).filter(
        item =>
          (!namespaced || item.metadata?.namespace === namespaced[2]) &&
          (!selector ||
            matchesLabelSelector(item.metadata?.labels ?? {}, selector)) &&
          !excluded.includes(item.status?.phase ?? ''),
      ),
    };
  };

  const answer = (cluster: string, pathWithQuery: string) => {
    calls.push(`${cluster} ${pathWithQuery}`);
    const key = `${cluster} ${pathWithQuery}`;
    let text = options.memoize ? answers.get(key) : undefined;
    if (text === undefined) {
      const found = list(cluster, pathWithQuery);
      if (!found) return notServed();
      text = JSON.stringify({ metadata: { resourceVersion: '1' }, ...found });
      if (options.memoize) answers.set(key, text);
    }
    return json(text);
  };

  const backendUrl = (
    options.backendUrl ?? 'http://backstage.test/api/kubernetes'
  ).replace(/\/+$/, '');
  const proxyPath = `${new URL(backendUrl).pathname}/proxy`;
  const handlers = mswHandlers(backendUrl, async request => {
    if (!request.headers.get('authorization')?.startsWith('Bearer '))
      return unauthenticated();
    const url = new URL(request.url);
    if (url.pathname === `${new URL(backendUrl).pathname}/clusters`) {
      calls.push('clusters');
      return json({
        items: Object.keys(clusters).map(name => ({
          name,
          authProvider: 'serviceAccount',
        })),
      });
    }
    if (!url.pathname.startsWith(`${proxyPath}/`)) return undefined;
    const cluster = request.headers.get('backstage-kubernetes-cluster') ?? '';
    if (!clusters[cluster]) {
      return json(
        {
          error: {
            name: 'NotFoundError',
            message: `Cluster '${cluster}' not found`,
          },
        },
        404,
      );
    }
    return answer(
      cluster,
      `${url.pathname.slice(proxyPath.length)}${url.search}`,
    );
  });

  return {
    listClusters: () => Object.keys(clusters),
    list,
    calls,
    handlers,
    listen: cluster =>
      listenOnLoopback(async request => {
        const url = new URL(request.url);
        return answer(cluster, `${url.pathname}${url.search}`);
      }),
  };
}
