import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { HttpFailure, fetchJson } from '@mlops-portal/plugin-mlops-node';

/** A GitHub repository on a configured host. @public */
export interface GithubRepoRef {
  host: string;
  owner: string;
  repo: string;
}

/**
 * A failed GitHub REST call, with the HTTP status (absent when no response
 * came) and GitHub's own message.
 *
 * @public
 */
export class GithubApiError extends Error {
  readonly name = 'GithubApiError';

  constructor(
    message: string,
    readonly status?: number,
    readonly githubMessage?: string,
  ) {
    super(message);
  }
}

/** The few GitHub REST calls the actions make, bound to one repository. @public */
export interface GithubClient {
  readonly repo: GithubRepoRef;
  /**
   * Calls `<apiBaseUrl>/repos/<owner>/<repo><path>` and returns the JSON body;
   * throws {@link GithubApiError} on any non-2xx answer.
   */
  request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    body?: object,
  ): Promise<T>;
}

/** Builds a {@link GithubClient}; tests inject their own. @public */
export type GithubClientFactory = (
  repo: GithubRepoRef,
) => Promise<GithubClient>;

const GITHUB_TIMEOUT_MS = 30_000;

/** What a status means for whoever reads the scaffolder log. */
function hintFor(status: number, repo: GithubRepoRef): string {
  const name = `${repo.owner}/${repo.repo}`;
  switch (status) {
    case 401:
      return `GitHub rejected the credentials for ${repo.host}; check the token or GitHub App under integrations.github`;
    case 403:
      return `the GitHub credentials may not change ${name} (missing permission, or a rate limit)`;
    case 404:
      return `${name} or the requested item does not exist on ${repo.host}, or the configured credentials cannot see it`;
    case 409:
      return `${name} is in a conflicting state (an empty repository, or a concurrent change)`;
    case 422:
      return `GitHub refused the change to ${name}`;
    default:
      return `GitHub answered ${name} with an error`;
  }
}

/** GitHub error bodies: `{"message": "...", "errors": [{ "message" | "code" }]}`. */
function describeBody(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as {
      message?: unknown;
      errors?: Array<{ message?: unknown; code?: unknown; field?: unknown }>;
    };
    const details = (Array.isArray(body.errors) ? body.errors : [])
      .map(e =>
        typeof e.message === 'string'
          ? e.message
          : [e.field, e.code].filter(v => typeof v === 'string').join(' '),
      )
      .filter(Boolean);
    const message = typeof body.message === 'string' ? body.message : undefined;
    return [message, ...details].filter(Boolean).join(': ') || undefined;
  } catch {
    return undefined;
  }
}

function toGithubError(what: string, repo: GithubRepoRef, failure: HttpFailure) {
  switch (failure.kind) {
    case 'timeout':
      return new GithubApiError(`${what} failed: no answer within ${failure.timeoutMs} ms`);
    case 'aborted':
      return new GithubApiError(`${what} failed: cancelled`);
    case 'network':
      return new GithubApiError(`${what} failed: ${failure.reason}`);
    case 'invalid-json':
      return new GithubApiError(
        `${what} answered HTTP ${failure.status} with a body that is not JSON`,
        failure.status,
      );
    default: {
      const githubMessage = describeBody(failure.text);
      return new GithubApiError(
        `${what} failed with HTTP ${failure.status}${
          githubMessage ? ` (${githubMessage})` : ''
        }: ${hintFor(failure.status, repo)}`,
        failure.status,
        githubMessage,
      );
    }
  }
}

/**
 * A {@link GithubClient} over plain `fetch` (the shared helper of mlops-node), authenticated with the token
 * Backstage's GitHub integration hands out (personal token or GitHub App
 * installation token). The token is sent, never logged nor put in errors.
 *
 * @public
 */
export function createGithubClient(options: {
  repo: GithubRepoRef;
  apiBaseUrl: string;
  token?: string;
  timeoutMs?: number;
}): GithubClient {
  const { repo, token } = options;
  const base = `${options.apiBaseUrl.replace(
    /\/+$/,
    '',
  )}/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
  return {
    repo,
    async request<T>(
      method: 'GET' | 'POST' | 'PATCH' | 'PUT',
      path: string,
      body?: object,
    ): Promise<T> {
      const what = `GitHub ${method} /repos/${repo.owner}/${repo.repo}${path}`;
      const { body: answer } = await fetchJson<T>(
        {
          url: `${base}${path}`,
          method,
          headers: {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            ...(token && { Authorization: `Bearer ${token}` }),
          },
          body,
          timeoutMs: options.timeoutMs ?? GITHUB_TIMEOUT_MS,
        },
        failure => toGithubError(what, repo, failure),
      );
      return answer ?? ({} as T);
    },
  };
}

/**
 * The default {@link GithubClientFactory}: finds the host in
 * `integrations.github` and gets a token from the integration's credentials
 * provider (token or GitHub App).
 *
 * @public
 */
export function githubClientFactoryFromIntegrations(
  integrations: ScmIntegrationRegistry,
  credentialsProvider: GithubCredentialsProvider = DefaultGithubCredentialsProvider.fromIntegrations(
    integrations,
  ),
): GithubClientFactory {
  return async repo => {
    const integration = integrations.github.byHost(repo.host);
    if (!integration) {
      throw new InputError(
        `No GitHub integration for host ${repo.host}; add it under integrations.github in app-config`,
      );
    }
    const { token } = await credentialsProvider.getCredentials({
      url: `https://${repo.host}/${repo.owner}/${repo.repo}`,
    });
    return createGithubClient({
      repo,
      apiBaseUrl: integration.config.apiBaseUrl ?? `https://api.${repo.host}`,
      token,
    });
  };
}
