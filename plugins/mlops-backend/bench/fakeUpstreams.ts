/*
 * The shared fake upstreams (mlops-node's testUtils) for the benchmark, run in
 * their own process so their CPU and memory do not count against the backend:
 * the fake MLflow with its MLflow 2.9 recordings, a fake Kubernetes API server
 * holding a big synthetic cluster (2,000 nodes, 50,000 pods, 500 of them the
 * entity's, or BENCH_NODES / BENCH_PODS) and a fake Prometheus with DCGM series for it. Prints
 * {"mlflow":port,...} when ready. On the MLflow port, `/__stats` returns how
 * often each distinct request was made and `/__reset` clears that;
 * `/__concurrency` says how many requests were open at once at most
 * (`maxArrived`) and how many it served at once (`maxServed`, at most
 * `MLFLOW_WORKERS`).
 */
import {
  createFakeKubernetes,
  createFakeMlflow,
  createFakePrometheus,
  listenOnLoopback,
} from '@mlops-portal/plugin-mlops-node/testUtils';

// BENCH_NODES / BENCH_PODS size the cluster (the GPU figures also run 10,000 / 250,000); a quarter of the nodes have GPUs.
const NODES = Number(process.env.BENCH_NODES ?? 2000);
const GPU_NODES = Math.floor(NODES / 4);
const PODS = Number(process.env.BENCH_PODS ?? 50_000);
const ENTITY_PODS = 500;
const MLFLOW_LATENCY_MS = Number(process.env.MLFLOW_LATENCY_MS ?? 0);
/** Requests the fake MLflow serves at once (a single-worker server: 1); unset: no limit. */
const MLFLOW_WORKERS = process.env.MLFLOW_WORKERS
  ? Number(process.env.MLFLOW_WORKERS)
  : undefined;

// --- Kubernetes objects ----------------------------------------------------
const node = (i: number) => ({
  metadata: {
    name: `node-${i}`,
    uid: `uid-node-${i}`,
    labels: {
      'kubernetes.io/hostname': `node-${i}`,
      'node.kubernetes.io/instance-type':
        i < GPU_NODES ? 'p4d.24xlarge' : 'm6i.4xlarge',
      ...(i < GPU_NODES
        ? { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB' }
        : {}),
    },
  },
  spec:
    i < GPU_NODES
      ? {
          taints: [
            { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
          ],
        }
      : {},
  status: {
    capacity: {
      cpu: '96',
      memory: '1152Gi',
      pods: '110',
      ...(i < GPU_NODES ? { 'nvidia.com/gpu': '8' } : {}),
    },
    allocatable: {
      cpu: '95',
      memory: '1100Gi',
      pods: '110',
      ...(i < GPU_NODES ? { 'nvidia.com/gpu': '8' } : {}),
    },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        lastTransitionTime: '2026-11-20T00:00:00Z',
      },
    ],
  },
});

const pod = (i: number) => {
  const owned = i < ENTITY_PODS;
  let gpus = i % 10 === 0 ? 1 : 0;
  if (owned) gpus = 1 + (i % 2);
  const nodeIndex = gpus
    ? i % GPU_NODES
    : GPU_NODES + (i % (NODES - GPU_NODES));
  return {
    metadata: {
      name: `${owned ? 'fraud-detection' : 'app'}-${i}`,
      namespace: owned ? 'fraud-detection' : `team-${i % 200}`,
      uid: `uid-pod-${i}`,
      labels: owned
        ? {
            'backstage.io/kubernetes-id': 'fraud-detection',
            app: 'fraud-detection-train',
          }
        : { app: `app-${i % 1000}` },
    },
    spec: {
      nodeName: `node-${nodeIndex}`,
      containers: [
        {
          name: 'main',
          image: 'registry.example.com/app:1.0',
          resources: {
            requests: {
              cpu: '1',
              memory: '2Gi',
              ...(gpus ? { 'nvidia.com/gpu': String(gpus) } : {}),
            },
            limits: {
              memory: '2Gi',
              ...(gpus ? { 'nvidia.com/gpu': String(gpus) } : {}),
            },
          },
        },
      ],
    },
    status: {
      phase: i % 50 === 49 ? 'Succeeded' : 'Running',
      podIP: `10.0.${(i >> 8) & 255}.${i & 255}`,
    },
  };
};

const nodes = Array.from({ length: NODES }, (_, i) => node(i));
const pods = Array.from({ length: PODS }, (_, i) => pod(i));
const list = (kind: string, items: object[]) => ({
  kind,
  apiVersion: 'v1',
  metadata: { resourceVersion: '1' },
  items,
});
const podList = list('PodList', pods);
// Every other list the Kubernetes backend asks for is served, and empty; a
// real API server answers selections from indexes, so the fake memoises them.
const kubernetes = createFakeKubernetes(
  {
    bench: {
      '/api/v1/nodes': list('NodeList', nodes),
      '/api/v1/pods': podList,
    },
  },
  { unservedAsEmpty: true, memoize: true },
);

// --- MLflow ------------------------------------------------------------------
const mlflow = createFakeMlflow({
  latencyMs: MLFLOW_LATENCY_MS,
  workers: MLFLOW_WORKERS,
});
/** Requests open at the fake MLflow at once (served or waiting for a worker), and the most seen. */
let arrived = 0;
let maxArrived = 0;
const key = (call: (typeof mlflow.calls)[number]) =>
  `${call.method} ${call.path}?${new URLSearchParams(call.query)} ${
    call.body ? JSON.stringify(call.body) : ''
  }`;
const mlflowWithStats = async (request: Request) => {
  const { pathname } = new URL(request.url);
  if (pathname === '/__stats') {
    const stats: Record<string, number> = {};
    for (const call of mlflow.calls)
      stats[key(call)] = (stats[key(call)] ?? 0) + 1;
    return Response.json(stats);
  }
  if (pathname === '/__reset') {
    mlflow.calls.length = 0;
    return Response.json({});
  }
  if (pathname === '/__concurrency') {
    return Response.json({
      maxArrived,
      maxServed: mlflow.maxInFlight,
      workers: MLFLOW_WORKERS ?? null,
    });
  }
  arrived++;
  maxArrived = Math.max(maxArrived, arrived);
  try {
    return await mlflow.handle(request);
  } finally {
    arrived--;
  }
};

// --- Prometheus ----------------------------------------------------------------
const entityPods = new Map(
  pods.slice(0, ENTITY_PODS).map(p => [p.metadata.name, p]),
);
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
          ...(owner
            ? { pod: owner.metadata.name, namespace: owner.metadata.namespace }
            : {}),
        },
        value: [
          1795535986.7,
          String(
            metric === 'DCGM_FI_DEV_GPU_UTIL' ? (n * 7 + gpu) % 100 : 20000,
          ),
        ],
      });
    }
  }
  return { status: 'success' as const, data: { resultType: 'vector', result } };
};
const prometheus = createFakePrometheus({
  DCGM_FI_DEV_GPU_UTIL: dcgm('DCGM_FI_DEV_GPU_UTIL'),
  DCGM_FI_DEV_FB_USED: dcgm('DCGM_FI_DEV_FB_USED'),
});
const port = (url: string) => Number(new URL(url).port);

(async () => {
  const ports = {
    mlflow: port((await listenOnLoopback(mlflowWithStats)).url),
    kubernetes: port((await kubernetes.listen('bench')).url),
    prometheus: port((await prometheus.listen()).url),
    sizes: {
      nodes: NODES,
      gpuNodes: GPU_NODES,
      pods: PODS,
      entityPods: ENTITY_PODS,
      podListBytes: Buffer.byteLength(JSON.stringify(podList)),
    },
  };
  process.stdout.write(`${JSON.stringify(ports)}\n`);
})();
