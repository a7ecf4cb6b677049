import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
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

/**
 * A repository from `https://host/owner/repo(.git)` or Backstage's
 * `host?owner=o&repo=r`, through the scaffolder's `parseRepoUrl` (so the
 * host must be a configured integration). Throws an `InputError` that says
 * what is wrong.
 */
export function parseRepoRef(
  value: string,
  integrations: ScmIntegrationRegistry,
): GithubRepoRef {
  const trimmed = value.trim();
  let backstageForm = trimmed;
  if (/^https?:\/\//.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new InputError(`"${value}" is not a repository URL`);
    }
    const [owner, repo, ...rest] = url.pathname.split('/').filter(Boolean);
    if (!owner || !repo || rest.length || url.search || url.hash) {
      throw new InputError(`"${value}" is not a repository URL`);
    }
    backstageForm = `${url.host}?${new URLSearchParams({
      owner,
      repo: repo.replace(/\.git$/, ''),
    })}`;
  } else if (!/^[^/?#\s]+\?/.test(trimmed)) {
    throw new InputError(`"${value}" is not a repository URL`);
  }
  const { host, owner, repo } = parseRepoUrl(backstageForm, integrations);
  if (!owner) throw new InputError(`"${value}" names no owner`);
  return { host, owner, repo };
}

/** {@link parseRepoRef} of a repository on a GitHub integration. */
export function parseGithubRepoUrl(
  value: string,
  integrations: ScmIntegrationRegistry,
): GithubRepoRef {
  const ref = parseRepoRef(value, integrations);
  if (integrations.byHost(ref.host)?.type !== 'github') {
    throw new InputError(`"${value}" is not on a GitHub integration`);
  }
  return ref;
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
  let repo: GithubRepoRef;
  try {
    repo = parseGithubRepoUrl(repoUrl, ScmIntegrations.fromConfig(root));
  } catch (error) {
    throw new InputError(
      `mlops.platform.repoUrl '${repoUrl}' is not a GitHub repository URL such as https://github.com/acme/platform-gitops: ${
        (error as Error).message
      }`,
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
