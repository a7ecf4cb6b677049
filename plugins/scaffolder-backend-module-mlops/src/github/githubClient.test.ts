import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { generateKeyPairSync } from 'crypto';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  callGithub,
  GithubApiError,
  githubClientFactoryFromIntegrations,
} from './githubClient';

const server = setupServer();
registerMswTestHooks(server);

const repo = { host: 'ghe.example.com', owner: 'acme', repo: 'platform' };
const API = 'https://ghe.example.com/api/v3';

const withToken = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        {
          host: 'ghe.example.com',
          apiBaseUrl: `${API}/`,
          token: 'secret-token',
        },
      ],
    },
  }),
);

function answerRepo(seen: string[] = []) {
  server.use(
    http.get(`${API}/repos/acme/platform`, ({ request }) => {
      seen.push(request.headers.get('authorization') ?? '');
      return HttpResponse.json({ default_branch: 'main' });
    }),
  );
  return seen;
}

describe('githubClientFactoryFromIntegrations', () => {
  it("calls the integration's API base URL through Octokit with its token", async () => {
    const seen = answerRepo();
    const client = await githubClientFactoryFromIntegrations(withToken)(repo);
    await expect(
      callGithub(client, (o, r) => o.rest.repos.get(r)),
    ).resolves.toEqual({
      default_branch: 'main',
    });
    expect(seen).toEqual(['token secret-token']);
  });

  it("authenticates as a GitHub App's installation for the repository's owner", async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const apps = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'ghe.example.com',
              apiBaseUrl: API,
              apps: [
                {
                  appId: 1,
                  privateKey: privateKey
                    .export({ type: 'pkcs1', format: 'pem' })
                    .toString(),
                  clientId: 'client-id',
                  clientSecret: 'client-secret',
                  webhookSecret: 'webhook-secret',
                },
              ],
            },
          ],
        },
      }),
    );
    const appCalls: string[] = [];
    server.use(
      http.get(`${API}/app/installations`, ({ request }) => {
        appCalls.push(
          `installations ${
            request.headers.get('authorization')?.split(' ')[0]
          }`,
        );
        return HttpResponse.json([
          {
            id: 7,
            account: { login: 'acme' },
            repository_selection: 'all',
            suspended_by: null,
          },
        ]);
      }),
      http.post(`${API}/app/installations/7/access_tokens`, () => {
        appCalls.push('access token');
        return HttpResponse.json({
          token: 'ghs_installationToken',
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          repository_selection: 'all',
        });
      }),
    );
    const seen = answerRepo();
    const client = await githubClientFactoryFromIntegrations(apps)(repo);
    await callGithub(client, (o, r) => o.rest.repos.get(r));
    expect(appCalls).toEqual(['installations bearer', 'access token']);
    expect(seen).toEqual(['token ghs_installationToken']);
  });

  it('names the host that has no integration', async () => {
    await expect(
      githubClientFactoryFromIntegrations(withToken)({
        ...repo,
        host: 'gitlab.example.com',
      }),
    ).rejects.toThrow(
      'No GitHub integration for host gitlab.example.com; add it under integrations.github in app-config',
    );
  });
});

describe('callGithub', () => {
  it("explains a 403 with GitHub's message and never includes the token", async () => {
    server.use(
      http.post(`${API}/repos/acme/platform/git/refs`, () =>
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
    const client = await githubClientFactoryFromIntegrations(withToken)(repo);
    const error = await callGithub(client, (o, r) =>
      o.rest.git.createRef({ ...r, ref: 'refs/heads/x', sha: 'abc' }),
    ).then(
      () => undefined,
      (e: unknown) => e as GithubApiError,
    );
    expect(error).toBeInstanceOf(GithubApiError);
    expect(error).toMatchObject({
      status: 403,
      githubMessage: 'Resource not accessible by integration',
      message:
        'GitHub POST /api/v3/repos/acme/platform/git/refs failed with HTTP 403 (Resource not accessible by integration): the GitHub credentials may not change acme/platform (missing permission, or a rate limit)',
    });
    expect(JSON.stringify(error)).not.toContain('secret-token');
    expect(error?.message).not.toContain('secret-token');
  });

  it('gives up on a GitHub that does not answer', async () => {
    server.use(
      http.get(`${API}/repos/acme/platform`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const client = await githubClientFactoryFromIntegrations(
      withToken,
      undefined,
      50,
    )(repo);
    await expect(
      callGithub(client, (o, r) => o.rest.repos.get(r)),
    ).rejects.toThrow(
      'GitHub GET /api/v3/repos/acme/platform failed: no answer within 50 ms',
    );
  });
});
