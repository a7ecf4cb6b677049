import { parse } from 'yaml';
import { ClusterModel, defineRule, describe } from '../model';
import { chartReleases } from '../clusterProvided';

import type { Json } from '../model';

/** eksctl's cluster files of a generated repository (options/eksctl). */
export const eksctlClusterFile = 'control-plane/cluster/eks-cluster.yaml';
export const eksctlNodeGroupsFile = 'control-plane/cluster/nodegroup.yaml';

const autoscalerTag = 'k8s.io/cluster-autoscaler/node-template';
const gpuResource = 'nvidia.com/gpu';

/** Autoscaling actions that change capacity: only on this cluster's groups. */
const mutatingActions = [
  'autoscaling:SetDesiredCapacity',
  'autoscaling:TerminateInstanceInAutoScalingGroup',
];

function parseFile(model: ClusterModel, file: string): Json | undefined {
  const text = model.files.get(file);
  return text === undefined ? undefined : (parse(text) as Json);
}

function isGpuGroup(group: Json): boolean {
  return (
    (group.taints ?? []).some((t: Json) => t.key === gpuResource) ||
    Object.keys(group.labels ?? {}).some(l => l.startsWith('nvidia.com/'))
  );
}

/**
 * What the Cluster Autoscaler must know of a group scaled to zero (no node to
 * look at): a GPU (the node-template resources tag) and, on the Auto Scaling
 * group, its labels and taints. Managed node groups' tags reach the Auto
 * Scaling group only with eksctl's `propagateASGTags` (which also copies the
 * labels and taints as node-template tags).
 * https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#auto-discovery-setup
 */
function scaleFromZero(group: Json, managed: boolean): string[] {
  const tags: Json = group.tags ?? {};
  const problems: string[] = [];
  if (!tags[`${autoscalerTag}/resources/${gpuResource}`]) {
    problems.push(
      `has no ${autoscalerTag}/resources/${gpuResource} tag: the autoscaler does not know its nodes have GPUs`,
    );
  }
  if (managed && group.propagateASGTags !== true) {
    problems.push(
      'is a managed node group without propagateASGTags: its tags, labels and taints never reach the Auto Scaling group',
    );
  }
  if (!managed) {
    for (const taint of group.taints ?? []) {
      if (!tags[`${autoscalerTag}/taint/${taint.key}`]) {
        problems.push(
          `has no ${autoscalerTag}/taint/${taint.key} tag: the autoscaler thinks a new node tolerates nothing`,
        );
      }
    }
  }
  return problems;
}

/** Where a service account gets AWS credentials from eksctl: Pod Identity or IRSA (its policy), or undefined. */
export function awsIdentity(
  cluster: Json,
  namespace: string,
  serviceAccount: string,
): Json | undefined {
  const iam: Json = cluster.iam ?? {};
  const association = (iam.podIdentityAssociations ?? []).find(
    (a: Json) =>
      a.namespace === namespace && a.serviceAccountName === serviceAccount,
  );
  if (association) return association.permissionPolicy ?? {};
  const irsa = (iam.serviceAccounts ?? []).find(
    (a: Json) =>
      a.metadata?.namespace === namespace &&
      a.metadata?.name === serviceAccount,
  );
  return irsa ? irsa.attachPolicy ?? {} : undefined;
}

function policyProblems(policy: Json, clusterName: string): string[] {
  const problems: string[] = [];
  const statements: Json[] = policy.Statement ?? [];
  const actions = (s: Json): string[] => [s.Action ?? []].flat();
  for (const s of statements) {
    if (actions(s).some(a => a === '*' || a === 'autoscaling:*')) {
      problems.push(
        `its policy allows ${actions(s).join(', ')}: not least privilege`,
      );
    }
  }
  for (const action of mutatingActions) {
    const allowing = statements.filter(
      s => s.Effect === 'Allow' && actions(s).includes(action),
    );
    if (allowing.length === 0) {
      problems.push(`its policy does not allow ${action}: it cannot scale`);
    }
    const tagKey = `aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`;
    for (const s of allowing) {
      if (s.Condition?.StringEquals?.[tagKey] !== 'owned') {
        problems.push(
          `its policy allows ${action} on every Auto Scaling group, not only the ones tagged ${tagKey}=owned`,
        );
      }
    }
  }
  return problems;
}

/**
 * Node groups that may scale (min < max; a GPU group at min 0 above all) have
 * an autoscaler the repository installs (Cluster Autoscaler or Karpenter);
 * the Cluster Autoscaler discovers this cluster's groups, gets its AWS
 * credentials from Pod Identity or IRSA with a least-privilege policy, and a
 * GPU group at zero tells it what a new node would have.
 */
export const nodeAutoscalingRule = defineRule(
  'node-autoscaling',
  'scalable node groups (GPU from zero) have an autoscaler the repository installs',
  (model, report) => {
    const nodeGroups = parseFile(model, eksctlNodeGroupsFile);
    if (!nodeGroups) return;
    const cluster = parseFile(model, eksctlClusterFile) ?? {};
    const clusterName: string = nodeGroups.metadata?.name ?? '';
    const groups: { group: Json; managed: boolean }[] = [
      ...(nodeGroups.managedNodeGroups ?? []).map((group: Json) => ({
        group,
        managed: true,
      })),
      ...(nodeGroups.nodeGroups ?? []).map((group: Json) => ({
        group,
        managed: false,
      })),
    ];
    const scalable = groups.filter(
      ({ group }) => Number(group.minSize) < Number(group.maxSize),
    );
    if (scalable.length === 0) return;
    const releases = chartReleases(model);
    const autoscalers = releases.filter(r => r.chart === 'cluster-autoscaler');
    const karpenter = releases.some(r => r.chart === 'karpenter');
    if (autoscalers.length === 0 && !karpenter) {
      scalable.forEach(({ group }) =>
        report(
          `node group ${group.name} (${eksctlNodeGroupsFile})`,
          `scales between ${group.minSize} and ${
            group.maxSize
          } but the repository installs no Cluster Autoscaler or Karpenter: it stays at ${
            group.minSize
          } nodes${
            Number(group.minSize) === 0
              ? ' and a pending pod never gets one'
              : ''
          }`,
        ),
      );
      return;
    }
    for (const { group, managed } of scalable) {
      if (Number(group.minSize) === 0 && isGpuGroup(group)) {
        for (const problem of scaleFromZero(group, managed)) {
          report(
            `node group ${group.name} (${eksctlNodeGroupsFile})`,
            `scales from zero but ${problem}`,
          );
        }
      }
    }
    for (const release of autoscalers) {
      const subject = `Helm release ${release.namespace}/${
        release.releaseName
      } (${describe(release.owner)})`;
      const values = release.values as Json;
      if (values.autoDiscovery?.clusterName !== clusterName) {
        report(
          subject,
          `autoDiscovery.clusterName is ${
            values.autoDiscovery?.clusterName ?? 'not set'
          }, not the cluster ${clusterName}: it discovers no node group`,
        );
      }
      const serviceAccount: string = values.rbac?.serviceAccount?.name ?? '';
      const policy = awsIdentity(
        cluster,
        release.namespace ?? '',
        serviceAccount,
      );
      if (!policy) {
        report(
          subject,
          `its service account ${release.namespace}/${
            serviceAccount || '(chart default)'
          } has no Pod Identity association or IRSA role in ${eksctlClusterFile}: it cannot call AWS`,
        );
      } else {
        policyProblems(policy, clusterName).forEach(p => report(subject, p));
      }
    }
  },
);
