import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  createGithubClient,
  GithubApiError,
  githubClientFactoryFromIntegrations,
} from './githubClient';

const server = setupServer();
registerMswTestHooks(server);

const repo = { host: 'ghe.example.com', owner: 'acme', repo: 'platform' };

describe('githubClientFactoryFromIntegrations', () => {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: 'ghe.example.com',
            apiBaseUrl: 'https://ghe.example.com/api/v3',
            token: 'ghe-token',
          },
        ],
      },
    }),
  );

  it('calls the configured API base URL with the integration token', async () => {
    let auth: string | null = null;
    server.use(
      http.get(
        'https://ghe.example.com/api/v3/repos/acme/platform',
        ({ request }) => {
          auth = request.headers.get('authorization');
          return HttpResponse.json({ default_branch: 'main' });
        },
      ),
    );
    const client = await githubClientFactoryFromIntegrations(integrations)(
      repo,
    );
    await expect(client.request('GET', '')).resolves.toEqual({
      default_branch: 'main',
    });
    expect(auth).toBe('Bearer ghe-token');
  });

  it('names the host that has no integration', async () => {
    await expect(
      githubClientFactoryFromIntegrations(integrations)({
        ...repo,
        host: 'gitlab.example.com',
      }),
    ).rejects.toThrow(
      'No GitHub integration for host gitlab.example.com; add it under integrations.github in app-config',
    );
  });
});

describe('createGithubClient', () => {
  const client = createGithubClient({
    repo,
    apiBaseUrl: 'https://ghe.example.com/api/v3/',
    token: 'secret-token',
    timeoutMs: 50,
  });

  it('explains a 403 with GitHub message and never includes the token', async () => {
    server.use(
      http.post(
        'https://ghe.example.com/api/v3/repos/acme/platform/git/refs',
        () =>
          HttpResponse.json(
            {
              message: 'Resource not accessible by integration',
              documentation_url:
                'https://docs.github.com/rest/git/refs#create-a-reference',
              status: '403',
            },
            { status: 403 },
          ),
      ),
    );
    const error = await client
      .request<never>('POST', '/git/refs', { ref: 'refs/heads/x', sha: 'abc' })
      .catch((e: unknown) => e as GithubApiError);
    expect(error).toBeInstanceOf(GithubApiError);
    expect(error).toMatchObject({
      status: 403,
      githubMessage: 'Resource not accessible by integration',
      message:
        'GitHub POST /repos/acme/platform/git/refs failed with HTTP 403 (Resource not accessible by integration): the GitHub credentials may not change acme/platform (missing permission, or a rate limit)',
    });
    expect(error.message).not.toContain('secret-token');
  });

  it('gives up on a GitHub that does not answer', async () => {
    server.use(
      http.get(
        'https://ghe.example.com/api/v3/repos/acme/platform',
        async () => {
          await delay('infinite');
          return HttpResponse.json({});
        },
      ),
    );
    await expect(client.request('GET', '')).rejects.toThrow(
      'GitHub GET /repos/acme/platform failed: no answer within 50 ms',
    );
  });
});
