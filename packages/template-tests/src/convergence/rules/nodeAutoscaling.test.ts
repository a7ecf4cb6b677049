import { stringify } from 'yaml';
import { ClusterModel } from '../model';
import { addObjects, messages } from '../__fixtures__/breaks';
import {
  eksctlClusterFile,
  eksctlNodeGroupsFile,
  nodeAutoscalingRule,
} from './nodeAutoscaling';

import type { Json } from '../model';

const gpuGroup = (): Json => ({
  name: 'demo-gpu',
  instanceType: 'g5.xlarge',
  minSize: 0,
  maxSize: 3,
  labels: { workload: 'gpu', 'nvidia.com/gpu.present': 'true' },
  taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
  propagateASGTags: true,
  tags: {
    'k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu': '1',
  },
});

const policy = (): Json => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'autoscaling:SetDesiredCapacity',
        'autoscaling:TerminateInstanceInAutoScalingGroup',
      ],
      Resource: '*',
      Condition: {
        StringEquals: {
          'aws:ResourceTag/k8s.io/cluster-autoscaler/ml-cluster': 'owned',
        },
      },
    },
    {
      Effect: 'Allow',
      Action: [
        'autoscaling:DescribeAutoScalingGroups',
        'eks:DescribeNodegroup',
      ],
      Resource: '*',
    },
  ],
});

const autoscaler = (values: Json) => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'cluster-autoscaler', namespace: 'flux-system' },
  spec: {
    releaseName: 'cluster-autoscaler',
    targetNamespace: 'kube-system',
    chart: { spec: { chart: 'cluster-autoscaler' } },
    values,
  },
});

const goodValues = (): Json => ({
  autoDiscovery: { clusterName: 'ml-cluster' },
  rbac: { serviceAccount: { name: 'cluster-autoscaler' } },
});

/** An eksctl cluster with a GPU group at min 0 and the repository's Cluster Autoscaler. */
function eksctlProject(
  change: {
    group?: (g: Json) => void;
    policy?: (p: Json) => void;
    values?: (v: Json) => void;
    noAssociation?: boolean;
  } = {},
  objects: Json[] = [autoscaler(goodValues())],
): ClusterModel {
  const group = gpuGroup();
  change.group?.(group);
  const permissionPolicy = policy();
  change.policy?.(permissionPolicy);
  for (const o of objects) change.values?.(o.spec.values);
  const model = addObjects(...objects);
  model.files.set(
    eksctlNodeGroupsFile,
    stringify({
      apiVersion: 'eksctl.io/v1alpha5',
      kind: 'ClusterConfig',
      metadata: { name: 'ml-cluster' },
      managedNodeGroups: [group],
    }),
  );
  model.files.set(
    eksctlClusterFile,
    stringify({
      apiVersion: 'eksctl.io/v1alpha5',
      kind: 'ClusterConfig',
      metadata: { name: 'ml-cluster' },
      iam: {
        podIdentityAssociations: change.noAssociation
          ? []
          : [
              {
                namespace: 'kube-system',
                serviceAccountName: 'cluster-autoscaler',
                permissionPolicy,
              },
            ],
      },
    }),
  );
  return model;
}

describe('node autoscaling rule', () => {
  const release =
    'Helm release kube-system/cluster-autoscaler (HelmRelease flux-system/cluster-autoscaler)';
  const group = `node group demo-gpu (${eksctlNodeGroupsFile})`;

  it('passes a GPU group at zero with the Cluster Autoscaler, its Pod Identity and a scoped policy', () => {
    expect(messages(nodeAutoscalingRule, eksctlProject())).toEqual([]);
  });

  it('fails a GPU group at zero when the repository installs no autoscaler', () => {
    expect(messages(nodeAutoscalingRule, eksctlProject({}, []))).toEqual([
      `${group}: scales between 0 and 3 but the repository installs no Cluster Autoscaler or Karpenter: it stays at 0 nodes and a pending pod never gets one`,
    ]);
  });

  it('passes a fixed-size group without an autoscaler', () => {
    const model = eksctlProject(
      { group: g => Object.assign(g, { minSize: 2, maxSize: 2 }) },
      [],
    );
    expect(messages(nodeAutoscalingRule, model)).toEqual([]);
  });

  it('fails a GPU group at zero that does not tell the autoscaler about its GPUs, or keeps its tags off the Auto Scaling group', () => {
    const model = eksctlProject({
      group: g => {
        g.tags = {};
        delete g.propagateASGTags;
      },
    });
    expect(messages(nodeAutoscalingRule, model)).toEqual([
      `${group}: scales from zero but has no k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu tag: the autoscaler does not know its nodes have GPUs`,
      `${group}: scales from zero but is a managed node group without propagateASGTags: its tags, labels and taints never reach the Auto Scaling group`,
    ]);
  });

  it('fails an autoscaler that discovers another cluster or has no AWS identity', () => {
    expect(
      messages(
        nodeAutoscalingRule,
        eksctlProject({ values: v => (v.autoDiscovery.clusterName = 'other') }),
      ),
    ).toEqual([
      `${release}: autoDiscovery.clusterName is other, not the cluster ml-cluster: it discovers no node group`,
    ]);
    expect(
      messages(nodeAutoscalingRule, eksctlProject({ noAssociation: true })),
    ).toEqual([
      `${release}: its service account kube-system/cluster-autoscaler has no Pod Identity association or IRSA role in ${eksctlClusterFile}: it cannot call AWS`,
    ]);
  });

  it('fails a policy that scales every Auto Scaling group or allows autoscaling:*', () => {
    expect(
      messages(
        nodeAutoscalingRule,
        eksctlProject({ policy: p => delete p.Statement[0].Condition }),
      ),
    ).toEqual([
      `${release}: its policy allows autoscaling:SetDesiredCapacity on every Auto Scaling group, not only the ones tagged aws:ResourceTag/k8s.io/cluster-autoscaler/ml-cluster=owned`,
      `${release}: its policy allows autoscaling:TerminateInstanceInAutoScalingGroup on every Auto Scaling group, not only the ones tagged aws:ResourceTag/k8s.io/cluster-autoscaler/ml-cluster=owned`,
    ]);
    expect(
      messages(
        nodeAutoscalingRule,
        eksctlProject({
          policy: p => (p.Statement[1].Action = 'autoscaling:*'),
        }),
      ),
    ).toEqual([
      `${release}: its policy allows autoscaling:*: not least privilege`,
    ]);
  });
});
