import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { GithubRepoRef } from '../github/githubClient';

/** The platform GitOps repository and how projects are registered in it. */
export interface PlatformRepoConfig {
  repo: GithubRepoRef;
  /** Branch the pull request targets; the repository's default branch when unset. */
  baseBranch?: string;
  /** Folder holding one folder per project and the kustomization.yaml that lists them. */
  projectsPath: string;
  /** Folder of the project's own repository that the GitOps controller syncs. */
  sourcePath: string;
  /** Branch or tag of the project's repository that is deployed. */
  sourceRevision: string;
  argocd: { namespace: string; project: string; destinationServer: string };
  flux: { namespace: string; interval: string };
  rbac: { clusterRole: string; groupPrefix: string };
}

/** Accepts `https://host/owner/repo(.git)` and Backstage's `host?owner=o&repo=r`. */
export function parseGithubRepoUrl(value: string): GithubRepoRef | undefined {
  const query = /^([^/?#]+)\?(.*)$/.exec(value.trim());
  if (query) {
    const params = new URLSearchParams(query[2]);
    const owner = params.get('owner');
    const repo = params.get('repo');
    return owner && repo ? { host: query[1], owner, repo } : undefined;
  }
  try {
    const url = new URL(value.trim());
    const [owner, repo, ...rest] = url.pathname.split('/').filter(Boolean);
    if (
      !['http:', 'https:'].includes(url.protocol) ||
      !owner ||
      !repo ||
      rest.length
    ) {
      return undefined;
    }
    return { host: url.host, owner, repo: repo.replace(/\.git$/, '') };
  } catch {
    return undefined;
  }
}

function folder(config: Config, key: string, fallback: string): string {
  const value = (config.getOptionalString(key) ?? fallback).replace(
    /^\/+|\/+$/g,
    '',
  );
  if (value.split('/').some(part => part === '..')) {
    throw new InputError(`mlops.platform.${key} must not contain ".."`);
  }
  return value;
}

/**
 * Reads `mlops.platform`; `undefined` when the platform pull request is not
 * configured, so the action can say so instead of failing at startup.
 */
export function readPlatformRepoConfig(
  root: Config,
): PlatformRepoConfig | undefined {
  const config = root.getOptionalConfig('mlops.platform');
  if (!config) return undefined;
  const repoUrl = config.getString('repoUrl');
  const repo = parseGithubRepoUrl(repoUrl);
  if (!repo) {
    throw new InputError(
      `mlops.platform.repoUrl '${repoUrl}' is not a GitHub repository URL such as https://github.com/acme/platform-gitops`,
    );
  }
  return {
    repo,
    baseBranch: config.getOptionalString('baseBranch'),
    projectsPath: folder(config, 'projectsPath', 'projects'),
    sourcePath: folder(config, 'sourcePath', 'control-plane'),
    sourceRevision: config.getOptionalString('sourceRevision') ?? 'main',
    argocd: {
      namespace: config.getOptionalString('argocd.namespace') ?? 'argocd',
      project: config.getOptionalString('argocd.project') ?? 'default',
      destinationServer:
        config.getOptionalString('argocd.destinationServer') ??
        'https://kubernetes.default.svc',
    },
    flux: {
      namespace: config.getOptionalString('flux.namespace') ?? 'flux-system',
      interval: config.getOptionalString('flux.interval') ?? '5m',
    },
    rbac: {
      clusterRole: config.getOptionalString('rbac.clusterRole') ?? 'edit',
      groupPrefix: config.getOptionalString('rbac.groupPrefix') ?? '',
    },
  };
}
