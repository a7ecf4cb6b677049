import { parse } from 'yaml';
import { KubernetesObject } from '../../validators/kubernetesObjects';
import { ClusterModel, defineRule, describe, sameKey } from '../model';
import { awsIdentity, eksctlClusterFile } from './nodeAutoscaling';

import type { Json } from '../model';

/** Where the Crossplane Helm chart runs the providers' pods. */
const crossplaneNamespace = 'crossplane-system';

/** The Crossplane providers the template uses: which groups each reconciles, and its ProviderConfig group. */
const providers = [
  {
    name: 'provider-aws-s3',
    groups: ['s3.aws.m.upbound.io'],
    configGroup: 'aws.m.upbound.io',
    package: /\/provider-aws-s3:v\d/,
  },
  {
    name: 'provider-minio',
    groups: ['minio.crossplane.io'],
    configGroup: 'minio.crossplane.io',
    package: /\/provider-minio:v\d/,
  },
];

/**
 * Crossplane 1's cluster-scoped AWS kinds (`s3.aws.upbound.io`): on a cluster
 * shared by many projects their names collide, and any project's manifests
 * can reach any other's bucket through a cluster-wide ProviderConfig.
 */
const legacyAwsGroup = /^[a-z0-9]+\.aws\.upbound\.io$/;

const groupOf = (object: KubernetesObject) =>
  object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';

function isManagedResource(object: KubernetesObject): boolean {
  const group = groupOf(object);
  return (
    (legacyAwsGroup.test(group) ||
      providers.some(p => p.groups.includes(group))) &&
    !/ProviderConfig(Usage)?$/.test(object.kind)
  );
}

/**
 * The labels the catalog entity selects its cluster objects by (what the
 * portal's reproducibility chain lists the managed resources with):
 * `backstage.io/kubernetes-label-selector` (equality terms), otherwise
 * `backstage.io/kubernetes-id`.
 */
export function entityLabels(
  model: ClusterModel,
): Record<string, string> | undefined {
  const text = model.files.get('catalog-info.yaml');
  if (!text) return undefined;
  const annotations: Json = (parse(text) as Json)?.metadata?.annotations ?? {};
  const selector: string | undefined =
    annotations['backstage.io/kubernetes-label-selector'];
  if (selector) {
    return Object.fromEntries(
      selector.split(',').map(term => {
        const [key, value] = term.split('=').map(s => s.trim());
        return [key, value ?? ''];
      }),
    );
  }
  const id = annotations['backstage.io/kubernetes-id'];
  return id ? { 'backstage.io/kubernetes-id': id } : undefined;
}

/** The S3 ARNs a policy statement names, or `*`. */
const resourcesOf = (statement: Json): string[] =>
  [statement.Resource ?? []].flat();

/**
 * Crossplane managed resources converge and stay the project's own: the
 * namespaced Crossplane 2 kinds (`*.m.upbound.io`) in a namespace, through a
 * ProviderConfig the repository creates in that namespace; references to
 * other managed resources resolve; a provider reconciles them, installed once
 * per cluster by the cluster layer (never per project); with EKS Pod Identity,
 * the provider's fixed service account has an association whose policy names
 * buckets only; and each carries the labels the catalog entity selects, so
 * the portal's reproducibility chain finds it.
 */
export const crossplaneRule = defineRule(
  'crossplane',
  'Crossplane managed resources namespaced, configured, reconciled by a cluster-layer provider and found by the portal',
  (model, report) => {
    const violation = (object: KubernetesObject, message: string) =>
      report(describe(object), message);
    const objects = model.objects;
    const clusterLayer = new Set(model.clusterLayer ?? []);
    const labels = entityLabels(model);
    const managed = objects.filter(isManagedResource);

    for (const object of objects) {
      if (
        object.kind === 'Provider' &&
        groupOf(object) === 'pkg.crossplane.io' &&
        !clusterLayer.has(object)
      ) {
        violation(
          object,
          'is cluster-wide and shared by every project: declare it in cluster-layer/ (installed once per cluster), not in the project',
        );
      }
    }

    const exists = (
      kind: string,
      group: string,
      name: string,
      namespace?: string,
    ) =>
      objects.some(
        o =>
          groupOf(o) === group &&
          sameKey(
            {
              kind: o.kind,
              name: o.metadata?.name ?? '',
              namespace: o.metadata?.namespace,
            },
            { kind, name, namespace },
          ),
      ) || model.createdByHand.some(k => sameKey(k, { kind, name, namespace }));

    for (const object of managed) {
      const group = groupOf(object);
      const spec: Json = (object as Json).spec ?? {};
      const namespace = object.metadata?.namespace;
      if (legacyAwsGroup.test(group)) {
        violation(
          object,
          `is a cluster-scoped Crossplane 1 managed resource (${group}): use the namespaced ${group.replace(
            '.aws.upbound.io',
            '.aws.m.upbound.io',
          )} kind in the project's namespace (Crossplane 2)`,
        );
        continue;
      }
      const provider = providers.find(p => p.groups.includes(group))!;
      const namespaced = group.endsWith('.m.upbound.io');
      if (namespaced && !namespace) {
        violation(
          object,
          `is a namespaced kind (${group}) without a namespace`,
        );
      }
      // The namespaced kinds default to the ClusterProviderConfig "default".
      const ref: Json =
        spec.providerConfigRef ??
        (namespaced
          ? { kind: 'ClusterProviderConfig', name: 'default' }
          : { name: 'default' });
      const refKind: string = ref.kind ?? 'ProviderConfig';
      const refNamespace =
        namespaced && refKind === 'ProviderConfig' ? namespace : undefined;
      if (!exists(refKind, provider.configGroup, ref.name, refNamespace)) {
        violation(
          object,
          `uses ${refKind} ${refNamespace ? `${refNamespace}/` : ''}${
            ref.name
          } (${
            provider.configGroup
          }), which the repository does not create: it never reconciles`,
        );
      }
      for (const [field, target] of Object.entries(spec.forProvider ?? {})) {
        const match = /^(.+)Ref$/.exec(field);
        if (
          !match ||
          !target ||
          typeof target !== 'object' ||
          !(target as Json).name
        )
          continue;
        const kind = match[1][0].toUpperCase() + match[1].slice(1);
        const refNs = namespaced
          ? (target as Json).namespace ?? namespace
          : undefined;
        if (!exists(kind, group, (target as Json).name, refNs)) {
          violation(
            object,
            `forProvider.${field} names ${kind} ${
              (target as Json).name
            }, which the repository does not create`,
          );
        }
      }
      // Removing the manifests must never delete the project's data: the
      // bucket keeps Delete out of its management policies (their default,
      // "*", includes it) or, for the cluster-scoped kinds, orphans it.
      if (object.kind === 'Bucket') {
        const policies: string[] | undefined = spec.managementPolicies;
        const deletes = namespaced
          ? (policies ?? ['*']).some(p => p === '*' || p === 'Delete')
          : (spec.deletionPolicy ?? 'Delete') === 'Delete';
        if (deletes) {
          violation(
            object,
            namespaced
              ? `its management policies (${(policies ?? ['* (default)']).join(
                  ', ',
                )}) include Delete: removing the manifest deletes the bucket and the model history in it`
              : 'its deletionPolicy is Delete: removing the manifest deletes the bucket and the model history in it',
          );
        }
      }
      const installed = objects.filter(
        o =>
          o.kind === 'Provider' &&
          clusterLayer.has(o) &&
          provider.package.test(String((o as Json).spec?.package ?? '')),
      );
      if (installed.length === 0) {
        violation(
          object,
          `no Crossplane provider reconciles ${group}: the cluster layer installs no ${provider.name}`,
        );
      }
      if (labels) {
        const own: Record<string, string> =
          (object as Json).metadata?.labels ?? {};
        const missing = Object.entries(labels).filter(([k, v]) => own[k] !== v);
        if (missing.length > 0) {
          violation(
            object,
            `carries no label ${missing
              .map(([k, v]) => `${k}=${v}`)
              .join(
                ', ',
              )}: the portal's reproducibility chain (Infrastructure) does not find it`,
          );
        }
      }
    }

    // EKS Pod Identity (or IRSA) for the AWS provider: keyed by the service
    // account, so the provider needs a fixed one, associated with a role whose
    // policy names buckets (never every S3 resource).
    const cluster = model.files.get(eksctlClusterFile);
    const ambient = objects.filter(
      o =>
        o.kind === 'ProviderConfig' &&
        groupOf(o) === 'aws.m.upbound.io' &&
        ['PodIdentity', 'IRSA'].includes((o as Json).spec?.credentials?.source),
    );
    if (cluster && ambient.length > 0) {
      const eksctl = parse(cluster) as Json;
      for (const provider of objects.filter(
        o =>
          o.kind === 'Provider' &&
          /\/provider-aws-s3:/.test(String((o as Json).spec?.package ?? '')),
      )) {
        const runtimeName = (provider as Json).spec?.runtimeConfigRef?.name;
        const runtime = objects.find(
          o =>
            o.kind === 'DeploymentRuntimeConfig' &&
            o.metadata?.name === runtimeName,
        ) as Json | undefined;
        const serviceAccount: string | undefined =
          runtime?.spec?.serviceAccountTemplate?.metadata?.name;
        if (!serviceAccount) {
          violation(
            provider,
            `has no DeploymentRuntimeConfig naming its service account: the name is generated per package revision, so ${ambient
              .map(describe)
              .join(', ')} (${
              (ambient[0] as Json).spec.credentials.source
            }) gets no AWS identity`,
          );
          continue;
        }
        const policy = awsIdentity(eksctl, crossplaneNamespace, serviceAccount);
        if (!policy) {
          violation(
            provider,
            `service account ${crossplaneNamespace}/${serviceAccount} has no Pod Identity association or IRSA role in ${eksctlClusterFile}: the provider gets no AWS credentials`,
          );
          continue;
        }
        for (const statement of (policy.Statement ?? []) as Json[]) {
          const broad = resourcesOf(statement).filter(
            r => !/^arn:aws:s3:::[a-z0-9][a-z0-9.-]+(\/.*)?$/.test(r),
          );
          if (
            statement.Effect === 'Allow' &&
            (broad.length > 0 || resourcesOf(statement).length === 0)
          ) {
            violation(
              provider,
              `the IAM policy of ${crossplaneNamespace}/${serviceAccount} allows ${[
                statement.Action,
              ]
                .flat()
                .join(', ')} on ${
                broad.join(', ') || 'no named resource'
              }: not scoped to buckets`,
            );
          }
        }
      }
    }
  },
);
