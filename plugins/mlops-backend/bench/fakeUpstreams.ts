/*
 * Fake upstreams for the benchmark, run in their own process so their CPU
 * and memory do not count against the backend: an MLflow REST 2.0 server, a
 * Kubernetes API server (2,000 nodes, 50,000 pods, 500 of them the entity's)
 * and a Prometheus with DCGM series. Prints {"mlflow":port,...} when ready.
 * `/__stats` returns how often each distinct request was made; `/__reset` clears it.
 */
import { createServer, IncomingMessage, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { matchesLabelSelector } from '../src/demo/labelSelector';
import runsPage from '../src/__fixtures__/mlflow/runs-search-page1.json';
import experiment from '../src/__fixtures__/mlflow/experiments-get-by-name.json';

const NODES = 2000;
const GPU_NODES = 500;
const PODS = 50_000;
const ENTITY_PODS = 500;
const MLFLOW_LATENCY_MS = Number(process.env.MLFLOW_LATENCY_MS ?? 0);

const stats = new Map<string, number>();
const count = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

function send(res: ServerResponse, status: number, payload: Buffer | string) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

function control(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url === '/__stats') {
    send(res, 200, JSON.stringify(Object.fromEntries(stats)));
    return true;
  }
  if (req.url === '/__reset') {
    stats.clear();
    send(res, 200, '{}');
    return true;
  }
  return false;
}

// --- Kubernetes objects ----------------------------------------------------
const node = (i: number) => ({
  metadata: {
    name: `node-${i}`,
    uid: `uid-node-${i}`,
    labels: {
      'kubernetes.io/hostname': `node-${i}`,
      'node.kubernetes.io/instance-type': i < GPU_NODES ? 'p4d.24xlarge' : 'm6i.4xlarge',
      ...(i < GPU_NODES ? { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB' } : {}),
    },
  },
  spec: i < GPU_NODES ? { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] } : {},
  status: {
    capacity: { cpu: '96', memory: '1152Gi', pods: '110', ...(i < GPU_NODES ? { 'nvidia.com/gpu': '8' } : {}) },
    allocatable: { cpu: '95', memory: '1100Gi', pods: '110', ...(i < GPU_NODES ? { 'nvidia.com/gpu': '8' } : {}) },
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastTransitionTime: '2026-11-20T00:00:00Z' }],
  },
});

const pod = (i: number) => {
  const owned = i < ENTITY_PODS;
  let gpus = i % 10 === 0 ? 1 : 0;
  if (owned) gpus = 1 + (i % 2);
  const nodeIndex = gpus ? i % GPU_NODES : GPU_NODES + (i % (NODES - GPU_NODES));
  return {
    metadata: {
      name: `${owned ? 'fraud-detection' : 'app'}-${i}`,
      namespace: owned ? 'fraud-detection' : `team-${i % 200}`,
      uid: `uid-pod-${i}`,
      labels: owned
        ? { 'backstage.io/kubernetes-id': 'fraud-detection', app: 'fraud-detection-train' }
        : { app: `app-${i % 1000}` },
    },
    spec: {
      nodeName: `node-${nodeIndex}`,
      containers: [
        {
          name: 'main',
          image: 'registry.example.com/app:1.0',
          resources: {
            requests: { cpu: '1', memory: '2Gi', ...(gpus ? { 'nvidia.com/gpu': String(gpus) } : {}) },
            limits: { memory: '2Gi', ...(gpus ? { 'nvidia.com/gpu': String(gpus) } : {}) },
          },
        },
      ],
    },
    status: { phase: i % 50 === 49 ? 'Succeeded' : 'Running', podIP: `10.0.${(i >> 8) & 255}.${i & 255}` },
  };
};

const nodes = Array.from({ length: NODES }, (_, i) => node(i));
const pods = Array.from({ length: PODS }, (_, i) => pod(i));
const list = (kind: string, apiVersion: string, items: unknown[]) =>
  JSON.stringify({ kind, apiVersion, metadata: { resourceVersion: '1' }, items });
const nodeList = Buffer.from(list('NodeList', 'v1', nodes));
const podList = Buffer.from(list('PodList', 'v1', pods));
const selections = new Map<string, Buffer>();

const kubernetes = createServer((req, res) => {
  if (control(req, res)) return undefined;
  const url = new URL(req.url ?? '/', 'http://k8s');
  count(`GET ${url.pathname}${url.search}`);
  const selector = url.searchParams.get('labelSelector');
  const namespaced = /^(.*)\/namespaces\/([^/]+)(\/[^/]+)$/.exec(url.pathname);
  const resource = namespaced ? `${namespaced[1]}${namespaced[3]}` : url.pathname;
  if (resource === '/api/v1/nodes') return send(res, 200, nodeList);
  if (resource === '/api/v1/pods') {
    if (!selector && !namespaced && !url.searchParams.has('fieldSelector')) return send(res, 200, podList);
    // A real API server answers selections from indexes; the fake memoises them.
    let answer = selections.get(url.search + url.pathname);
    if (!answer) {
      const excluded = [...(url.searchParams.get('fieldSelector') ?? '').matchAll(/status\.phase!=(\w+)/g)].map(m => m[1]);
      const items = pods.filter(
        p =>
          (!namespaced || p.metadata.namespace === namespaced[2]) &&
          (!selector || matchesLabelSelector(p.metadata.labels, selector)) &&
          !excluded.includes(p.status.phase),
      );
      answer = Buffer.from(list('PodList', 'v1', items));
      selections.set(url.search + url.pathname, answer);
    }
    return send(res, 200, answer);
  }
  // Every other list the Kubernetes backend asks for: served, and empty.
  const kind = resource.split('/').pop() ?? 'items';
  return send(res, 200, list(`${kind}List`, 'v1', []));
});

// --- MLflow ------------------------------------------------------------------
const mlflow = createServer(async (req, res) => {
  if (control(req, res)) return undefined;
  const url = new URL(req.url ?? '/', 'http://mlflow');
  const text = req.method === 'POST' ? await body(req) : '';
  count(`${req.method} ${url.pathname}${url.search} ${text}`);
  if (MLFLOW_LATENCY_MS) await new Promise(resolve => setTimeout(resolve, MLFLOW_LATENCY_MS));
  if (url.pathname === '/api/2.0/mlflow/experiments/get-by-name') return send(res, 200, JSON.stringify(experiment));
  if (url.pathname === '/api/2.0/mlflow/runs/search') return send(res, 200, JSON.stringify(runsPage));
  return send(res, 404, JSON.stringify({ error_code: 'ENDPOINT_NOT_FOUND', message: 'not faked' }));
});

// --- Prometheus ----------------------------------------------------------------
const entityPods = new Map(pods.slice(0, ENTITY_PODS).map(p => [p.metadata.name, p]));
const dcgm = (metric: string) => {
  const result = [];
  for (let n = 0; n < GPU_NODES; n++) {
    for (let gpu = 0; gpu < 8; gpu++) {
      const owner = entityPods.get(`fraud-detection-${n + gpu * GPU_NODES}`);
      result.push({
        metric: {
          __name__: metric,
          gpu: String(gpu),
          Hostname: `node-${n}`,
          kubernetes_node: `node-${n}`,
          ...(owner ? { pod: owner.metadata.name, namespace: owner.metadata.namespace } : {}),
        },
        value: [1795535986.7, String(metric === 'DCGM_FI_DEV_GPU_UTIL' ? (n * 7 + gpu) % 100 : 20000)],
      });
    }
  }
  return Buffer.from(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
};
const prometheusAnswers: Record<string, Buffer> = {
  DCGM_FI_DEV_GPU_UTIL: dcgm('DCGM_FI_DEV_GPU_UTIL'),
  DCGM_FI_DEV_FB_USED: dcgm('DCGM_FI_DEV_FB_USED'),
};
const prometheus = createServer((req, res) => {
  if (control(req, res)) return undefined;
  const url = new URL(req.url ?? '/', 'http://prom');
  const query = url.searchParams.get('query') ?? '';
  count(`GET ${url.pathname}?${query}`);
  const answer = prometheusAnswers[query];
  if (!answer) return send(res, 400, JSON.stringify({ status: 'error', error: 'unknown query' }));
  return send(res, 200, answer);
});

const listen = (server: ReturnType<typeof createServer>) =>
  new Promise<number>(resolve => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

(async () => {
  const ports = {
    mlflow: await listen(mlflow),
    kubernetes: await listen(kubernetes),
    prometheus: await listen(prometheus),
    sizes: { nodes: NODES, gpuNodes: GPU_NODES, pods: PODS, entityPods: ENTITY_PODS, podListBytes: podList.length },
  };
  process.stdout.write(`${JSON.stringify(ports)}\n`);
})();
