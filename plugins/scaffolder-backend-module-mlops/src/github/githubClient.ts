import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { Octokit } from '@octokit/rest';

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

/** Octokit bound to one repository, as the actions use it. @public */
export interface GithubClient {
  readonly repo: GithubRepoRef;
  readonly octokit: Octokit;
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

/** What an Octokit `RequestError` carries that the message needs. */
interface RequestError extends Error {
  status: number;
  request: { method: string; url: string };
  response?: { data: unknown };
}

function isRequestError(error: unknown): error is RequestError {
  return (
    error instanceof Error &&
    typeof (error as RequestError).status === 'number' &&
    typeof (error as RequestError).request === 'object'
  );
}

/**
 * The {@link GithubApiError} of a failed Octokit call: what was called, the
 * status with GitHub's message and what it means. Octokit's own error keeps
 * the request's headers; this one carries none, so no token reaches a log.
 */
export function toGithubError(repo: GithubRepoRef, error: unknown): Error {
  if (!isRequestError(error)) return error as Error;
  const what = `GitHub ${error.request.method} ${
    new URL(error.request.url).pathname
  }`;
  if (!error.response) {
    // No answer: Octokit reports the network failure as status 500.
    return new GithubApiError(`${what} failed: ${error.message}`);
  }
  const data = error.response.data;
  const githubMessage = describeBody(
    typeof data === 'string' ? data : JSON.stringify(data ?? {}),
  );
  return new GithubApiError(
    `${what} failed with HTTP ${error.status}${
      githubMessage ? ` (${githubMessage})` : ''
    }: ${hintFor(error.status, repo)}`,
    error.status,
    githubMessage,
  );
}

/** One Octokit call on the client's repository; failures become {@link GithubApiError}. @public */
export async function callGithub<T>(
  client: GithubClient,
  call: (
    octokit: Octokit,
    repo: { owner: string; repo: string },
  ) => Promise<{ data: T }>,
): Promise<T> {
  try {
    const { data } = await call(client.octokit, {
      owner: client.repo.owner,
      repo: client.repo.repo,
    });
    return data;
  } catch (error) {
    throw toGithubError(client.repo, error);
  }
}

/**
 * `fetch` that gives up on a call after `timeoutMs` (Octokit's own `timeout`
 * option is node-fetch's, which the global fetch it uses ignores).
 */
function fetchWithin(timeoutMs: number): typeof fetch {
  return async (url, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fetch(url, {
        ...init,
        signal: init?.signal
          ? AbortSignal.any([init.signal, timeout])
          : timeout,
      });
    } catch (error) {
      if (timeout.aborted) throw new Error(`no answer within ${timeoutMs} ms`);
      throw error;
    }
  };
}

/**
 * The default {@link GithubClientFactory}: finds the host in
 * `integrations.github` and gets a token from the integration's credentials
 * provider (token or GitHub App installation token), and calls GitHub
 * through Octokit, as Backstage's GitHub scaffolder module does.
 *
 * @public
 */
export function githubClientFactoryFromIntegrations(
  integrations: ScmIntegrationRegistry,
  credentialsProvider: GithubCredentialsProvider = DefaultGithubCredentialsProvider.fromIntegrations(
    integrations,
  ),
  timeoutMs: number = GITHUB_TIMEOUT_MS,
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
    return {
      repo,
      octokit: new Octokit({
        auth: token,
        baseUrl: integration.config.apiBaseUrl ?? `https://api.${repo.host}`,
        request: { fetch: fetchWithin(timeoutMs) },
      }),
    };
  };
}
