import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { InputError } from '@backstage/errors';

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

/**
 * A {@link GithubClient} over plain `fetch`, authenticated with the token
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
      const timeoutMs = options.timeoutMs ?? GITHUB_TIMEOUT_MS;
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            ...(token && { Authorization: `Bearer ${token}` }),
            ...(body && { 'Content-Type': 'application/json' }),
          },
          body: body && JSON.stringify(body),
          signal: timeout,
        });
        text = await response.text();
      } catch (error) {
        // Checked on the signal: a timeout's DOMException is not always an Error.
        const reason = timeout.aborted
          ? `no answer within ${timeoutMs} ms`
          : String(error instanceof Error ? error.message : error);
        throw new GithubApiError(`${what} failed: ${reason}`);
      }
      if (!response.ok) {
        const githubMessage = describeBody(text);
        throw new GithubApiError(
          `${what} failed with HTTP ${response.status}${
            githubMessage ? ` (${githubMessage})` : ''
          }: ${hintFor(response.status, repo)}`,
          response.status,
          githubMessage,
        );
      }
      try {
        return (text ? JSON.parse(text) : {}) as T;
      } catch {
        throw new GithubApiError(
          `${what} answered HTTP ${response.status} with a body that is not JSON`,
          response.status,
        );
      }
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
