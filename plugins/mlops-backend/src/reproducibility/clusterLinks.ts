import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ARGOCD_APP_NAME,
  ANNOTATION_FLUX_KUSTOMIZATION,
  ChainLinkDetail,
  ChainLinkStatus,
} from '@mlops-portal/plugin-mlops-common';
import { optionalAnnotation } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';
import {
  clusterErrorOf,
  listClusters,
  listInCluster,
} from '../kubernetes/clusters';
import { KubernetesConditions } from '../kubernetes/conditions';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { entitySelection } from '../kubernetes/entitySelection';
import { FetchedAt } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';
import { LinkBody, short, worstOf } from './link';

/** What the cluster links need: the Kubernetes backend through the resilience layer. */
export interface ClusterAccess {
  caller: ResilientCaller;
  kubernetes: KubernetesClient;
  fetchedAt: FetchedAt;
}

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** `namespace/name` or `name` of an annotation, validated (it ends up in a URL). */
function objectRef(
  entity: Entity,
  annotation: string,
  defaultNamespace: string,
) {
  const value = optionalAnnotation(entity, annotation);
  if (!value) return undefined;
  const [namespace, name] = value.includes('/')
    ? value.split('/', 2)
    : [defaultNamespace, value];
  if (!NAME.test(namespace) || !NAME.test(name)) {
    throw new MlopsError(
      'InvalidInput',
      `${annotation} '${value}' is not a namespace/name`,
      { annotation },
    );
  }
  return { namespace, name };
}

/** Every cluster's objects at `path`, and the clusters that could not be read. */
async function listEverywhere<T>(access: ClusterAccess, path: string) {
  const clusters = access.fetchedAt.track(
    await listClusters(access.caller, access.kubernetes),
  );
  const found: Array<{ cluster: string; object: T }> = [];
  const errors: Array<{ cluster: string; message: string }> = [];
  await Promise.all(
    clusters.map(async cluster => {
      try {
        const items = access.fetchedAt.track(
          await listInCluster<T>(
            access.caller,
            access.kubernetes,
            cluster,
            path,
          ),
        );
        found.push(...items.map(object => ({ cluster, object })));
      } catch (error) {
        errors.push({ cluster, message: clusterErrorOf(error).message });
      }
    }),
  );
  found.sort((a, b) => a.cluster.localeCompare(b.cluster));
  return { found, errors, clusters };
}

interface ArgoApplicationLike {
  metadata?: { name?: string };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    operationState?: { phase?: string; message?: string; finishedAt?: string };
    reconciledAt?: string;
  };
}

interface FluxKustomizationLike {
  metadata?: { name?: string };
  status?: {
    conditions?: KubernetesConditions;
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
  };
}

/** `main@sha1:<sha>` (Flux 2) or a bare sha: the commit. */
const revisionSha = (revision: string | undefined) =>
  revision?.match(/([0-9a-f]{40})$/)?.[1];

function revisionDetail(
  applied: string | undefined,
  head: string | undefined,
): { status: ChainLinkStatus; text: string } {
  if (!applied)
    return { status: 'warning', text: 'no applied revision reported' };
  if (!head)
    return { status: 'ok', text: `applied ${short(applied)} (head unknown)` };
  return applied === head
    ? { status: 'ok', text: `applied ${short(applied)} = head` }
    : {
        status: 'warning',
        text: `applied ${short(applied)}, head is ${short(head)}: behind`,
      };
}

function argoStatus(app: ArgoApplicationLike, head: string | undefined) {
  const sync = app.status?.sync?.status ?? 'Unknown';
  const health = app.status?.health?.status ?? 'Unknown';
  const operation = app.status?.operationState?.phase;
  const revision = revisionDetail(app.status?.sync?.revision, head);
  let status: ChainLinkStatus = revision.status;
  if (sync !== 'Synced' || health === 'Progressing' || health === 'Suspended')
    status = worstOf([status, 'warning']);
  if (
    health === 'Degraded' ||
    health === 'Missing' ||
    operation === 'Failed' ||
    operation === 'Error'
  )
    status = 'failing';
  if (sync === 'Unknown' && health === 'Unknown') status = 'unknown';
  const message =
    app.status?.operationState?.message ?? app.status?.health?.message;
  return {
    status,
    text: `${sync}, ${health}${
      operation && operation !== 'Succeeded' ? `, last sync ${operation}` : ''
    }; ${revision.text}${
      status === 'failing' && message ? `: ${message}` : ''
    }`,
    at: app.status?.operationState?.finishedAt ?? app.status?.reconciledAt,
  };
}

function fluxStatus(
  kustomization: FluxKustomizationLike,
  head: string | undefined,
) {
  const ready = kustomization.status?.conditions?.find(c => c.type === 'Ready');
  const applied = revisionSha(kustomization.status?.lastAppliedRevision);
  const revision = revisionDetail(applied, head);
  let status: ChainLinkStatus = revision.status;
  if (ready?.status === 'False') status = 'failing';
  else if (ready?.status !== 'True') status = worstOf([status, 'warning']);
  return {
    status,
    text: `Ready ${ready?.status ?? 'Unknown'}${
      ready?.reason ? ` (${ready.reason})` : ''
    }; ${revision.text}${
      status === 'failing' && ready?.message ? `: ${ready.message}` : ''
    }`,
    at: ready?.lastTransitionTime,
  };
}

/**
 * The GitOps link: the Argo CD Application (`argocd/app-name`) or Flux
 * Kustomization (`fluxcd.io/kustomization`) in every cluster the Kubernetes
 * backend knows: sync and health (Ready), and whether the applied revision
 * is the head commit.
 */
export async function gitopsLink(
  entity: Entity,
  access: ClusterAccess,
  head: string | undefined,
): Promise<LinkBody> {
  const argo = objectRef(entity, ANNOTATION_ARGOCD_APP_NAME, 'argocd');
  const flux = argo
    ? undefined
    : objectRef(entity, ANNOTATION_FLUX_KUSTOMIZATION, 'flux-system');
  const ref = argo ?? flux;
  if (!ref) {
    throw new MlopsError(
      'NotConfigured',
      `annotation missing: ${ANNOTATION_ARGOCD_APP_NAME} (Argo CD) or ${ANNOTATION_FLUX_KUSTOMIZATION} (Flux) names the project's GitOps object`,
      { annotation: ANNOTATION_ARGOCD_APP_NAME },
    );
  }
  const kind = argo ? 'Application' : 'Kustomization';
  const path = argo
    ? `/apis/argoproj.io/v1alpha1/namespaces/${ref.namespace}/applications`
    : `/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${ref.namespace}/kustomizations`;
  const { found, errors } = await listEverywhere<
    ArgoApplicationLike & FluxKustomizationLike
  >(access, path);
  const mine = found.filter(f => f.object.metadata?.name === ref.name);
  const label = `${kind} ${ref.namespace}/${ref.name}`;
  const errorDetails: ChainLinkDetail[] = errors.map(e => ({
    label: `cluster ${e.cluster}`,
    value: e.message,
    status: 'unknown',
  }));
  if (mine.length === 0) {
    if (errors.length) {
      throw new MlopsError(
        'UpstreamUnavailable',
        `${label}: not found in the clusters read; ${errors
          .map(e => e.cluster)
          .join(', ')} could not be read`,
        {
          upstream: 'kubernetes',
        },
      );
    }
    return {
      status: 'failing',
      reason: `${label} exists in no cluster`,
      details: [],
    };
  }
  const states = mine.map(({ cluster, object }) => ({
    cluster,
    ...(argo ? argoStatus(object, head) : fluxStatus(object, head)),
  }));
  const status = worstOf(states.map(s => s.status));
  const worst = states.find(s => s.status === status) ?? states[0];
  return {
    status,
    reason: `${label} on ${worst.cluster}: ${worst.text}`,
    ...(worst.at ? { at: worst.at } : {}),
    details: [
      ...states.map(s => ({
        label: `cluster ${s.cluster}`,
        value: s.text,
        status: s.status,
      })),
      ...errorDetails,
    ],
  };
}

/**
 * Crossplane managed resources the template creates: the Crossplane 2
 * namespaced S3 kinds (`s3.aws.m.upbound.io`, listed across namespaces), the
 * cluster-scoped ones of projects created before them, and MinIO's
 * (cluster-scoped only). A cluster without a kind's CRD answers 404: none.
 */
export const CROSSPLANE_RESOURCES = [
  '/apis/s3.aws.m.upbound.io/v1beta1/buckets',
  '/apis/s3.aws.m.upbound.io/v1beta1/bucketversionings',
  '/apis/s3.aws.m.upbound.io/v1beta1/bucketserversideencryptionconfigurations',
  '/apis/s3.aws.m.upbound.io/v1beta1/bucketpublicaccessblocks',
  '/apis/s3.aws.upbound.io/v1beta2/buckets',
  '/apis/s3.aws.upbound.io/v1beta2/bucketversionings',
  '/apis/s3.aws.upbound.io/v1beta2/bucketserversideencryptionconfigurations',
  '/apis/s3.aws.upbound.io/v1beta1/bucketpublicaccessblocks',
  '/apis/minio.crossplane.io/v1/buckets',
];

interface ManagedResourceLike {
  kind?: string;
  metadata?: { name?: string };
  status?: { conditions?: KubernetesConditions };
}

/**
 * The infrastructure link: Ready and Synced of the project's Crossplane
 * managed resources (selected by the entity's labels, as the other cards).
 */
export async function infrastructureLink(
  entity: Entity,
  access: ClusterAccess,
): Promise<LinkBody> {
  const selection = entitySelection(entity, 'reproducibility card');
  const query = `?labelSelector=${encodeURIComponent(selection.labelSelector)}`;
  const lists = await Promise.all(
    CROSSPLANE_RESOURCES.map(async path => {
      const resource = path.split('/').pop()!;
      const answer = await listEverywhere<ManagedResourceLike>(
        access,
        `${path}${query}`,
      );
      return { resource, ...answer };
    }),
  );
  const details: ChainLinkDetail[] = [];
  const errors = new Map<string, string>();
  for (const list of lists) {
    list.errors.forEach(e => errors.set(e.cluster, e.message));
    for (const { cluster, object } of list.found) {
      const condition = (type: string) =>
        object.status?.conditions?.find(c => c.type === type);
      const ready = condition('Ready');
      const synced = condition('Synced');
      let status: ChainLinkStatus = 'ok';
      if (ready?.status === 'False' || synced?.status === 'False')
        status = 'failing';
      else if (ready?.status !== 'True' || synced?.status !== 'True')
        status = 'warning';
      const bad = [ready, synced].find(c => c?.status === 'False');
      details.push({
        label: `${list.resource} ${object.metadata?.name ?? ''} (${cluster})`,
        value: `Ready ${ready?.status ?? 'Unknown'}, Synced ${
          synced?.status ?? 'Unknown'
        }${
          bad
            ? `: ${bad.reason ?? ''}${bad.message ? ` ${bad.message}` : ''}`
            : ''
        }`,
        status,
      });
    }
  }
  details.push(
    ...[...errors].map(([cluster, message]) => ({
      label: `cluster ${cluster}`,
      value: message,
      status: 'unknown' as const,
    })),
  );
  const resources = details.filter(d => !d.label.startsWith('cluster '));
  if (resources.length === 0) {
    if (errors.size) {
      throw new MlopsError(
        'UpstreamUnavailable',
        `Crossplane resources: ${[...errors.keys()].join(
          ', ',
        )} could not be read`,
        {
          upstream: 'kubernetes',
        },
      );
    }
    return {
      status: 'unknown',
      reason: `no Crossplane managed resources carry ${selection.labelSelector} (storage made by Terraform is not read)`,
      details,
    };
  }
  const status = worstOf(resources.map(d => d.status ?? 'ok'));
  const first = resources.find(d => d.status === status)!;
  return {
    status,
    reason:
      status === 'ok'
        ? `${resources.length} managed resources Ready and Synced`
        : `${first.label}: ${first.value}`,
    details,
  };
}
