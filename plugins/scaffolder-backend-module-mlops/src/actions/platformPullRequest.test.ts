import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { fakeGithub } from '@mlops-portal/plugin-mlops-node/testUtils';
import { mockContext } from '../__testUtils__/mockContext';
import { createPlatformPullRequestAction } from './platformPullRequest';

const TOKEN = 'ghp_platformTestToken';
const server = setupServer();
registerMswTestHooks(server);

const PROJECTS_KUSTOMIZATION = `# Every ML project on the platform; one folder each.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - fraud-detection # risk team
  - ./recommender
`;

function config(platform: object = {}) {
  return new ConfigReader({
    integrations: { github: [{ host: 'github.com', token: TOKEN }] },
    mlops: {
      platform: {
        repoUrl: 'https://github.com/acme/platform-gitops',
        ...platform,
      },
    },
  });
}

function platformRepo(files: Record<string, string> = {}) {
  return fakeGithub(server, {
    owner: 'acme',
    repo: 'platform-gitops',
    token: TOKEN,
    files: {
      'README.md': '# Platform\n',
      'projects/kustomization.yaml': PROJECTS_KUSTOMIZATION,
      'projects/fraud-detection/kustomization.yaml': 'resources: []\n',
      ...files,
    },
  });
}

const input = {
  projectName: 'churn',
  owner: 'group:default/ml-team',
  repoUrl: 'https://github.com/acme/churn',
  gitopsEngine: 'argocd',
  gpuQuota: 4,
};

describe('mlops:platform:pull-request', () => {
  const action = createPlatformPullRequestAction({ config: config() });

  it('opens a pull request that registers the project next to the existing ones', async () => {
    const github = platformRepo();
    const { ctx, logged } = mockContext(action, input);
    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith(
      'pullRequestUrl',
      'https://github.com/acme/platform-gitops/pull/1',
    );
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
    expect(ctx.output).toHaveBeenCalledWith('alreadyRegistered', false);
    expect(github.pulls).toEqual([
      expect.objectContaining({
        number: 1,
        title: 'Register ML project churn',
        head: 'mlops/register-churn',
        base: 'main',
        state: 'open',
      }),
    ]);
    expect(github.pulls[0].body).toContain(
      '- GPU quota `requests.nvidia.com/gpu: 4`',
    );

    const files = github.filesOf('mlops/register-churn')!;
    // The existing list is edited, comments and entries kept.
    expect(files['projects/kustomization.yaml']).toBe(
      `${PROJECTS_KUSTOMIZATION}  - churn\n`,
    );
    expect(files['README.md']).toBe('# Platform\n');
    expect(
      Object.keys(files)
        .filter(p => p.startsWith('projects/churn/'))
        .sort(),
    ).toEqual([
      'projects/churn/argocd-application.yaml',
      'projects/churn/gpu-quota.yaml',
      'projects/churn/kustomization.yaml',
      'projects/churn/namespace.yaml',
      'projects/churn/rbac.yaml',
    ]);
    expect(
      yaml.parse(files['projects/churn/gpu-quota.yaml']).spec.hard,
    ).toEqual({
      'requests.nvidia.com/gpu': '4',
    });
    expect(
      yaml.parse(files['projects/churn/argocd-application.yaml']).spec.source,
    ).toEqual({
      repoURL: 'https://github.com/acme/churn.git',
      targetRevision: 'main',
      path: 'control-plane',
    });
    // The base branch is untouched until the platform team merges.
    expect(github.filesOf('main')!['projects/kustomization.yaml']).toBe(
      PROJECTS_KUSTOMIZATION,
    );
    expect(logged()).toContain('Opened pull request #1');
    expect(logged()).not.toContain(TOKEN);
  });

  it('updates the same pull request when run again instead of failing', async () => {
    const github = platformRepo();
    await action.handler(mockContext(action, input).ctx);
    const firstHead = github.refs.get('mlops/register-churn');

    const again = mockContext(action, input);
    await action.handler(again.ctx);
    expect(again.ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
    expect(github.pulls).toHaveLength(1);
    expect(github.refs.get('mlops/register-churn')).toBe(firstHead);
    expect(again.logged()).toContain(
      'mlops/register-churn is up to date; no commit needed',
    );
    expect(again.logged()).toContain('Updated pull request #1');

    // Changed values land as a new commit on the same branch and pull request.
    const changed = mockContext(action, { ...input, gpuQuota: 8 });
    await action.handler(changed.ctx);
    expect(changed.ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
    expect(github.pulls).toHaveLength(1);
    expect(github.refs.get('mlops/register-churn')).not.toBe(firstHead);
    const files = github.filesOf('mlops/register-churn')!;
    expect(
      yaml.parse(files['projects/churn/gpu-quota.yaml']).spec.hard,
    ).toEqual({
      'requests.nvidia.com/gpu': '8',
    });
    expect(files['projects/kustomization.yaml'].match(/- churn/g)).toHaveLength(
      1,
    );
    expect(github.pulls[0].body).toContain('requests.nvidia.com/gpu: 8');
  });

  it('leaves a platform repo that already lists the project unchanged', async () => {
    const github = platformRepo({
      'projects/kustomization.yaml': `${PROJECTS_KUSTOMIZATION}  - churn/\n`,
      'projects/churn/kustomization.yaml': 'resources: [namespace.yaml]\n',
    });
    const { ctx, logged } = mockContext(action, input);
    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('alreadyRegistered', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'pullRequestUrl',
      'https://github.com/acme/platform-gitops/tree/main/projects/churn',
    );
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 0);
    expect(github.refs.has('mlops/register-churn')).toBe(false);
    expect(github.pulls).toEqual([]);
    expect(github.requests.filter(r => !r.startsWith('GET '))).toEqual([]);
    expect(logged()).toContain('left unchanged');
  });

  it('points at the merged pull request once the registration is merged', async () => {
    const github = platformRepo();
    await action.handler(mockContext(action, input).ctx);
    github.merge(1);

    const { ctx } = mockContext(action, input);
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'pullRequestUrl',
      'https://github.com/acme/platform-gitops/pull/1',
    );
    expect(ctx.output).toHaveBeenCalledWith('alreadyRegistered', true);
    expect(github.pulls).toHaveLength(1);
  });

  it('keeps changes a reviewer pushed to the branch', async () => {
    const github = platformRepo();
    await action.handler(mockContext(action, input).ctx);
    github.push('mlops/register-churn', {
      'projects/kustomization.yaml': `${PROJECTS_KUSTOMIZATION}  - churn\n  - other-team\n`,
    });
    await action.handler(mockContext(action, { ...input, gpuQuota: 2 }).ctx);
    const files = github.filesOf('mlops/register-churn')!;
    expect(files['projects/kustomization.yaml']).toContain('- other-team');
    expect(
      yaml.parse(files['projects/churn/gpu-quota.yaml']).spec.hard,
    ).toEqual({ 'requests.nvidia.com/gpu': '2' });
  });

  it('creates the projects kustomization in an empty platform repo and registers Flux objects', async () => {
    const github = fakeGithub(server, {
      owner: 'acme',
      repo: 'platform-gitops',
      token: TOKEN,
      defaultBranch: 'trunk',
      files: { 'README.md': '# Platform\n' },
    });
    const { ctx } = mockContext(action, {
      ...input,
      namespace: 'ml-churn',
      gitopsEngine: 'flux',
      gpuQuota: undefined,
      owner: 'user:default/jane',
      repoUrl: 'github.com?owner=acme&repo=churn',
    });
    await action.handler(ctx);

    expect(github.pulls[0].base).toBe('trunk');
    const files = github.filesOf('mlops/register-churn')!;
    expect(yaml.parse(files['projects/kustomization.yaml'])).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['churn'],
    });
    const [source, sync] = yaml
      .parseAllDocuments(files['projects/churn/flux-sync.yaml'])
      .map(d => d.toJS());
    expect(source).toMatchObject({
      kind: 'GitRepository',
      spec: {
        url: 'https://github.com/acme/churn.git',
        ref: { branch: 'main' },
      },
    });
    expect(sync).toMatchObject({
      kind: 'Kustomization',
      spec: {
        path: './control-plane',
        targetNamespace: 'ml-churn',
        sourceRef: { name: 'churn' },
      },
    });
    expect(
      yaml.parse(files['projects/churn/gpu-quota.yaml']).spec.hard,
    ).toEqual({
      'requests.nvidia.com/gpu': '0',
    });
    expect(yaml.parse(files['projects/churn/rbac.yaml']).subjects).toEqual([
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' },
    ]);
  });

  it('explains rejected GitHub credentials (401)', async () => {
    platformRepo();
    const wrongToken = createPlatformPullRequestAction({
      config: new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', token: 'ghp_expired' }],
        },
        mlops: {
          platform: { repoUrl: 'https://github.com/acme/platform-gitops' },
        },
      }),
    });
    const { ctx } = mockContext(wrongToken, input);
    const failure = wrongToken.handler(ctx);
    await expect(failure).rejects.toThrow(
      'Could not open the platform pull request on github.com/acme/platform-gitops: GitHub GET /repos/acme/platform-gitops failed with HTTP 401 (Bad credentials): GitHub rejected the credentials for github.com; check the token or GitHub App under integrations.github',
    );
    await expect(failure).rejects.not.toThrow('ghp_expired');
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each([
    {
      title: 'explains a platform repository that does not exist (404)',
      platform: { repoUrl: 'https://github.com/acme/no-such-repo' },
      message:
        'GitHub GET /repos/acme/no-such-repo failed with HTTP 404 (Not Found): acme/no-such-repo or the requested item does not exist on github.com, or the configured credentials cannot see it',
    },
    {
      title: 'names the configured base branch when it does not exist',
      platform: { baseBranch: 'release' },
      message:
        "Base branch 'release' of https://github.com/acme/platform-gitops does not exist (mlops.platform.baseBranch)",
    },
  ])('$title', async ({ platform, message }) => {
    platformRepo();
    const misconfigured = createPlatformPullRequestAction({
      config: config(platform),
    });
    await expect(
      misconfigured.handler(mockContext(misconfigured, input).ctx),
    ).rejects.toThrow(message);
  });

  it('explains a pull request GitHub refuses (422)', async () => {
    platformRepo();
    server.use(
      http.post('https://api.github.com/repos/acme/platform-gitops/pulls', () =>
        HttpResponse.json(
          {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: 'No commits between main and mlops/register-churn',
              },
            ],
            documentation_url:
              'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
            status: '422',
          },
          { status: 422 },
        ),
      ),
    );
    await expect(
      action.handler(mockContext(action, input).ctx),
    ).rejects.toThrow(
      'GitHub POST /repos/acme/platform-gitops/pulls failed with HTTP 422 (Validation Failed: No commits between main and mlops/register-churn): GitHub refused the change to acme/platform-gitops',
    );
  });

  it('refuses a projects kustomization that is not YAML it can edit', async () => {
    const github = platformRepo({
      'projects/kustomization.yaml': 'resources: churn\n',
    });
    await expect(
      action.handler(mockContext(action, input).ctx),
    ).rejects.toThrow(
      'resources in projects/kustomization.yaml of the platform repository is not a list',
    );
    expect(github.pulls).toEqual([]);
  });

  it('names each bad input field before calling GitHub', async () => {
    const { ctx } = mockContext(action, {
      projectName: 'Churn_Model',
      namespace: '-ns',
      owner: 'group:default/ml team',
      repoUrl: 'not a url',
      gitopsEngine: 'argocd',
      gpuQuota: -1,
    });
    const failure = action.handler(ctx);
    await expect(failure).rejects.toThrow(
      /^Invalid mlops:platform:pull-request input: projectName: "Churn_Model" must be a DNS-1123 label/,
    );
    await expect(failure).rejects.toThrow(
      /; namespace: "-ns" must be a DNS-1123 label/,
    );
    await expect(failure).rejects.toThrow(
      /; owner: "group:default\/ml team" must be an entity reference/,
    );
    await expect(failure).rejects.toThrow(
      /; repoUrl: "not a url" is not a repository URL/,
    );
    await expect(failure).rejects.toThrow(
      /; gpuQuota: must be a whole number from 0 to 1000 \(got -1\)$/,
    );
  });

  it('says when the platform repository is not configured', async () => {
    const unconfigured = createPlatformPullRequestAction({
      config: new ConfigReader({}),
    });
    await expect(
      unconfigured.handler(mockContext(unconfigured, input).ctx),
    ).rejects.toThrow(
      'The platform repository is not configured: set mlops.platform.repoUrl in app-config',
    );
  });

  it('makes no call in a dry run and says what it would write', async () => {
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => {
      requests.push(request.url);
    });
    const { ctx, logged } = mockContext(action, input, { isDryRun: true });
    await action.handler(ctx);
    server.events.removeAllListeners();

    expect(requests).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'pullRequestUrl',
      'https://github.com/acme/platform-gitops/compare/mlops/register-churn',
    );
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 0);
    expect(logged()).toContain(
      'Dry run: would open or update a pull request from mlops/register-churn on https://github.com/acme/platform-gitops writing projects/churn/kustomization.yaml, projects/churn/namespace.yaml, projects/churn/gpu-quota.yaml, projects/churn/rbac.yaml, projects/churn/argocd-application.yaml, projects/kustomization.yaml',
    );
  });

  it('uses the injected GitHub client factory', async () => {
    platformRepo();
    const factory = jest.fn(async () => {
      throw new Error('no GitHub in this test');
    });
    const injected = createPlatformPullRequestAction({
      config: config(),
      githubClientFactory: factory,
    });
    await expect(
      injected.handler(mockContext(injected, input).ctx),
    ).rejects.toThrow('no GitHub in this test');
    expect(factory).toHaveBeenCalledWith({
      host: 'github.com',
      owner: 'acme',
      repo: 'platform-gitops',
    });
  });
});
