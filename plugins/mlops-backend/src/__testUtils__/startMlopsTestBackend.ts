import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FakeCluster,
  createFakeKubernetes,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { Readable } from 'stream';
import { mlopsPlugin } from '../plugin';

/** Base URL of the other plugins in tests; msw answers for the Kubernetes backend there. */
export const PLUGINS_BASE = 'http://backstage.test/api';

/** The shared fake Kubernetes API behind Backstage's Kubernetes backend at {@link PLUGINS_BASE}; `calls` collects the requests. */
export function fakeKubernetesBackend(
  clusters: Record<string, FakeCluster>,
  calls: string[] = [],
): RequestHandler[] {
  return createFakeKubernetes(clusters, {
    backendUrl: `${PLUGINS_BASE}/kubernetes`,
    calls,
  }).handlers;
}

/**
 * The Kubernetes proxy refusing the node list of one cluster with a Kubernetes
 * `Status` (as the API server answers a 401 or 403); the other clusters fall through.
 */
export function nodesRefusedOn(
  clusterName: string,
  code: number,
  message: string,
): RequestHandler {
  return http.get(
    `${PLUGINS_BASE}/kubernetes/proxy/api/v1/nodes`,
    ({ request: req }) =>
      req.headers.get('backstage-kubernetes-cluster') === clusterName
        ? HttpResponse.json({ kind: 'Status', message, code }, { status: code })
        : undefined,
  );
}

/**
 * The msw server of a test file, with its hooks: what no handler answers
 * passes through (the requests to the test backend itself).
 */
export function setupMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** The example ML project entity the route tests read. */
export const fraudDetection: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-detection',
    namespace: 'default',
    annotations: {
      'mlflow.org/experiment-name': 'fraud-detection',
      'mlflow.org/registered-model': 'fraud-detector',
      'dvc.org/pipeline': 'data-plane/dvc/dvc.yaml',
      'backstage.io/kubernetes-id': 'fraud-detection',
      'backstage.io/source-location':
        'url:https://github.com/example-org/fraud-detection/tree/main/',
    },
  },
  spec: {
    type: 'ml-project',
    owner: 'group:default/ml-team',
    lifecycle: 'production',
  },
};

/** Builds an entity like fraudDetection with other annotations. */
export function entityWith(
  name: string,
  annotations: Record<string, string | undefined>,
): Entity {
  const merged = { ...fraudDetection.metadata.annotations, ...annotations };
  return {
    ...fraudDetection,
    metadata: {
      ...fraudDetection.metadata,
      name,
      annotations: Object.fromEntries(
        Object.entries(merged).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      ),
    },
  };
}

/** The example-org/fraud-detection repository on GitHub, served from memory through a UrlReader mock. */
export function urlReaderFromFiles(files: Record<string, string>) {
  const reads: string[] = [];
  const reader: Partial<UrlReaderService> = {
    async readUrl(url) {
      reads.push(url);
      const path =
        /^https:\/\/github\.com\/example-org\/fraud-detection\/(?:tree|blob)\/main\/(.*)$/.exec(
          url,
        )?.[1];
      const content = path === undefined ? undefined : files[path];
      if (content === undefined) throw new NotFoundError(`${url} not found`);
      const buffer = Buffer.from(content, 'utf8');
      return {
        buffer: async () => buffer,
        stream: () => Readable.from([buffer]),
      };
    },
  };
  return { reader, reads };
}

export async function startMlopsTestBackend(options: {
  config?: Record<string, unknown>;
  /** Other top-level config beside `mlops` (e.g. `integrations`). */
  rootConfig?: Record<string, unknown>;
  entities?: Entity[];
  catalog?: ReturnType<typeof catalogServiceMock.mock>;
  urlReader?: Partial<UrlReaderService>;
  /** Modules to add beside the plugin, e.g. the demo module. */
  features?: BackendFeature[];
}) {
  return startTestBackend({
    features: [
      mlopsPlugin,
      ...(options.features ?? []),
      options.catalog
        ? options.catalog.factory
        : catalogServiceMock.factory({
            entities: options.entities ?? [fraudDetection],
          }),
      mockServices.rootConfig.factory({
        data: {
          ...options.rootConfig,
          mlops: { timeoutMs: 1000, cacheTtlSeconds: 0, ...options.config },
        },
      }),
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () => ({
          getBaseUrl: async (pluginId: string) => `${PLUGINS_BASE}/${pluginId}`,
          getExternalBaseUrl: async (pluginId: string) =>
            `${PLUGINS_BASE}/${pluginId}`,
        }),
      }),
      // A plain stand-in (no jest mock), so the benchmark scripts can start this backend too.
      createServiceFactory({
        service: coreServices.urlReader,
        deps: {},
        factory: () =>
          ({
            readUrl: async (url: string) => {
              throw new NotFoundError(`${url} not found`);
            },
            readTree: async (url: string) => {
              throw new NotFoundError(`${url} not found`);
            },
            search: async (url: string) => {
              throw new NotFoundError(`${url} not found`);
            },
            ...options.urlReader,
          } as UrlReaderService),
      }),
    ],
  });
}
