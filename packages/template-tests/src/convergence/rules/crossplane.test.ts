import { parseAllDocuments } from 'yaml';
import { crossplaneRule } from './crossplane';
import { goodProject } from '../__fixtures__/goodProject';
import { messages } from '../__fixtures__/breaks';
import { KubernetesObject } from '../../validators/kubernetesObjects';
import { ClusterModel } from '../model';

import type { Json } from '../model';

const yamlObjects = (text: string) =>
  parseAllDocuments(text).map(d => d.toJS() as KubernetesObject);

const labels = '{ app.kubernetes.io/part-of: demo }';

/** The S3 part of a render as the template generates it (eksctl, Pod Identity). */
function crossplaneProject(): ClusterModel {
  const model = goodProject();
  model.objects.push(
    ...yamlObjects(`
apiVersion: aws.m.upbound.io/v1beta1
kind: ProviderConfig
metadata: { name: aws, namespace: demo, labels: ${labels} }
spec: { credentials: { source: PodIdentity } }
---
apiVersion: s3.aws.m.upbound.io/v1beta1
kind: Bucket
metadata: { name: demo-artifacts, namespace: demo, labels: ${labels} }
spec:
  managementPolicies: [Observe, Create, Update, LateInitialize]
  forProvider: { region: eu-west-1 }
  providerConfigRef: { kind: ProviderConfig, name: aws }
---
apiVersion: s3.aws.m.upbound.io/v1beta1
kind: BucketVersioning
metadata: { name: demo-artifacts-versioning, namespace: demo, labels: ${labels} }
spec:
  forProvider:
    region: eu-west-1
    bucketRef: { name: demo-artifacts }
    versioningConfiguration: { status: Enabled }
  providerConfigRef: { kind: ProviderConfig, name: aws }
`),
  );
  model.clusterLayer = yamlObjects(`
apiVersion: pkg.crossplane.io/v1beta1
kind: DeploymentRuntimeConfig
metadata: { name: provider-aws-s3 }
spec:
  serviceAccountTemplate: { metadata: { name: provider-aws-s3 } }
---
apiVersion: pkg.crossplane.io/v1
kind: Provider
metadata: { name: provider-aws-s3 }
spec:
  package: xpkg.upbound.io/upbound/provider-aws-s3:v2.6.0
  runtimeConfigRef: { name: provider-aws-s3 }
`);
  model.objects.push(...model.clusterLayer);
  model.files.set(
    'catalog-info.yaml',
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: demo
  annotations:
    backstage.io/kubernetes-id: demo
    backstage.io/kubernetes-label-selector: app.kubernetes.io/part-of=demo
`,
  );
  model.files.set(
    'control-plane/cluster/eks-cluster.yaml',
    `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: { name: ml-platform, region: eu-west-1 }
iam:
  podIdentityAssociations:
    - namespace: crossplane-system
      serviceAccountName: provider-aws-s3
      roleName: ml-platform-crossplane-provider-aws-s3
      permissionPolicy:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Action: ["s3:*"], Resource: ["arn:aws:s3:::demo-artifacts"] }
`,
  );
  return model;
}

const find = (model: ClusterModel, kind: string, name: string) =>
  model.objects.find(o => o.kind === kind && o.metadata?.name === name) as Json;

const bucketOf = (model: ClusterModel) =>
  find(model, 'Bucket', 'demo-artifacts');

/** What the rule reports on the S3 render after `change`. */
function reported(change: (model: ClusterModel) => void): string[] {
  const model = crossplaneProject();
  change(model);
  return messages(crossplaneRule, model);
}

describe('crossplane rule', () => {
  it('passes namespaced managed resources with their ProviderConfig, a cluster-layer provider and Pod Identity', () => {
    expect(messages(crossplaneRule, crossplaneProject())).toEqual([]);
    // A render without Crossplane has nothing to check.
    expect(messages(crossplaneRule, goodProject())).toEqual([]);
  });

  it('fails a cluster-scoped Crossplane 1 bucket', () => {
    const model = crossplaneProject();
    const bucket = find(model, 'Bucket', 'demo-artifacts');
    bucket.apiVersion = 's3.aws.upbound.io/v1beta2';
    delete bucket.metadata.namespace;
    expect(messages(crossplaneRule, model)).toEqual([
      "Bucket demo-artifacts: is a cluster-scoped Crossplane 1 managed resource (s3.aws.upbound.io): use the namespaced s3.aws.m.upbound.io kind in the project's namespace (Crossplane 2)",
      // The versioning's bucketRef no longer finds it in its namespace.
      'BucketVersioning demo/demo-artifacts-versioning: forProvider.bucketRef names Bucket demo-artifacts, which the repository does not create',
    ]);
  });

  it('fails a managed resource whose ProviderConfig is missing, in another namespace, or left to the default', () => {
    const model = crossplaneProject();
    find(model, 'ProviderConfig', 'aws').metadata.namespace = 'other';
    delete find(model, 'BucketVersioning', 'demo-artifacts-versioning').spec
      .providerConfigRef;
    expect(messages(crossplaneRule, model)).toEqual([
      'Bucket demo/demo-artifacts: uses ProviderConfig demo/aws (aws.m.upbound.io), which the repository does not create: it never reconciles',
      'BucketVersioning demo/demo-artifacts-versioning: uses ClusterProviderConfig default (aws.m.upbound.io), which the repository does not create: it never reconciles',
    ]);
  });

  it('fails a namespaced kind without a namespace', () => {
    expect(
      reported(model => delete bucketOf(model).metadata.namespace),
    ).toContain(
      'Bucket demo-artifacts: is a namespaced kind (s3.aws.m.upbound.io) without a namespace',
    );
  });

  it('fails a provider declared per project, and managed resources no cluster-layer provider reconciles', () => {
    expect(reported(model => (model.clusterLayer = []))).toEqual([
      'Provider provider-aws-s3: is cluster-wide and shared by every project: declare it in cluster-layer/ (installed once per cluster), not in the project',
      'Bucket demo/demo-artifacts: no Crossplane provider reconciles s3.aws.m.upbound.io: the cluster layer installs no provider-aws-s3',
      'BucketVersioning demo/demo-artifacts-versioning: no Crossplane provider reconciles s3.aws.m.upbound.io: the cluster layer installs no provider-aws-s3',
    ]);
  });

  it('fails a bucket that removing its manifest would delete', () => {
    expect(
      reported(model => delete bucketOf(model).spec.managementPolicies),
    ).toEqual([
      'Bucket demo/demo-artifacts: its management policies (* (default)) include Delete: removing the manifest deletes the bucket and the model history in it',
    ]);
    const withDelete = ['Observe', 'Create', 'Delete'];
    expect(
      reported(model => (bucketOf(model).spec.managementPolicies = withDelete)),
    ).toEqual([
      'Bucket demo/demo-artifacts: its management policies (Observe, Create, Delete) include Delete: removing the manifest deletes the bucket and the model history in it',
    ]);
  });

  it('fails a bucket without the label the catalog entity selects (the reproducibility chain shows "unknown")', () => {
    expect(reported(model => delete bucketOf(model).metadata.labels)).toEqual([
      "Bucket demo/demo-artifacts: carries no label app.kubernetes.io/part-of=demo: the portal's reproducibility chain (Infrastructure) does not find it",
    ]);
  });

  it('fails Pod Identity without a fixed service account, without an association, or with a policy on every S3 resource', () => {
    const noName = crossplaneProject();
    delete find(noName, 'DeploymentRuntimeConfig', 'provider-aws-s3').spec
      .serviceAccountTemplate;
    expect(messages(crossplaneRule, noName)).toEqual([
      'Provider provider-aws-s3: has no DeploymentRuntimeConfig naming its service account: the name is generated per package revision, so ProviderConfig demo/aws (PodIdentity) gets no AWS identity',
    ]);

    const noAssociation = crossplaneProject();
    noAssociation.files.set(
      'control-plane/cluster/eks-cluster.yaml',
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: { name: ml-platform, region: eu-west-1 }\n',
    );
    expect(messages(crossplaneRule, noAssociation)).toEqual([
      'Provider provider-aws-s3: service account crossplane-system/provider-aws-s3 has no Pod Identity association or IRSA role in control-plane/cluster/eks-cluster.yaml: the provider gets no AWS credentials',
    ]);

    const broad = crossplaneProject();
    broad.files.set(
      'control-plane/cluster/eks-cluster.yaml',
      broad.files
        .get('control-plane/cluster/eks-cluster.yaml')!
        .replace('["arn:aws:s3:::demo-artifacts"]', '"*"'),
    );
    expect(messages(crossplaneRule, broad)).toEqual([
      'Provider provider-aws-s3: the IAM policy of crossplane-system/provider-aws-s3 allows s3:* on *: not scoped to buckets',
    ]);
  });
});
