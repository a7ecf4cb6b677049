import { DAY, FixtureFile, HOUR, NOW_MS, fixture, iso, random } from './common';
import { MODEL_NAME, ModelVersion } from './mlflow';

/*
 * The demo Kubernetes clusters: per cluster a v1 NodeList and PodList, an Argo
 * Rollouts RolloutList and AnalysisRunList and a Flagger CanaryList, as the API
 * server lists them (built-in list items carry no apiVersion/kind; custom
 * resource items do).
 */

interface GpuModel {
  product: string;
  model: string;
  gpus: number;
  cpu: string;
  memory: string;
  memMiB: number;
}

interface NodeSpec {
  type: string;
  pool: string;
  notReady?: boolean;
}

interface ClusterSpec {
  region: string;
  zones: string[];
  nodes: NodeSpec[];
}

interface Owner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

/** What the generator decides about a pod before building its API object. */
interface PodPlan {
  name: string;
  generateName?: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  owner: Owner;
  image: string;
  containerName?: string;
  args?: string[];
  cpu: string;
  memory: string;
  gpus?: number;
  port?: number;
  serviceAccount?: string;
  phase: string;
  /** Index of the node it runs on; none for a pending pod. */
  node?: number;
  ageMs: number;
  restarts?: number;
  /** Utilisation of each GPU it holds, percent. */
  util?: number[];
  /** Share of each GPU's framebuffer it uses. */
  fbFraction?: number;
  pendingMessage?: string;
  nodeName?: string;
  hostIP?: string;
  podIP?: string;
}

type KubeNode = ReturnType<typeof buildNode>;
type Pod = ReturnType<typeof buildPod>;

/** One GPU as the DCGM exporter reports it: where it is, who holds it, how busy it is. */
export interface DcgmSample {
  cluster: string;
  node: KubeNode;
  gpuIndex: number;
  pod?: Pod;
  util: number;
  fbFraction?: number;
}

const PROJECT = 'fraud-detection';
const PROJECT_LABELS = {
  'backstage.io/kubernetes-id': PROJECT,
  'app.kubernetes.io/part-of': PROJECT,
};

const uid = () =>
  `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(
    3,
  )}-${random.hex(12)}`;
/** The ReplicaSet `<name>-<hash>` as a serving pod's owner. */
const replicaSetOwner = (name: string, hash: string) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name: `${name}-${hash}`,
  uid: uid(),
});
let resourceVersion = 48210000;
const nextResourceVersion = () =>
  String((resourceVersion += random.int(3, 900)));

const GPU_MODELS: Record<string, GpuModel | undefined> = {
  'p4d.24xlarge': {
    product: 'NVIDIA-A100-SXM4-40GB',
    model: 'NVIDIA A100-SXM4-40GB',
    gpus: 8,
    cpu: '96',
    memory: '1176926484Ki',
    memMiB: 40960,
  },
  'g5.12xlarge': {
    product: 'NVIDIA-A10G',
    model: 'NVIDIA A10G',
    gpus: 4,
    cpu: '48',
    memory: '195857520Ki',
    memMiB: 23028,
  },
  'g5.2xlarge': {
    product: 'NVIDIA-A10G',
    model: 'NVIDIA A10G',
    gpus: 1,
    cpu: '8',
    memory: '32386048Ki',
    memMiB: 23028,
  },
  'g4dn.xlarge': {
    product: 'Tesla-T4',
    model: 'Tesla T4',
    gpus: 1,
    cpu: '4',
    memory: '16047552Ki',
    memMiB: 15360,
  },
};

const CLUSTERS: Record<string, ClusterSpec> = {
  'gpu-prod-eu': {
    region: 'eu-west-1',
    zones: ['eu-west-1a', 'eu-west-1b'],
    nodes: [
      { type: 'p4d.24xlarge', pool: 'gpu-a100' },
      { type: 'g5.12xlarge', pool: 'gpu-a10g' },
      { type: 'g5.12xlarge', pool: 'gpu-a10g' },
      { type: 'm6i.2xlarge', pool: 'general' },
      { type: 'm6i.2xlarge', pool: 'general' },
    ],
  },
  'gpu-staging-us': {
    region: 'us-east-1',
    zones: ['us-east-1a', 'us-east-1c'],
    nodes: [
      { type: 'g5.2xlarge', pool: 'gpu-a10g' },
      { type: 'g4dn.xlarge', pool: 'gpu-t4', notReady: true },
      { type: 'm6i.xlarge', pool: 'general' },
    ],
  },
};

const CPU_SHAPES: Record<string, { cpu: string; memory: string }> = {
  'm6i.2xlarge': { cpu: '8', memory: '32386040Ki' },
  'm6i.xlarge': { cpu: '4', memory: '16106128Ki' },
};

function buildNode(
  clusterName: string,
  cluster: ClusterSpec,
  spec: NodeSpec,
  index: number,
) {
  const zone = cluster.zones[index % cluster.zones.length];
  const octet = 10 + index * 17;
  const name = `ip-10-${
    clusterName === 'gpu-prod-eu' ? 20 : 40
  }-${octet}-${random.int(10, 250)}.${cluster.region}.compute.internal`;
  const gpu = GPU_MODELS[spec.type];
  const shape = gpu ?? CPU_SHAPES[spec.type];
  const created = NOW_MS - random.int(6, 40) * DAY - random.int(0, 23) * HOUR;
  const labels = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': spec.type,
    'beta.kubernetes.io/os': 'linux',
    'eks.amazonaws.com/nodegroup': spec.pool,
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': spec.type,
    'topology.kubernetes.io/region': cluster.region,
    'topology.kubernetes.io/zone': zone,
  };
  if (gpu) {
    Object.assign(labels, {
      'nvidia.com/gpu.count': String(gpu.gpus),
      'nvidia.com/gpu.memory': String(gpu.memMiB),
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.product': gpu.product,
      'nvidia.com/cuda.driver.major': '550',
    });
  }
  const capacity: Record<string, string> = {
    cpu: shape.cpu,
    'ephemeral-storage': '209702892Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: shape.memory,
    pods: gpu ? '110' : '58',
  };
  const allocatable: Record<string, string> = {
    cpu: `${Number(shape.cpu) * 1000 - 190}m`,
    'ephemeral-storage': '192188443124',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${parseInt(shape.memory, 10) - 1480000}Ki`,
    pods: capacity.pods,
  };
  if (gpu) {
    capacity['nvidia.com/gpu'] = String(gpu.gpus);
    allocatable['nvidia.com/gpu'] = String(gpu.gpus);
  }
  const heartbeat = iso(NOW_MS - random.int(5, 55) * 1000);
  const transition = iso(created + 90 * 1000);
  const ready = !spec.notReady;
  const conditions = [
    [
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
    ],
    [
      'DiskPressure',
      'False',
      'KubeletHasNoDiskPressure',
      'kubelet has no disk pressure',
    ],
    [
      'PIDPressure',
      'False',
      'KubeletHasSufficientPID',
      'kubelet has sufficient PID available',
    ],
    ready
      ? ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status']
      : [
          'Ready',
          'Unknown',
          'NodeStatusUnknown',
          'Kubelet stopped posting node status.',
        ],
  ].map(([type, status, reason, message]) => ({
    type,
    status,
    lastHeartbeatTime:
      ready || type !== 'Ready' ? heartbeat : iso(NOW_MS - 47 * 60000),
    lastTransitionTime:
      ready || type !== 'Ready' ? transition : iso(NOW_MS - 46 * 60000),
    reason,
    message,
  }));
  const taints = [];
  if (gpu)
    taints.push({
      key: 'nvidia.com/gpu',
      value: 'present',
      effect: 'NoSchedule',
    });
  if (!ready) {
    taints.push(
      {
        key: 'node.kubernetes.io/unreachable',
        effect: 'NoSchedule',
        timeAdded: iso(NOW_MS - 46 * 60000),
      },
      {
        key: 'node.kubernetes.io/unreachable',
        effect: 'NoExecute',
        timeAdded: iso(NOW_MS - 45 * 60000),
      },
    );
  }
  const internalIp = `10.${
    clusterName === 'gpu-prod-eu' ? 20 : 40
  }.${octet}.${random.int(10, 250)}`;
  const instanceId = `i-0${random.hex(16)}`;
  return {
    metadata: {
      name,
      uid: uid(),
      resourceVersion: nextResourceVersion(),
      creationTimestamp: iso(created),
      labels,
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': internalIp,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      providerID: `aws:///${zone}/${instanceId}`,
      ...(taints.length ? { taints } : {}),
    },
    status: {
      capacity,
      allocatable,
      conditions,
      addresses: [
        { type: 'InternalIP', address: internalIp },
        { type: 'InternalDNS', address: name },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: random.hex(32),
        systemUUID: `ec2${random.hex(5)}-${random.hex(4)}-${random.hex(
          4,
        )}-${random.hex(4)}-${random.hex(12)}`,
        bootID: uid(),
        kernelVersion: '6.1.115-126.197.amzn2023.x86_64',
        osImage: 'Amazon Linux 2023.6.20241111',
        containerRuntimeVersion: 'containerd://1.7.23',
        kubeletVersion: 'v1.31.2-eks-94953ac',
        kubeProxyVersion: 'v1.31.2-eks-94953ac',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
    // Kept out of the written object; used to place pods and DCGM series.
    _gpu: gpu,
    _ready: ready,
  };
}

function container(
  name: string,
  image: string,
  { cpu, memory, gpus, port, args }: PodPlan,
) {
  const requests: Record<string, string> = { cpu, memory };
  const limits: Record<string, string> = { memory };
  if (gpus) {
    requests['nvidia.com/gpu'] = String(gpus);
    limits['nvidia.com/gpu'] = String(gpus);
  }
  return {
    name,
    image,
    ...(args ? { args } : {}),
    ...(port
      ? { ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] }
      : {}),
    resources: { limits, requests },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}

/**
 * A v1 Pod as the API server returns it inside a PodList.
 * `owner` is { kind, name } of the controlling object.
 */
function buildPod(p: PodPlan) {
  const created = NOW_MS - p.ageMs;
  const started = created + 20 * 1000;
  const running = p.phase === 'Running';
  const gpuTolerations = p.gpus
    ? [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]
    : [];
  const containers = [container(p.containerName ?? 'main', p.image, p)];
  const containerStatuses = running
    ? containers.map(c => ({
        name: c.name,
        state: { running: { startedAt: iso(started) } },
        lastState: {},
        ready: true,
        restartCount: p.restarts ?? 0,
        image: c.image,
        imageID: `${c.image.split(':')[0]}@sha256:${random.hex(64)}`,
        containerID: `containerd://${random.hex(64)}`,
        started: true,
      }))
    : undefined;
  const conditions = running
    ? [
        ['PodReadyToStartContainers', 'True'],
        ['Initialized', 'True'],
        ['Ready', 'True'],
        ['ContainersReady', 'True'],
        ['PodScheduled', 'True'],
      ].map(([type, status]) => ({
        type,
        status,
        lastProbeTime: null,
        lastTransitionTime: iso(
          type === 'PodScheduled' || type === 'Initialized'
            ? created + 2000
            : started,
        ),
      }))
    : [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: iso(created + 1000),
          reason: 'Unschedulable',
          message: p.pendingMessage,
        },
      ];
  return {
    metadata: {
      name: p.name,
      ...(p.generateName ? { generateName: p.generateName } : {}),
      namespace: p.namespace,
      uid: uid(),
      resourceVersion: nextResourceVersion(),
      creationTimestamp: iso(created),
      labels: p.labels,
      ...(p.annotations ? { annotations: p.annotations } : {}),
      ownerReferences: [
        {
          apiVersion: p.owner.apiVersion,
          kind: p.owner.kind,
          name: p.owner.name,
          uid: p.owner.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers,
      restartPolicy: p.owner.kind === 'Job' ? 'Never' : 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: p.serviceAccount ?? 'default',
      serviceAccount: p.serviceAccount ?? 'default',
      ...(p.nodeName ? { nodeName: p.nodeName } : {}),
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: [
        ...gpuTolerations,
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: p.phase,
      conditions,
      ...(running
        ? {
            hostIP: p.hostIP,
            hostIPs: [{ ip: p.hostIP }],
            podIP: p.podIP,
            podIPs: [{ ip: p.podIP }],
          }
        : {}),
      startTime: running ? iso(created + 2000) : undefined,
      ...(containerStatuses ? { containerStatuses } : {}),
      qosClass: 'Burstable',
    },
  };
}

export function nodeIp(node: KubeNode) {
  return node.status.addresses.find(a => a.type === 'InternalIP')!.address;
}

/** Places pods on nodes and returns [pod, gpu indexes] pairs for DCGM. */
function buildPods(clusterName: string, nodes: KubeNode[], plan: PodPlan[]) {
  const gpuCursor = new Map<string, number>();
  const placements: Array<
    Omit<DcgmSample, 'cluster' | 'gpuIndex' | 'util'> & {
      gpuIndexes: number[];
      util?: number[];
    }
  > = [];
  const pods = plan.map(p => {
    const node = p.node === undefined ? undefined : nodes[p.node];
    let gpuIndexes: number[] = [];
    if (node && p.gpus && p.phase === 'Running') {
      const first = gpuCursor.get(node.metadata.name) ?? 0;
      gpuIndexes = Array.from({ length: p.gpus }, (_, i) => first + i);
      gpuCursor.set(node.metadata.name, first + p.gpus);
    }
    const subnet = clusterName === 'gpu-prod-eu' ? 20 : 40;
    const pod = buildPod({
      ...p,
      nodeName: node?.metadata.name,
      hostIP: node ? nodeIp(node) : undefined,
      podIP: `10.${subnet}.${random.int(64, 127)}.${random.int(2, 254)}`,
    });
    if (gpuIndexes.length)
      placements.push({
        pod,
        node: node!,
        gpuIndexes,
        util: p.util,
        fbFraction: p.fbFraction,
      });
    return pod;
  });
  return { pods, placements };
}

const ROLLOUT_NAME = 'fraud-detection-serving';
const STABLE_HASH = '6d4b9c7f8d';
const CANARY_HASH = '7f9c5d6b4a';
const SERVING_IMAGE = 'ghcr.io/example-org/fraud-detection-serving';

function servingPods(
  owner: Owner,
  hash: string | null,
  modelVersion: string,
  count: number,
  nodeIndexes: number[],
  extraLabels: Record<string, string> = {},
): PodPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${owner.name}-${random.alnum(5)}`,
    generateName: `${owner.name}-`,
    namespace: PROJECT,
    labels: {
      ...PROJECT_LABELS,
      'app.kubernetes.io/name': ROLLOUT_NAME,
      'app.kubernetes.io/component': 'serving',
      'mlflow.org/model-version': modelVersion,
      ...(hash ? { 'rollouts-pod-template-hash': hash } : {}),
      ...extraLabels,
    },
    annotations: {
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '8080',
    },
    owner,
    image: `${SERVING_IMAGE}:model-v${modelVersion}`,
    containerName: 'model-server',
    cpu: '500m',
    memory: '1Gi',
    port: 8080,
    serviceAccount: 'fraud-detection-serving',
    phase: 'Running',
    node: nodeIndexes[i % nodeIndexes.length],
    ageMs: (hash === CANARY_HASH ? 70 : 26 * 60) * 60000 + i * 41000,
  }));
}

function trainingPods(cluster: string): PodPlan[] {
  const jobUid = uid();
  if (cluster === 'gpu-prod-eu') {
    return [
      {
        name: `fraud-detection-train-29371${random.int(
          100,
          999,
        )}-${random.alnum(5)}`,
        namespace: PROJECT,
        labels: {
          ...PROJECT_LABELS,
          'app.kubernetes.io/component': 'training',
          'batch.kubernetes.io/job-name': 'fraud-detection-train-sweep-14',
          'dvc.org/stage': 'train',
        },
        owner: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: 'fraud-detection-train-sweep-14',
          uid: jobUid,
        },
        image: 'ghcr.io/example-org/fraud-detection-train:9f3c1a2',
        containerName: 'train',
        args: ['dvc', 'repro', 'train'],
        cpu: '16',
        memory: '96Gi',
        gpus: 4,
        node: 0,
        phase: 'Running',
        ageMs: 38 * 60000,
        util: [91, 88, 94, 86],
        fbFraction: 0.71,
        serviceAccount: 'fraud-detection-train',
      },
      {
        name: `fraud-detection-hpo-trial-7-${random.alnum(5)}`,
        namespace: PROJECT,
        labels: {
          ...PROJECT_LABELS,
          'app.kubernetes.io/component': 'hyperparameter-search',
          'batch.kubernetes.io/job-name': 'fraud-detection-hpo-trial-7',
        },
        owner: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: 'fraud-detection-hpo-trial-7',
          uid: uid(),
        },
        image: 'ghcr.io/example-org/fraud-detection-train:9f3c1a2',
        containerName: 'train',
        args: ['python', 'src/train.py', '--trial', '7'],
        cpu: '8',
        memory: '32Gi',
        gpus: 1,
        node: 1,
        phase: 'Running',
        ageMs: 12 * 60000,
        util: [64],
        fbFraction: 0.38,
        serviceAccount: 'fraud-detection-train',
      },
      {
        // Holds a GPU but nobody is using it: the card flags it as idle.
        name: 'fraud-detection-notebook-0',
        namespace: PROJECT,
        labels: {
          ...PROJECT_LABELS,
          'app.kubernetes.io/component': 'notebook',
          'statefulset.kubernetes.io/pod-name': 'fraud-detection-notebook-0',
        },
        owner: {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          name: 'fraud-detection-notebook',
          uid: uid(),
        },
        image: 'quay.io/jupyter/scipy-notebook:2024-11-18',
        containerName: 'notebook',
        cpu: '2',
        memory: '16Gi',
        gpus: 1,
        node: 2,
        phase: 'Running',
        ageMs: 3 * DAY + 5 * HOUR,
        util: [0],
        fbFraction: 0.02,
        port: 8888,
      },
    ];
  }
  return [
    {
      name: `fraud-detection-eval-shadow-${random.alnum(5)}`,
      namespace: PROJECT,
      labels: {
        ...PROJECT_LABELS,
        'app.kubernetes.io/component': 'evaluation',
        'batch.kubernetes.io/job-name': 'fraud-detection-eval-shadow',
        'dvc.org/stage': 'evaluate',
      },
      owner: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'fraud-detection-eval-shadow',
        uid: jobUid,
      },
      image: 'ghcr.io/example-org/fraud-detection-train:9f3c1a2',
      containerName: 'evaluate',
      args: ['dvc', 'repro', 'evaluate'],
      cpu: '4',
      memory: '16Gi',
      gpus: 1,
      node: 0,
      phase: 'Running',
      ageMs: 9 * 60000,
      util: [47],
      fbFraction: 0.29,
    },
    {
      // Asks for a T4, but the only T4 node is NotReady.
      name: `fraud-detection-batch-score-${random.alnum(5)}`,
      namespace: PROJECT,
      labels: {
        ...PROJECT_LABELS,
        'app.kubernetes.io/component': 'batch-scoring',
        'batch.kubernetes.io/job-name': 'fraud-detection-batch-score',
      },
      owner: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'fraud-detection-batch-score',
        uid: uid(),
      },
      image: 'ghcr.io/example-org/fraud-detection-serving:model-v5',
      containerName: 'score',
      cpu: '2',
      memory: '8Gi',
      gpus: 1,
      phase: 'Pending',
      ageMs: 21 * 60000,
      // As the scheduler says it of staging's three nodes: the unreachable T4 node is tainted
      // (the pod tolerates nvidia.com/gpu), the A10G node's one GPU is the shadow evaluation's,
      // the general node has none.
      pendingMessage:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    },
  ];
}

function otherTeamsPods(cluster: string): PodPlan[] {
  const pods: PodPlan[] = [];
  const dcgmUid = uid();
  const gpuNodeIndexes = cluster === 'gpu-prod-eu' ? [0, 1, 2] : [0, 1];
  for (const nodeIndex of gpuNodeIndexes) {
    pods.push({
      name: `nvidia-dcgm-exporter-${random.alnum(5)}`,
      generateName: 'nvidia-dcgm-exporter-',
      namespace: 'gpu-operator',
      labels: {
        app: 'nvidia-dcgm-exporter',
        'app.kubernetes.io/managed-by': 'gpu-operator',
      },
      owner: {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'nvidia-dcgm-exporter',
        uid: dcgmUid,
      },
      image: 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.8-3.6.0-ubuntu22.04',
      containerName: 'nvidia-dcgm-exporter',
      cpu: '100m',
      memory: '128Mi',
      port: 9400,
      node: nodeIndex,
      phase: 'Running',
      ageMs: 6 * DAY,
    });
  }
  if (cluster === 'gpu-prod-eu') {
    pods.push(
      {
        name: `recsys-two-tower-train-${random.alnum(5)}`,
        namespace: 'recsys',
        labels: {
          'backstage.io/kubernetes-id': 'recsys-ranker',
          'app.kubernetes.io/part-of': 'recsys-ranker',
          'batch.kubernetes.io/job-name': 'recsys-two-tower-train',
        },
        owner: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: 'recsys-two-tower-train',
          uid: uid(),
        },
        image: 'ghcr.io/example-org/recsys-train:4c2b8e1',
        containerName: 'train',
        cpu: '32',
        memory: '256Gi',
        gpus: 4,
        node: 0,
        phase: 'Running',
        ageMs: 5 * HOUR,
        util: [97, 95, 98, 96],
        fbFraction: 0.93,
      },
      {
        name: `llm-eval-harness-${random.alnum(5)}`,
        namespace: 'llm-eval',
        labels: {
          'backstage.io/kubernetes-id': 'llm-eval',
          'app.kubernetes.io/part-of': 'llm-eval',
        },
        owner: {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'llm-eval-harness-5c8d7b9f6',
          uid: uid(),
        },
        image: 'ghcr.io/example-org/llm-eval:1.8.0',
        containerName: 'harness',
        cpu: '8',
        memory: '64Gi',
        gpus: 2,
        node: 2,
        phase: 'Running',
        ageMs: 2 * DAY,
        util: [58, 61],
        fbFraction: 0.66,
      },
      {
        name: `coredns-787cb67946-${random.alnum(5)}`,
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '787cb67946' },
        owner: {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'coredns-787cb67946',
          uid: uid(),
        },
        image:
          '602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/coredns:v1.11.3-eksbuild.2',
        containerName: 'coredns',
        cpu: '100m',
        memory: '170Mi',
        port: 53,
        node: 3,
        phase: 'Running',
        ageMs: 30 * DAY,
      },
    );
  } else {
    pods.push({
      name: `recsys-feature-backfill-${random.alnum(5)}`,
      namespace: 'recsys',
      labels: {
        'backstage.io/kubernetes-id': 'recsys-ranker',
        'app.kubernetes.io/part-of': 'recsys-ranker',
      },
      owner: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'recsys-feature-backfill',
        uid: uid(),
      },
      image: 'ghcr.io/example-org/recsys-train:4c2b8e1',
      containerName: 'backfill',
      cpu: '2',
      memory: '8Gi',
      node: 2,
      phase: 'Running',
      ageMs: 3 * HOUR,
    });
  }
  return pods;
}

function listOf(kind: string, apiVersion: string, items: unknown[]) {
  return {
    kind,
    apiVersion,
    metadata: { resourceVersion: nextResourceVersion() },
    items,
  };
}

function buildRollout(rolloutUid: string, challengerVersion: string) {
  const created = NOW_MS - 26 * HOUR;
  const canaryStarted = NOW_MS - 70 * 60000;
  const pauseStarted = NOW_MS - 4 * 60000;
  const steps = [
    { setWeight: 10 },
    { pause: { duration: '5m' } },
    {
      analysis: {
        templates: [
          { templateName: 'success-rate' },
          { templateName: 'latency-p95' },
        ],
        args: [
          { name: 'service-name', value: 'fraud-detection-serving-canary' },
        ],
      },
    },
    { setWeight: 30 },
    { pause: { duration: '10m' } },
    { setWeight: 60 },
    { pause: {} },
    { setWeight: 100 },
  ];
  const labels = {
    ...PROJECT_LABELS,
    'app.kubernetes.io/name': ROLLOUT_NAME,
    'app.kubernetes.io/component': 'serving',
  };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: ROLLOUT_NAME,
      namespace: PROJECT,
      uid: rolloutUid,
      resourceVersion: nextResourceVersion(),
      generation: 7,
      creationTimestamp: iso(created - 9 * DAY),
      labels,
      annotations: {
        'rollout.argoproj.io/revision': '7',
        'argocd.argoproj.io/tracking-id': `${PROJECT}:argoproj.io/Rollout:${PROJECT}/${ROLLOUT_NAME}`,
      },
    },
    spec: {
      replicas: 5,
      revisionHistoryLimit: 3,
      selector: { matchLabels: { 'app.kubernetes.io/name': ROLLOUT_NAME } },
      template: {
        metadata: {
          labels: { ...labels, 'mlflow.org/model-version': challengerVersion },
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': '8080',
          },
        },
        spec: {
          serviceAccountName: 'fraud-detection-serving',
          containers: [
            {
              name: 'model-server',
              image: `${SERVING_IMAGE}:model-v${challengerVersion}`,
              env: [
                {
                  name: 'MLFLOW_MODEL_URI',
                  value: `models:/${MODEL_NAME}/${challengerVersion}`,
                },
              ],
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              readinessProbe: {
                httpGet: { path: '/health', port: 'http' },
                periodSeconds: 5,
              },
              resources: {
                requests: { cpu: '500m', memory: '1Gi' },
                limits: { memory: '1Gi' },
              },
            },
          ],
        },
      },
      strategy: {
        canary: {
          canaryService: 'fraud-detection-serving-canary',
          stableService: 'fraud-detection-serving-stable',
          trafficRouting: {
            nginx: { stableIngress: 'fraud-detection-serving' },
          },
          steps,
        },
      },
    },
    status: {
      HPAReplicas: 6,
      abort: false,
      availableReplicas: 6,
      blueGreen: {},
      canary: {
        currentStepAnalysisRunStatus: {
          name: `${ROLLOUT_NAME}-${CANARY_HASH}-7-2`,
          status: 'Successful',
        },
        weights: {
          canary: {
            podTemplateHash: CANARY_HASH,
            serviceName: 'fraud-detection-serving-canary',
            weight: 30,
          },
          stable: {
            podTemplateHash: STABLE_HASH,
            serviceName: 'fraud-detection-serving-stable',
            weight: 70,
          },
        },
      },
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'AvailableReason',
          message: 'Rollout has minimum availability',
          lastTransitionTime: iso(created),
          lastUpdateTime: iso(created),
        },
        {
          type: 'Completed',
          status: 'False',
          reason: 'RolloutCompleted',
          message: 'Rollout is not completed',
          lastTransitionTime: iso(canaryStarted),
          lastUpdateTime: iso(canaryStarted),
        },
        {
          type: 'Paused',
          status: 'True',
          reason: 'RolloutPaused',
          message: 'Rollout is paused',
          lastTransitionTime: iso(pauseStarted),
          lastUpdateTime: iso(pauseStarted),
        },
        {
          type: 'Progressing',
          status: 'Unknown',
          reason: 'RolloutPaused',
          message: 'Rollout is paused',
          lastTransitionTime: iso(pauseStarted),
          lastUpdateTime: iso(pauseStarted),
        },
        {
          type: 'Healthy',
          status: 'False',
          reason: 'RolloutHealthy',
          message: 'Rollout is not healthy',
          lastTransitionTime: iso(canaryStarted),
          lastUpdateTime: iso(canaryStarted),
        },
      ],
      controllerPause: true,
      currentPodHash: CANARY_HASH,
      currentStepHash: '5b7d9c8f64',
      currentStepIndex: 4,
      message: 'CanaryPauseStep',
      observedGeneration: '7',
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: iso(pauseStarted) },
      ],
      phase: 'Paused',
      readyReplicas: 6,
      replicas: 6,
      selector: `app.kubernetes.io/name=${ROLLOUT_NAME}`,
      stableRS: STABLE_HASH,
      updatedReplicas: 2,
    },
  };
}

function buildAnalysisRun(rolloutUid: string) {
  const started = NOW_MS - 62 * 60000;
  const measurements = (
    _name: string,
    values: number[],
    fmt: (value: number) => string,
  ) =>
    values.map((value, i) => ({
      phase: 'Successful',
      startedAt: iso(started + i * 60000),
      finishedAt: iso(started + i * 60000 + 1000),
      value: `[${fmt(value)}]`,
    }));
  const success = [0.9962, 0.9971, 0.9958, 0.9969, 0.9974].map(v => v);
  const latency = [0.118, 0.124, 0.131, 0.121, 0.127];
  const prometheus = 'http://prometheus-operated.monitoring.svc:9090';
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      name: `${ROLLOUT_NAME}-${CANARY_HASH}-7-2`,
      namespace: PROJECT,
      uid: uid(),
      resourceVersion: nextResourceVersion(),
      generation: 6,
      creationTimestamp: iso(started),
      labels: {
        'rollout-type': 'Step',
        'rollouts-pod-template-hash': CANARY_HASH,
        'step-index': '2',
      },
      annotations: { 'rollout.argoproj.io/revision': '7' },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          name: ROLLOUT_NAME,
          uid: rolloutUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      args: [{ name: 'service-name', value: 'fraud-detection-serving-canary' }],
      metrics: [
        {
          name: 'success-rate',
          interval: '1m',
          count: 5,
          failureLimit: 1,
          successCondition: 'result[0] >= 0.99',
          provider: {
            prometheus: {
              address: prometheus,
              query:
                'sum(rate(http_requests_total{service="fraud-detection-serving-canary",code!~"5.."}[2m])) / sum(rate(http_requests_total{service="fraud-detection-serving-canary"}[2m]))',
            },
          },
        },
        {
          name: 'latency-p95',
          interval: '1m',
          count: 5,
          failureLimit: 1,
          successCondition: 'result[0] <= 0.25',
          provider: {
            prometheus: {
              address: prometheus,
              query:
                'histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{service="fraud-detection-serving-canary"}[2m])) by (le))',
            },
          },
        },
      ],
    },
    status: {
      phase: 'Successful',
      startedAt: iso(started),
      runSummary: { count: 2, successful: 2 },
      dryRunSummary: {},
      metricResults: [
        {
          name: 'success-rate',
          phase: 'Successful',
          count: 5,
          successful: 5,
          measurements: measurements('success-rate', success, v =>
            v.toFixed(4),
          ),
          metadata: {
            ResolvedPrometheusQuery:
              'sum(rate(http_requests_total{service="fraud-detection-serving-canary",code!~"5.."}[2m])) / sum(rate(http_requests_total{service="fraud-detection-serving-canary"}[2m]))',
          },
        },
        {
          name: 'latency-p95',
          phase: 'Successful',
          count: 5,
          successful: 5,
          measurements: measurements('latency-p95', latency, v => v.toFixed(3)),
          metadata: {
            ResolvedPrometheusQuery:
              'histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{service="fraud-detection-serving-canary"}[2m])) by (le))',
          },
        },
      ],
    },
  };
}

function buildFlaggerCanary() {
  const started = NOW_MS - 7 * 60000;
  const specHash = random.hex(10).replace(/^./, '5');
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: {
      name: ROLLOUT_NAME,
      namespace: PROJECT,
      uid: uid(),
      resourceVersion: nextResourceVersion(),
      generation: 4,
      creationTimestamp: iso(NOW_MS - 12 * DAY),
      labels: { ...PROJECT_LABELS, 'app.kubernetes.io/name': ROLLOUT_NAME },
    },
    spec: {
      provider: 'nginx',
      targetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: ROLLOUT_NAME,
      },
      ingressRef: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        name: ROLLOUT_NAME,
      },
      progressDeadlineSeconds: 600,
      service: { port: 80, targetPort: 8080 },
      analysis: {
        interval: '1m',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          {
            name: 'request-success-rate',
            interval: '1m',
            thresholdRange: { min: 99 },
          },
          {
            name: 'request-duration',
            interval: '1m',
            thresholdRange: { max: 500 },
          },
        ],
        webhooks: [
          {
            name: 'load-test',
            type: 'rollout',
            url: 'http://flagger-loadtester.flagger-system.svc.cluster.local/',
            timeout: '5s',
            metadata: {
              cmd: 'hey -z 1m -q 10 -c 2 http://fraud-detection-serving-canary.fraud-detection/health',
            },
          },
        ],
      },
    },
    status: {
      phase: 'Progressing',
      canaryWeight: 20,
      iterations: 0,
      failedChecks: 1,
      lastAppliedSpec: specHash,
      lastPromotedSpec: random.hex(10),
      lastTransitionTime: iso(started + 2 * 60000),
      trackedConfigs: {},
      conditions: [
        {
          type: 'Promoted',
          status: 'Unknown',
          reason: 'Progressing',
          message: 'New revision detected, progressing canary analysis.',
          lastUpdateTime: iso(started + 2 * 60000),
          lastTransitionTime: iso(started),
        },
      ],
    },
  };
}

function stripPrivate(object: unknown) {
  return JSON.parse(
    JSON.stringify(object, (key: string, value: unknown) =>
      key.startsWith('_') ? undefined : value,
    ),
  );
}

export function buildKubernetes(versions: ModelVersion[]): {
  files: FixtureFile[];
  dcgm: DcgmSample[];
} {
  const files: FixtureFile[] = [];
  const dcgm: DcgmSample[] = [];
  const byStage = (stage: string) =>
    versions.find(v => v.current_stage === stage)!.version;
  const champion = byStage('Production');
  const challenger = byStage('Staging');
  const candidate = byStage('None');
  files.push(fixture('kubernetes/clusters.json', Object.keys(CLUSTERS)));

  for (const [clusterName, cluster] of Object.entries(CLUSTERS)) {
    const nodes = cluster.nodes.map((spec, index) =>
      buildNode(clusterName, cluster, spec, index),
    );
    const cpuNodeIndexes = nodes
      .map((node, index) => (node._gpu ? -1 : index))
      .filter(index => index >= 0);
    let plan = [...trainingPods(clusterName), ...otherTeamsPods(clusterName)];
    let rollouts: unknown[] = [];
    let analysisRuns: unknown[] = [];
    let canaries: unknown[] = [];
    if (clusterName === 'gpu-prod-eu') {
      const rolloutUid = uid();
      const rollout = buildRollout(rolloutUid, challenger);
      plan = [
        ...servingPods(
          replicaSetOwner(ROLLOUT_NAME, STABLE_HASH),
          STABLE_HASH,
          champion,
          4,
          cpuNodeIndexes,
        ),
        ...servingPods(
          replicaSetOwner(ROLLOUT_NAME, CANARY_HASH),
          CANARY_HASH,
          challenger,
          2,
          cpuNodeIndexes,
        ),
        ...plan,
      ];
      rollouts = [rollout];
      analysisRuns = [buildAnalysisRun(rolloutUid)];
    } else {
      const canary = buildFlaggerCanary();
      plan = [
        ...servingPods(
          replicaSetOwner(`${ROLLOUT_NAME}-primary`, '7b8c9d6f5'),
          null,
          challenger,
          2,
          cpuNodeIndexes,
          {
            'pod-template-hash': '7b8c9d6f5',
            app: `${ROLLOUT_NAME}-primary`,
          },
        ),
        ...servingPods(
          replicaSetOwner(ROLLOUT_NAME, '64f7c8b9d'),
          null,
          candidate,
          1,
          cpuNodeIndexes,
          {
            'pod-template-hash': '64f7c8b9d',
            app: ROLLOUT_NAME,
          },
        ),
        ...plan,
      ];
      canaries = [canary];
    }
    const { pods, placements } = buildPods(clusterName, nodes, plan);
    for (const placement of placements) {
      placement.gpuIndexes.forEach((gpuIndex, i) => {
        dcgm.push({
          cluster: clusterName,
          ...placement,
          gpuIndex,
          util: placement.util?.[i] ?? 0,
        });
      });
    }
    // GPUs nobody holds still report (utilisation 0, a little framebuffer).
    for (const node of nodes.filter(n => n._gpu && n._ready)) {
      for (let gpuIndex = 0; gpuIndex < node._gpu!.gpus; gpuIndex++) {
        const held = dcgm.some(s => s.node === node && s.gpuIndex === gpuIndex);
        if (!held)
          dcgm.push({
            cluster: clusterName,
            node,
            gpuIndex,
            util: 0,
            fbFraction: 0,
          });
      }
    }

    files.push(
      fixture(
        `kubernetes/${clusterName}/nodes.json`,
        listOf('NodeList', 'v1', nodes.map(stripPrivate)),
      ),
      fixture(
        `kubernetes/${clusterName}/pods.json`,
        listOf('PodList', 'v1', pods.map(stripPrivate)),
      ),
      fixture(
        `kubernetes/${clusterName}/rollouts.json`,
        listOf(
          'RolloutList',
          'argoproj.io/v1alpha1',
          rollouts.map(stripPrivate),
        ),
      ),
      fixture(
        `kubernetes/${clusterName}/analysisruns.json`,
        listOf(
          'AnalysisRunList',
          'argoproj.io/v1alpha1',
          analysisRuns.map(stripPrivate),
        ),
      ),
      fixture(
        `kubernetes/${clusterName}/canaries.json`,
        listOf('CanaryList', 'flagger.app/v1beta1', canaries.map(stripPrivate)),
      ),
    );
  }
  return { files, dcgm };
}
