import {
  DefaultGithubCredentialsProvider,
  DefaultGitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  ANNOTATION_SOURCE_LOCATION,
  ChainLinkStatus,
} from '@mlops-portal/plugin-mlops-common';
import {
  MlopsHeadCheck,
  MlopsHeadCommit,
  MlopsScmStatusReader,
} from '@mlops-portal/plugin-mlops-node';
import { MlopsError } from '../errors/MlopsError';
import { fetchJson } from '../upstream/fetchJson';

/** The head commit and its checks: the types live in mlops-node (the upstreams extension point). */
export type HeadCheck = MlopsHeadCheck;
export type HeadCommit = MlopsHeadCommit;
/** How the chain reads the code link; a module may replace it (`setScmStatusReader`). */
export type ScmStatusReader = MlopsScmStatusReader;

/** `https://host/owner/repo/...` of a source location: host and project path. */
export function repositoryOf(sourceLocation: string): {
  host: string;
  project: string;
  url: string;
} {
  const url = sourceLocation.replace(/^url:/, '');
  const match =
    url.match(
      /^https?:\/\/([^/]+)\/(.+?)(?:\.git)?(?:\/-)?\/(?:tree|blob|src)\/.*$/,
    ) ?? url.match(/^https?:\/\/([^/]+)\/([^/]+\/[^/]+?)(?:\.git)?\/?$/);
  if (!match) {
    throw new MlopsError(
      'InvalidInput',
      `${ANNOTATION_SOURCE_LOCATION} '${sourceLocation}' names no repository`,
      {
        annotation: ANNOTATION_SOURCE_LOCATION,
      },
    );
  }
  return {
    host: match[1],
    project: match[2],
    url: `https://${match[1]}/${match[2]}`,
  };
}

const GITHUB_OK = new Set(['success', 'neutral', 'skipped']);
const GITLAB_OK = new Set(['success', 'skipped']);
const GITLAB_FAILED = new Set(['failed', 'canceled']);

function gitlabStatus(pipeline: string): ChainLinkStatus {
  if (GITLAB_OK.has(pipeline)) return 'ok';
  return GITLAB_FAILED.has(pipeline) ? 'failing' : 'warning';
}

/** Why a host refused: names the integration, never its credentials. */
function refusal(error: unknown, host: string): never {
  if (
    error instanceof MlopsError &&
    (error.details.upstreamStatus === 401 ||
      error.details.upstreamStatus === 403)
  ) {
    throw new MlopsError(
      'UpstreamAuthRejected',
      `${host} refused the portal's ${host} integration credentials (HTTP ${error.details.upstreamStatus}): no permission to read the repository's commits and checks`,
      { upstream: 'source', upstreamStatus: error.details.upstreamStatus },
    );
  }
  if (error instanceof MlopsError && error.details.upstreamStatus === 404) {
    throw new MlopsError(
      'NotFound',
      `${host} answers 404: the repository does not exist or the integration may not see it`,
      {
        upstream: 'source',
        upstreamStatus: 404,
      },
    );
  }
  throw error;
}

/** A GET of one SCM API resource (a path under the repository's API base), its body parsed as JSON. */
type ScmGet = <T>(path: string, what: string) => Promise<T>;

function scmGet(
  base: string,
  host: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): ScmGet {
  return async <T>(path: string, what: string) =>
    (
      await fetchJson<T>({
        upstream: 'source',
        what: `${host} ${what}`,
        url: `${base}${path}`,
        headers,
        signal,
      })
    ).body as T;
}

/**
 * Reads the head commit through the portal's SCM integrations (`integrations:`
 * config): GitHub with the integration's App or token credentials, GitLab
 * with its token. A host without an integration is `NotConfigured`.
 */
export class IntegrationScmStatusReader implements ScmStatusReader {
  private readonly github: DefaultGithubCredentialsProvider;
  private readonly gitlab: DefaultGitlabCredentialsProvider;

  constructor(private readonly integrations: ScmIntegrationRegistry) {
    this.github =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
    this.gitlab =
      DefaultGitlabCredentialsProvider.fromIntegrations(integrations);
  }

  async head(sourceLocation: string, signal: AbortSignal): Promise<HeadCommit> {
    const repo = repositoryOf(sourceLocation);
    const github = this.integrations.github.byHost(repo.host);
    if (github) {
      const api = github.config.apiBaseUrl ?? `https://api.${repo.host}`;
      const { headers } = await this.github.getCredentials({ url: repo.url });
      const base = `${api}/repos/${repo.project
        .split('/')
        .map(encodeURIComponent)
        .join('/')}`;
      return this.githubHead(
        scmGet(
          base,
          repo.host,
          { Accept: 'application/vnd.github+json', ...headers },
          signal,
        ),
      ).catch(e => refusal(e, repo.host));
    }
    const gitlab = this.integrations.gitlab.byHost(repo.host);
    if (gitlab) {
      const { headers } = await this.gitlab.getCredentials({ url: repo.url });
      const base = `${gitlab.config.apiBaseUrl}/projects/${encodeURIComponent(
        repo.project,
      )}`;
      return this.gitlabHead(
        scmGet(base, repo.host, headers ?? {}, signal),
      ).catch(e => refusal(e, repo.host));
    }
    throw new MlopsError(
      'NotConfigured',
      `the portal has no GitHub or GitLab integration for ${repo.host} (integrations.github / integrations.gitlab)`,
      { upstream: 'source', annotation: ANNOTATION_SOURCE_LOCATION },
    );
  }

  private async githubHead(get: ScmGet): Promise<HeadCommit> {
    const info = await get<{ default_branch: string; html_url?: string }>(
      '',
      'repository',
    );
    const branch = await get<{
      commit: {
        sha: string;
        html_url?: string;
        commit?: { committer?: { date?: string } };
      };
      protection?: {
        enabled?: boolean;
        required_status_checks?: {
          contexts?: string[];
          checks?: Array<{ context: string }>;
        };
      };
    }>(
      `/branches/${encodeURIComponent(info.default_branch)}`,
      `branch ${info.default_branch}`,
    );
    const sha = branch.commit.sha;
    const runs = await get<{
      check_runs: Array<{
        name: string;
        status: string;
        conclusion: string | null;
        html_url?: string;
      }>;
    }>(
      `/commits/${sha}/check-runs?per_page=100`,
      `check runs of ${sha.slice(0, 7)}`,
    );
    const requiredChecks = branch.protection?.required_status_checks;
    const required = new Set([
      ...(requiredChecks?.contexts ?? []),
      ...(requiredChecks?.checks ?? []).map(c => c.context),
    ]);
    const checks = runs.check_runs.map(run => {
      let status: ChainLinkStatus = 'warning';
      if (run.status === 'completed')
        status = GITHUB_OK.has(run.conclusion ?? '') ? 'ok' : 'failing';
      return {
        name: run.name,
        status,
        state:
          run.status === 'completed'
            ? `completed/${run.conclusion}`
            : run.status,
        required: required.has(run.name),
        ...(run.html_url ? { url: run.html_url } : {}),
      };
    });
    const committedAt = branch.commit.commit?.committer?.date;
    return {
      provider: 'github',
      branch: info.default_branch,
      sha,
      ...(committedAt ? { committedAt } : {}),
      ...(branch.commit.html_url ? { url: branch.commit.html_url } : {}),
      checks,
      missingRequired: [...required]
        .filter(name => !checks.some(c => c.name === name))
        .sort(),
    };
  }

  private async gitlabHead(get: ScmGet): Promise<HeadCommit> {
    const info = await get<{ default_branch: string }>('', 'project');
    const branch = await get<{
      commit: { id: string; committed_date?: string; web_url?: string };
    }>(
      `/repository/branches/${encodeURIComponent(info.default_branch)}`,
      `branch ${info.default_branch}`,
    );
    const sha = branch.commit.id;
    const commit = await get<{
      last_pipeline?: { id: number; status: string; web_url?: string } | null;
    }>(`/repository/commits/${sha}`, `commit ${sha.slice(0, 7)}`);
    const pipeline = commit.last_pipeline;
    const checks: HeadCheck[] = pipeline
      ? [
          {
            name: `pipeline #${pipeline.id}`,
            status: gitlabStatus(pipeline.status),
            state: pipeline.status,
            required: true,
            ...(pipeline.web_url ? { url: pipeline.web_url } : {}),
          },
        ]
      : [];
    return {
      provider: 'gitlab',
      branch: info.default_branch,
      sha,
      ...(branch.commit.committed_date
        ? { committedAt: branch.commit.committed_date }
        : {}),
      ...(branch.commit.web_url ? { url: branch.commit.web_url } : {}),
      checks,
      missingRequired: pipeline ? [] : ['pipeline'],
    };
  }
}
