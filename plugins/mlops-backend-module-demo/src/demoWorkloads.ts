import type {
  FakeCluster,
  FakeKubernetesList,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { createHash } from 'node:crypto';

/*
 * The controllers of the demo clusters' pods (ReplicaSets, Deployments, Jobs,
 * StatefulSets), derived from the pods' owner references, so Backstage's
 * Kubernetes tab groups the same pods the GPU and canary cards show. Synthetic:
 * the fixtures record pods, rollouts and canaries; their owners follow from them
 * (a ReplicaSet `<rollout>-<hash>` belongs to the Rollout of that name, any
 * other ReplicaSet to the Deployment named without the hash).
 */

interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

interface PodLike {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    creationTimestamp?: string;
  };
  status?: { phase?: string; startTime?: string };
}

interface RolloutLike {
  metadata?: { name?: string; namespace?: string; uid?: string };
}

/** Labels a controller's pods carry that are the pod's own, not the controller's. */
const POD_ONLY_LABELS = [
  'pod-template-hash',
  'rollouts-pod-template-hash',
  'statefulset.kubernetes.io/pod-name',
  'controller-revision-hash',
  'batch.kubernetes.io/controller-uid',
  'controller-uid',
];

const uidOf = (seed: string) =>
  createHash('sha1')
    .update(`demo workload ${seed}`)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5');

const controllerLabels = (pods: PodLike[]) =>
  Object.fromEntries(
    Object.entries(pods[0]?.metadata?.labels ?? {}).filter(
      ([key]) => !POD_ONLY_LABELS.includes(key),
    ),
  );

const list = (
  kind: string,
  apiVersion: string,
  items: object[],
): FakeKubernetesList => ({
  kind: `${kind}List`,
  apiVersion,
  metadata: { resourceVersion: '1' },
  items,
});

/** Replica counts of a controller from its pods, as its status reports them. */
function replicaStatus(pods: PodLike[]) {
  const running = pods.filter(p => p.status?.phase === 'Running').length;
  return {
    replicas: pods.length,
    readyReplicas: running,
    availableReplicas: running,
    updatedReplicas: pods.length,
  };
}

/** The pods' controllers of one demo cluster, by the API path that lists them. */
export function derivedWorkloads(cluster: FakeCluster): FakeCluster {
  const pods = (cluster['/api/v1/pods']?.items ?? []) as PodLike[];
  const rollouts = (cluster['/apis/argoproj.io/v1alpha1/rollouts']?.items ??
    []) as RolloutLike[];

  // Pods grouped by their controller (kind, namespace, name, uid).
  const byOwner = new Map<
    string,
    { owner: OwnerReference; namespace: string; pods: PodLike[] }
  >();
  for (const pod of pods) {
    const owner = pod.metadata?.ownerReferences?.find(
      o => o.controller !== false,
    );
    if (!owner?.kind || !owner.name) continue;
    const namespace = pod.metadata?.namespace ?? 'default';
    const key = `${owner.kind}|${namespace}|${owner.name}`;
    const entry = byOwner.get(key) ?? { owner, namespace, pods: [] };
    entry.pods.push(pod);
    byOwner.set(key, entry);
  }
  const ofKind = (kind: string) =>
    [...byOwner.values()].filter(e => e.owner.kind === kind);

  const replicaSets: object[] = [];
  const deployments = new Map<
    string,
    { name: string; namespace: string; pods: PodLike[] }
  >();
  for (const { owner, namespace, pods: owned } of ofKind('ReplicaSet')) {
    const name = owner.name!;
    const rollout = rollouts.find(
      r =>
        r.metadata?.namespace === namespace &&
        r.metadata?.name &&
        name.startsWith(`${r.metadata.name}-`),
    );
    let parent: OwnerReference;
    if (rollout) {
      parent = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        name: rollout.metadata!.name,
        uid: rollout.metadata!.uid,
      };
    } else {
      const deployment = name.replace(/-[a-z0-9]+$/, '');
      const key = `${namespace}/${deployment}`;
      const entry = deployments.get(key) ?? {
        name: deployment,
        namespace,
        pods: [],
      };
      entry.pods.push(...owned);
      deployments.set(key, entry);
      parent = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: deployment,
        uid: uidOf(`Deployment ${key}`),
      };
    }
    replicaSets.push({
      metadata: {
        name,
        namespace,
        uid: owner.uid ?? uidOf(`ReplicaSet ${namespace}/${name}`),
        labels: controllerLabels(owned),
        ownerReferences: [
          { ...parent, controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: { replicas: owned.length },
      status: replicaStatus(owned),
    });
  }

  const deploymentItems = [...deployments.entries()].map(
    ([key, { name, namespace, pods: owned }]) => ({
      metadata: {
        name,
        namespace,
        uid: uidOf(`Deployment ${key}`),
        labels: controllerLabels(owned),
      },
      spec: { replicas: owned.length, strategy: { type: 'RollingUpdate' } },
      status: {
        ...replicaStatus(owned),
        conditions: [
          {
            type: 'Available',
            status: owned.every(p => p.status?.phase === 'Running')
              ? 'True'
              : 'False',
          },
        ],
      },
    }),
  );

  const jobs = ofKind('Job').map(({ owner, namespace, pods: owned }) => {
    const active = owned.filter(
      p => p.status?.phase === 'Running' || p.status?.phase === 'Pending',
    ).length;
    const startTime = owned
      .map(p => p.status?.startTime ?? p.metadata?.creationTimestamp)
      .filter(Boolean)
      .sort()[0];
    return {
      metadata: {
        name: owner.name,
        namespace,
        uid: owner.uid ?? uidOf(`Job ${namespace}/${owner.name}`),
        labels: controllerLabels(owned),
      },
      spec: { completions: 1, parallelism: 1, backoffLimit: 2 },
      status: {
        active,
        succeeded: owned.filter(p => p.status?.phase === 'Succeeded').length,
        failed: owned.filter(p => p.status?.phase === 'Failed').length,
        ...(startTime ? { startTime } : {}),
      },
    };
  });

  const statefulSets = ofKind('StatefulSet').map(
    ({ owner, namespace, pods: owned }) => ({
      metadata: {
        name: owner.name,
        namespace,
        uid: owner.uid ?? uidOf(`StatefulSet ${namespace}/${owner.name}`),
        labels: controllerLabels(owned),
      },
      spec: { replicas: owned.length, serviceName: owner.name },
      status: {
        replicas: owned.length,
        readyReplicas: replicaStatus(owned).readyReplicas,
        currentReplicas: owned.length,
      },
    }),
  );

  return {
    '/apis/apps/v1/replicasets': list('ReplicaSet', 'apps/v1', replicaSets),
    '/apis/apps/v1/deployments': list('Deployment', 'apps/v1', deploymentItems),
    '/apis/batch/v1/jobs': list('Job', 'batch/v1', jobs),
    '/apis/apps/v1/statefulsets': list('StatefulSet', 'apps/v1', statefulSets),
  };
}
