import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { MlProjectGitopsEngine } from '@mlops-portal/plugin-mlops-common';
import yaml from 'yaml';
import { PlatformRepoConfig } from './platformConfig';

/** What the platform repository must know about a new ML project. */
export interface ProjectRegistration {
  projectName: string;
  namespace: string;
  /** Owning group or user as an entity ref. */
  owner: string;
  /** HTTPS clone URL of the project's repository. */
  repoCloneUrl: string;
  gitopsEngine: MlProjectGitopsEngine;
  /** GPUs the namespace may request in total (`requests.nvidia.com/gpu`). */
  gpuQuota: number;
}

type Manifest = Record<string, unknown>;

function render(header: string, manifests: Manifest[]): string {
  return `# ${header}\n${manifests
    .map(m => yaml.stringify(m, { lineWidth: 0 }))
    .join('---\n')}`;
}

/** Kubernetes RBAC subject of the owning team, from its catalog entity ref. */
function ownerSubject(owner: string, rbac: PlatformRepoConfig['rbac']) {
  const ref = parseEntityRef(owner, { defaultKind: 'group' });
  const isUser = ref.kind.toLocaleLowerCase('en-US') === 'user';
  return {
    kind: isUser ? 'User' : 'Group',
    apiGroup: 'rbac.authorization.k8s.io',
    name: isUser ? ref.name : `${rbac.groupPrefix}${ref.name}`,
  };
}

function gitopsManifests(
  project: ProjectRegistration,
  config: PlatformRepoConfig,
): { file: string; manifests: Manifest[] } {
  const labels = { 'app.kubernetes.io/part-of': project.projectName };
  if (project.gitopsEngine === 'argocd') {
    return {
      file: 'argocd-application.yaml',
      manifests: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: {
            name: project.projectName,
            namespace: config.argocd.namespace,
            labels,
            finalizers: ['resources-finalizer.argocd.argoproj.io'],
          },
          spec: {
            project: config.argocd.project,
            source: {
              repoURL: project.repoCloneUrl,
              targetRevision: config.sourceRevision,
              path: config.sourcePath,
            },
            destination: {
              server: config.argocd.destinationServer,
              namespace: project.namespace,
            },
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
            },
          },
        },
      ],
    };
  }
  const flux = (
    apiVersion: string,
    kind: string,
    spec: Manifest,
  ): Manifest => ({
    apiVersion,
    kind,
    metadata: {
      name: project.projectName,
      namespace: config.flux.namespace,
      labels,
    },
    spec: { interval: config.flux.interval, ...spec },
  });
  return {
    file: 'flux-sync.yaml',
    manifests: [
      flux('source.toolkit.fluxcd.io/v1', 'GitRepository', {
        url: project.repoCloneUrl,
        ref: { branch: config.sourceRevision },
      }),
      flux('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', {
        path: `./${config.sourcePath}`,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: project.projectName },
        targetNamespace: project.namespace,
      }),
    ],
  };
}

/**
 * The files that register a project in the platform repository, keyed by
 * path: its namespace, GPU quota, RBAC for the owning team and the Argo CD
 * Application or Flux Kustomization that deploys its repository.
 */
export function renderProjectFiles(
  project: ProjectRegistration,
  config: PlatformRepoConfig,
): Record<string, string> {
  const dir = `${config.projectsPath}/${project.projectName}`;
  const header = `Registers the ML project ${project.projectName} (owner ${project.owner}); opened by mlops:platform:pull-request.`;
  const labels = {
    'app.kubernetes.io/part-of': project.projectName,
    'backstage.io/kubernetes-id': project.projectName,
  };
  const gitops = gitopsManifests(project, config);
  return {
    [`${dir}/kustomization.yaml`]: render(header, [
      {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: [
          'namespace.yaml',
          'gpu-quota.yaml',
          'rbac.yaml',
          gitops.file,
        ],
      },
    ]),
    [`${dir}/namespace.yaml`]: render(header, [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: project.namespace,
          labels,
          annotations: { 'backstage.io/owner': project.owner },
        },
      },
    ]),
    [`${dir}/gpu-quota.yaml`]: render(header, [
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'gpu-quota', namespace: project.namespace, labels },
        spec: { hard: { 'requests.nvidia.com/gpu': String(project.gpuQuota) } },
      },
    ]),
    [`${dir}/rbac.yaml`]: render(header, [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: {
          name: `${project.projectName}-owners`,
          namespace: project.namespace,
          labels,
        },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: config.rbac.clusterRole,
        },
        subjects: [ownerSubject(project.owner, config.rbac)],
      },
    ]),
    [`${dir}/${gitops.file}`]: render(header, gitops.manifests),
  };
}

function isProjectEntry(entry: unknown, projectName: string) {
  return (
    typeof entry === 'string' &&
    entry.replace(/^\.\//, '').replace(/\/+$/, '') === projectName
  );
}

/** Whether the projects kustomization lists the project already. */
export function kustomizationListsProject(
  text: string | undefined,
  projectName: string,
): boolean {
  if (text === undefined) return false;
  const resources = (yaml.parse(text) as { resources?: unknown } | null)
    ?.resources;
  return (
    Array.isArray(resources) &&
    resources.some(entry => isProjectEntry(entry, projectName))
  );
}

/**
 * Adds the project's folder to the `resources` of the platform repository's
 * projects kustomization, keeping everything else (comments, order, other
 * fields) as it was. Returns the text unchanged when it is listed already,
 * and a new kustomization when there was none.
 */
export function addProjectToKustomization(
  text: string | undefined,
  projectName: string,
  path: string,
): string {
  if (text === undefined || text.trim() === '') {
    return yaml.stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [projectName],
    });
  }
  const doc = yaml.parseDocument(text);
  if (doc.errors.length > 0 || !yaml.isMap(doc.contents)) {
    throw new InputError(
      `${path} in the platform repository is not a YAML mapping (${
        doc.errors[0]?.message ?? 'unexpected content'
      }); fix it before registering projects`,
    );
  }
  const resources = doc.get('resources');
  if (resources === undefined || resources === null) {
    doc.set('resources', doc.createNode([projectName]));
    return doc.toString();
  }
  if (!yaml.isSeq(resources)) {
    throw new InputError(
      `resources in ${path} of the platform repository is not a list`,
    );
  }
  if (
    resources.items.some(item =>
      isProjectEntry(yaml.isScalar(item) ? item.value : item, projectName),
    )
  ) {
    return text;
  }
  resources.add(doc.createNode(projectName));
  return doc.toString();
}
