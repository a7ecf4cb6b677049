import { KubernetesObject } from '../../validators/kubernetesObjects';
import { ClusterModel, describe, Violation } from '../model';
import { chartReleases } from '../clusterProvided';

/** Namespaces a project owns: the ones it creates whose name starts with the project name. */
export function ownNamespaces(model: ClusterModel): Set<string> {
  return new Set(
    model.objects
      .filter(o => o.kind === 'Namespace')
      .map(o => o.metadata?.name ?? '')
      .filter(
        name => name === model.project || name.startsWith(`${model.project}-`),
      ),
  );
}

/** What the API server keys an object by, and Helm releases by namespace and release name. */
function keys(model: ClusterModel): Map<string, string> {
  const own = ownNamespaces(model);
  const shared = new Set(model.clusterLayer ?? []);
  const perProject = {
    ...model,
    objects: model.objects.filter(o => !shared.has(o)),
  };
  const result = new Map<string, string>();
  const add = (key: string, what: string) => result.set(key, what);
  for (const o of perProject.objects) {
    const ns = o.metadata?.namespace;
    if (ns && own.has(ns)) continue;
    if (o.kind === 'Namespace' && own.has(o.metadata?.name ?? '')) continue;
    add(
      `${o.apiVersion.split('/')[0]}|${o.kind}|${ns ?? ''}|${o.metadata?.name}`,
      describe(o),
    );
  }
  for (const release of chartReleases(perProject)) {
    if (release.namespace && own.has(release.namespace)) continue;
    add(
      `helm|${release.namespace ?? ''}|${release.releaseName}`,
      `Helm release ${release.namespace ?? ''}/${release.releaseName} (chart ${
        release.chart
      }, from ${describe(release.owner as KubernetesObject)})`,
    );
  }
  return result;
}

/**
 * Many projects, one cluster: two projects' renders never declare the same
 * object (kind, namespace, name), nor install the same Helm release, outside
 * their own namespaces. Cluster-wide parts belong to the cluster layer
 * (installed once, detected and reused) or the platform repository.
 */
export function collisions(a: ClusterModel, b: ClusterModel): Violation[] {
  const ka = keys(a);
  const kb = keys(b);
  return [...ka.keys()]
    .filter(k => kb.has(k))
    .map(k => ({
      rule: 'collisions',
      subject: ka.get(k)!,
      message: `declared by both ${a.project} and ${b.project}`,
    }));
}
