import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import yaml from 'yaml';
import { fakeGithub } from './__testUtils__/fakeGithub';
import { fakeMlflow } from './__testUtils__/fakeMlflow';
import {
  catalogWithLocations,
  loadRepoTemplate,
} from './__testUtils__/templates';
import { scaffolderModule } from './module';

const GITHUB_TOKEN = 'ghp_templateTestToken';
const MLFLOW_TOKEN = 'mlflow-template-test-token';

const server = setupServer(
  // The test talks to its own backend over localhost; only that may pass.
  http.all(/^http:\/\/(127\.0\.0\.1|localhost)[:/]/, () => passthrough()),
);
registerMswTestHooks(server);

/** Every request that left the test backend for an outside host. */
function recordOutsideCalls() {
  const calls: string[] = [];
  server.events.on('request:start', ({ request: outgoing }) => {
    if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(outgoing.url)) {
      calls.push(`${outgoing.method} ${outgoing.url}`);
    }
  });
  return calls;
}
afterEach(() => server.events.removeAllListeners());
jest.setTimeout(60_000);

const config = mockServices.rootConfig.factory({
  data: {
    integrations: { github: [{ host: 'github.com', token: GITHUB_TOKEN }] },
    mlops: {
      mlflow: {
        instances: [
          {
            name: 'default',
            baseUrl: 'https://mlflow.example.com',
            token: MLFLOW_TOKEN,
            uiUrl: 'https://mlflow-ui.example.com',
          },
        ],
      },
      platform: { repoUrl: 'https://github.com/acme/platform-gitops' },
    },
  },
});

const createValues: JsonObject = {
  name: 'churn',
  description: 'Predicts customer churn',
  owner: 'group:default/ml-team',
  repoUrl: 'github.com?owner=acme&repo=churn',
  awsRegion: 'eu-west-1',
  clusterName: 'ml-prod',
  gpuEnabled: true,
  gpuInstanceType: 'g5.xlarge',
  gpuMinSize: 0,
  gpuMaxSize: 2,
  storage: 's3',
  bucketName: 'acme-churn-artifacts',
  gitopsEngine: 'argocd',
  canary: 'argo-rollouts',
  mlflowExposure: 'ingress',
  mlflowHost: 'mlflow.churn.example.com',
  createExperiment: true,
  openPlatformPullRequest: true,
};

const onboardValues: JsonObject = {
  repoUrl: 'github.com?owner=acme&repo=legacy-model',
  targetBranch: 'main',
  name: 'legacy-model',
  owner: 'group:default/ml-team',
  addDvcScaffold: true,
  addReproducibilityCi: true,
  addDocs: true,
  awsRegion: 'us-east-1',
  clusterName: 'ml-prod',
  gpuEnabled: false,
  storage: 'minio',
  minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
  bucketName: 'legacy-model-data',
  gitopsEngine: 'flux',
  canary: 'flagger',
  mlflowExposure: 'nodeport',
  createExperiment: true,
  openPlatformPullRequest: true,
};

describe('templates dry run', () => {
  async function dryRun(name: string, values: JsonObject) {
    const { server: backend } = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModule,
        catalogServiceMock.factory(),
        config,
      ],
    });
    const template = loadRepoTemplate(name);
    const outside = recordOutsideCalls();
    const response = await request(backend)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: template.entity,
        values,
        secrets: {},
        directoryContents: template.directoryContents,
      });
    const files = new Map<string, string>(
      (
        (response.body.directoryContents ?? []) as Array<{
          path: string;
          base64Content: string;
        }>
      ).map(f => [f.path, Buffer.from(f.base64Content, 'base64').toString()]),
    );
    const log = (response.body.log ?? [])
      .map((l: { body: { message: string } }) => l.body.message)
      .join('\n');
    return { response, files, log, outside };
  }

  it('renders "Create new ML project" with every opt-in and calls nothing outside', async () => {
    const { response, files, log, outside } = await dryRun(
      'mlops-platform-versioning',
      createValues,
    );
    expect(response.status).toBe(200);
    expect(log).not.toMatch(/failed|error/i);
    expect(log).toContain(
      "Dry run: would create or reuse MLflow experiment 'churn' on instance 'default'",
    );
    expect(log).toContain(
      'Dry run: would open or update a pull request from mlops/register-churn on https://github.com/acme/platform-gitops',
    );
    expect(files.has('catalog-info.yaml')).toBe(true);
    expect(outside).toEqual([]);
  });

  it('renders "Onboard an existing ML repo" with every opt-in and calls nothing outside', async () => {
    const { response, files, log, outside } = await dryRun(
      'onboard-ml-repo',
      onboardValues,
    );
    expect(response.status).toBe(200);
    expect(log).toContain(
      "Dry run: would create or reuse MLflow experiment 'legacy-model'",
    );
    expect(log).toContain('mlops/register-legacy-model');
    expect(outside).toEqual([]);

    expect([...files.keys()].sort()).toEqual([
      '.dvc/.gitignore',
      '.dvc/config',
      '.github/workflows/reproducibility.yml',
      'catalog-info.yaml',
      'data-plane/dvc/dvc.yaml',
      'data-plane/dvc/params.yaml',
      'data-plane/experiments/README.md',
      'data-plane/src/train.py',
      'docs/mlops.md',
      'mkdocs.yml',
    ]);
    const entity = yaml.parse(files.get('catalog-info.yaml')!);
    expect(entity.metadata.annotations).toEqual({
      'github.com/project-slug': 'acme/legacy-model',
      'backstage.io/source-location':
        'url:https://github.com/acme/legacy-model/tree/main/',
      'backstage.io/techdocs-ref': 'dir:.',
      'mlflow.org/experiment-name': 'legacy-model',
      'dvc.org/pipeline': 'data-plane/dvc/dvc.yaml',
      'backstage.io/kubernetes-id': 'legacy-model',
      'backstage.io/kubernetes-namespace': 'legacy-model',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/part-of=legacy-model',
    });
    expect(entity.spec).toEqual({
      type: 'ml-project',
      lifecycle: 'experimental',
      owner: 'group:default/ml-team',
    });
    expect(files.get('.dvc/config')).toContain(
      'endpointurl = http://minio.minio.svc.cluster.local:9000',
    );
    const workflow = yaml.parse(
      files.get('.github/workflows/reproducibility.yml')!,
    );
    expect(Object.keys(workflow.jobs)).toEqual([
      'dvc-lock-fresh',
      'mlflow-run-metadata',
    ]);
    expect(
      workflow.jobs['mlflow-run-metadata'].steps[1].env.REQUIRE_MLFLOW_RUN,
    ).toBe('${{ vars.REQUIRE_MLFLOW_RUN }}');
    const stages = yaml.parse(files.get('data-plane/dvc/dvc.yaml')!).stages;
    expect(stages.train.deps).toEqual(['../src/train.py']);

    // The example pipeline runs and writes what the CI checks read.
    const dir = mkdtempSync(join(tmpdir(), 'onboard-'));
    try {
      writeFileSync(
        join(dir, 'train.py'),
        files.get('data-plane/src/train.py')!,
      );
      writeFileSync(
        join(dir, 'params.yaml'),
        files.get('data-plane/dvc/params.yaml')!,
      );
      execFileSync(
        process.env.MLOPS_PYTHON ?? '/usr/bin/python3',
        ['train.py', '--metrics', 'metrics.json', '--record', 'run.json'],
        { cwd: dir, env: { PATH: process.env.PATH } },
      );
      const record = JSON.parse(
        execFileSync('cat', [join(dir, 'run.json')], { encoding: 'utf8' }),
      );
      expect(record.params).toEqual(
        yaml.parse(files.get('data-plane/dvc/params.yaml')!).train,
      );
      expect(record.metrics.accuracy).toBeGreaterThan(0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves out what the user did not ask for', async () => {
    const { response, files } = await dryRun('onboard-ml-repo', {
      ...onboardValues,
      addDvcScaffold: false,
      dvcPipelinePath: 'pipelines/dvc.yaml',
      addDocs: false,
      createExperiment: false,
      openPlatformPullRequest: false,
    });
    expect(response.status).toBe(200);
    expect([...files.keys()].sort()).toEqual([
      '.github/workflows/reproducibility.yml',
      'catalog-info.yaml',
    ]);
    const entity = yaml.parse(files.get('catalog-info.yaml')!);
    expect(entity.metadata.annotations['dvc.org/pipeline']).toBe(
      'pipelines/dvc.yaml',
    );
    expect(entity.metadata.annotations).not.toHaveProperty(
      'backstage.io/techdocs-ref',
    );
    const workflow = yaml.parse(
      files.get('.github/workflows/reproducibility.yml')!,
    );
    expect(Object.keys(workflow.jobs)).toEqual(['dvc-lock-fresh']);
    expect(workflow.jobs['dvc-lock-fresh'].steps[3].run).toContain(
      'dvc status --json pipelines/dvc.yaml',
    );
  });

  it('stops at the validation step on bad values', async () => {
    const { response } = await dryRun('onboard-ml-repo', {
      ...onboardValues,
      gitopsEngine: 'argocd',
      bucketName: 'Legacy_Data',
    });
    // The dry-run API answers the failed validation step with a 400 naming each bad field.
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Invalid ML project values: bucketName: "Legacy_Data" may contain only lowercase letters, digits, "." and "-"; canary: "flagger" needs gitopsEngine "flux"; with Argo CD use "argo-rollouts"',
    );
  });
});

/**
 * `publish:github` pushes the new repository with git over HTTPS, which msw
 * cannot speak; this stand-in records its input and answers with the
 * outputs the real action gives. Every other step runs the real action.
 */
function fakePublishModule(published: JsonObject[]) {
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'fake-publish-github',
    register({ registerInit }) {
      registerInit({
        deps: { actions: scaffolderActionsExtensionPoint },
        async init({ actions }) {
          actions.addActions(
            createTemplateAction({
              id: 'publish:github',
              schema: {
                // The real action's other inputs (branch protection, topics...) pass through.
                input: z => z.object({ repoUrl: z.string() }).passthrough(),
                output: z =>
                  z.object({
                    remoteUrl: z.string(),
                    repoContentsUrl: z.string(),
                  }),
              },
              async handler(ctx) {
                published.push({ ...ctx.input } as JsonObject);
                const [, owner, repo] =
                  /owner=([^&]+)&repo=([^&]+)/.exec(ctx.input.repoUrl) ?? [];
                ctx.output('remoteUrl', `https://github.com/${owner}/${repo}`);
                ctx.output(
                  'repoContentsUrl',
                  `https://github.com/${owner}/${repo}/blob/main`,
                );
              },
            }),
          );
        },
      });
    },
  });
}

describe('"Create new ML project" end to end', () => {
  it('runs with the real MLOps actions against MLflow and GitHub fakes and links the PR and experiment', async () => {
    const template = loadRepoTemplate('mlops-platform-versioning');
    const catalog = catalogWithLocations([template.entity]);
    const published: JsonObject[] = [];
    const mlflow = fakeMlflow(server, 'https://mlflow.example.com', {
      token: MLFLOW_TOKEN,
    });
    const platform = fakeGithub(server, {
      owner: 'acme',
      repo: 'platform-gitops',
      token: GITHUB_TOKEN,
      files: {
        'projects/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - fraud-detection\n',
      },
    });
    const { server: backend } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        fakePublishModule(published),
        catalog.factory,
        config,
      ],
    });

    const created = await request(backend)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header())
      .send({
        templateRef: 'template:default/mlops-platform-versioning',
        values: createValues,
      });
    expect(created.status).toBe(201);

    let task: { status: string; id: string } = { status: 'open', id: '' };
    for (
      let i = 0;
      i < 300 && !['completed', 'failed'].includes(task.status);
      i++
    ) {
      await new Promise(resolve => setTimeout(resolve, 100));
      task = (
        await request(backend)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
    }
    const events = await request(backend)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', mockCredentials.user.header());
    const completion = (
      events.body as Array<{
        type: string;
        body: { output?: JsonObject; message?: string };
      }>
    ).find(e => e.type === 'completion');
    // On failure this shows the task log, which names the failing step.
    expect([
      task.status,
      (events.body as Array<{ body: { message?: string } }>).map(
        e => e.body.message,
      ),
    ]).toEqual([
      'completed',
      expect.arrayContaining(['Run completed with status: completed']),
    ]);

    const links = (completion?.body.output?.links ?? []) as Array<{
      title: string;
      url?: string;
    }>;
    expect(links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Platform pull request',
          url: 'https://github.com/acme/platform-gitops/pull/1',
        }),
        expect.objectContaining({
          title: 'MLflow experiment',
          url: 'https://mlflow-ui.example.com/#/experiments/10',
        }),
      ]),
    );
    expect(published).toHaveLength(1);
    expect(catalog.registered).toEqual([
      'https://github.com/acme/churn/tree/main/catalog-info.yaml',
    ]);
    expect(mlflow.existing('churn')?.tags).toEqual([
      { key: 'backstage.io/owner', value: 'group:default/ml-team' },
      {
        key: 'backstage.io/repository',
        value: 'https://github.com/acme/churn',
      },
    ]);
    const files = platform.filesOf('mlops/register-churn')!;
    expect(files['projects/kustomization.yaml']).toContain('  - churn\n');
    expect(
      yaml.parse(files['projects/churn/gpu-quota.yaml']).spec.hard,
    ).toEqual({
      'requests.nvidia.com/gpu': '2',
    });
  });
});
