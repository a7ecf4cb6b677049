import { Entity } from '@backstage/catalog-model';
import { ReproducibilityResponse } from '@mlops-portal/plugin-mlops-common';
import {
  FAKE_MLFLOW_URL,
  createFakeMlflow,
  fakeGithub,
  recordedMlflowDataset,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { http, HttpResponse } from 'msw';
import request from 'supertest';
import {
  entityWith,
  fakeKubernetesBackend,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';
import { denyingPermissions } from '../__testUtils__/denyingPermissions';
import {
  CANARY_COMMIT,
  HEAD,
  argoApp,
  bucket,
  canaryOn,
  canaryOnVersion4,
  list,
  repoAt,
  urlReaderAtRefs,
} from '../reproducibility/__fixtures__/chain';

const path =
  '/api/mlops/entity/default/Component/fraud-detection/reproducibility';

const entity = entityWith('fraud-detection', {
  'argocd/app-name': 'argocd/fraud-detection',
});
const config = {
  mlflow: {
    instances: [
      {
        name: 'default',
        baseUrl: FAKE_MLFLOW_URL,
        uiUrl: 'https://mlflow.example.com',
      },
    ],
  },
};
const rootConfig = {
  integrations: { github: [{ host: 'github.com', token: 'ghp-test-token' }] },
};

describe('GET .../reproducibility', () => {
  const server = setupMswServer();

  function setUp(
    options: {
      repo?: Record<string, Record<string, string>>;
      app?: object;
      buckets?: object[];
      checks?: Parameters<ReturnType<typeof fakeGithub>['checkRuns']['set']>[1];
      requiredChecks?: string[];
      mlflowVersion?: '2.9' | '3.11';
      servedVersion?: string;
      kubernetes?: Record<
        string,
        { kind: string; apiVersion: string; items: object[] }
      >;
    } = {},
  ) {
    const github = fakeGithub(server, {
      owner: 'example-org',
      repo: 'fraud-detection',
      token: 'ghp-test-token',
      files: {},
      requiredChecks: options.requiredChecks ?? [
        'reproducibility',
        'dvc-outputs-pushed',
      ],
    });
    github.refs.set('main', HEAD);
    github.checkRuns.set(
      HEAD,
      options.checks ?? [
        { name: 'reproducibility', status: 'completed', conclusion: 'success' },
        {
          name: 'dvc-outputs-pushed',
          status: 'completed',
          conclusion: 'success',
        },
        { name: 'lint', status: 'completed', conclusion: 'failure' },
      ],
    );
    const mlflow = createFakeMlflow({
      version: options.mlflowVersion ?? '3.11',
      // runs/search evaluated over the recorded runs (the recorded pages ignore filters).
      dataset: {
        ...recordedMlflowDataset(options.mlflowVersion ?? '3.11'),
        recordedSearchPages: undefined,
      },
    });
    const calls: string[] = [];
    server.use(
      ...mlflow.handlers,
      ...fakeKubernetesBackend(
        {
          'gpu-prod-eu': {
            '/apis/argoproj.io/v1alpha1/applications': list('ApplicationList', [
              options.app ?? argoApp(HEAD),
            ]),
            '/apis/s3.aws.upbound.io/v1beta2/buckets': list(
              'BucketList',
              options.buckets ?? [bucket('True')],
            ),
            '/apis/serving.kserve.io/v1beta1/inferenceservices': list(
              'InferenceServiceList',
              [
                options.servedVersion
                  ? canaryOn(options.servedVersion)
                  : canaryOnVersion4,
              ],
            ),
            ...options.kubernetes,
          },
          'gpu-staging-us': {},
          'gpu-dev': {},
        },
        calls,
      ),
    );
    // main and the head commit hold the same pipeline state.
    const head = () =>
      repoAt(0.02, 50, 0.02, 50, 'a1a1a1a1a1a1a1a1', 'b2b2b2b2b2b2b2b2');
    const source = urlReaderAtRefs(
      options.repo ?? {
        main: head(),
        [HEAD]: head(),
        [CANARY_COMMIT]: repoAt(
          0.05,
          300,
          0.05,
          300,
          'c3c3c3c3c3c3c3c3',
          'd4d4d4d4d4d4d4d4',
        ),
      },
    );
    return { github, calls, source };
  }

  const get = async (
    setup: ReturnType<typeof setUp>,
    extra: {
      rootConfig?: Record<string, unknown>;
      entities?: Entity[];
      denied?: string[];
    } = {},
  ) => {
    const { server: backend } = await startMlopsTestBackend({
      features: extra.denied ? [denyingPermissions(extra.denied)] : [],
      config,
      rootConfig: extra.rootConfig ?? rootConfig,
      entities: extra.entities ?? [entity],
      urlReader: setup.source.reader,
    });
    const res = await request(backend).get(path);
    expect(res.status).toBe(200);
    return res.body as ReproducibilityResponse;
  };
  const link = (body: ReproducibilityResponse, id: string) =>
    body.links.find(l => l.id === id)!;

  it('answers every link ok and traces the canary model to another commit and its data', async () => {
    const setup = setUp();
    const body = await get(setup);

    expect(body.links.map(l => [l.id, l.status])).toEqual([
      ['code', 'ok'],
      ['gitops', 'ok'],
      ['infrastructure', 'ok'],
      ['experiment', 'ok'],
      ['data', 'ok'],
      ['serving', 'ok'],
    ]);
    expect(body.verdict).toEqual({
      reproducible: true,
      summary: 'reproducible',
    });
    expect(body.head).toMatchObject({ branch: 'main', sha: HEAD });
    // Only the required checks count: the failing lint check is not required.
    expect(link(body, 'code').reason).toBe(
      'main @ 1111111: 2 required checks passed',
    );
    expect(link(body, 'code').at).toBe('2026-11-30T08:00:00Z');
    expect(link(body, 'gitops').reason).toBe(
      'Application argocd/fraud-detection on gpu-prod-eu: Synced, Healthy; applied 1111111 = head',
    );
    expect(link(body, 'experiment').reason).toMatch(
      /FINISHED, params equal params\.yaml at 1111111/,
    );
    expect(link(body, 'experiment').url).toBe(
      'https://mlflow.example.com/#/experiments/1/runs/20b5d3628b76471392a5e649423d6dcd',
    );

    const [canary] = body.lineage;
    expect(canary).toMatchObject({
      modelName: 'fraud-detector',
      version: '4',
      role: 'canary',
      servedBy: 'gpu-prod-eu/fraud-detection/fraud-detection',
      runId: 'b0f2b846f4424801b852004b9a56e021',
      commit: CANARY_COMMIT,
      commitIsHead: false,
      lockFresh: true,
      params: { 'train.lr': '0.05', 'train.n_estimators': '300' },
    });
    expect(canary.data).toEqual([
      {
        stage: 'train',
        // The canary's lineage as the route answers it (the card's fixture states it for the UI tests: each layer's own data).
        path: 'data/raw.csv',
        kind: 'dep',
        hash: 'c3c3c3c3c3c3c3c3',
      },
      {
        stage: 'train',
        path: 'models/model.pkl',
        kind: 'out',
        hash: 'd4d4d4d4d4d4d4d4',
      },
    ]);
    expect(canary.nodes.map(n => [n.kind, n.label, n.status])).toEqual([
      ['model-version', 'fraud-detector v4', 'ok'],
      ['run', expect.stringMatching(/^run /), 'ok'],
      ['commit', '9a8b7c6', 'ok'],
      ['data', 'data/raw.csv c3c3c3c3', 'ok'],
      ['data', 'models/model.pkl d4d4d4d4', 'ok'],
    ]);
    // dvc.lock was read at the canary's commit, not at the branch.
    expect(setup.source.reads).toContain(
      `https://github.com/example-org/fraud-detection/tree/${CANARY_COMMIT}/data-plane/dvc/dvc.lock`,
    );
    // Kubernetes objects of three clusters were read; the GitHub token never leaves the backend.
    expect(setup.calls.some(c => c.startsWith('gpu-dev '))).toBe(true);
    expect(JSON.stringify(body)).not.toContain('ghp-test-token');
  });

  it('names the first broken link in the verdict: the canary commit whose dvc.lock was stale', async () => {
    const setup = setUp({
      repo: {
        main: repoAt(0.02, 50, 0.02, 50, 'a1', 'b2'),
        [HEAD]: repoAt(0.02, 50, 0.02, 50, 'a1', 'b2'),
        [CANARY_COMMIT]: repoAt(0.05, 300, 0.05, 200, 'c3', 'd4'),
      },
    });
    const body = await get(setup);
    expect(link(body, 'serving').status).toBe('failing');
    expect(body.lineage[0].lockFresh).toBe(false);
    expect(body.lineage[0].nodes.find(n => n.kind === 'commit')).toMatchObject({
      status: 'failing',
      reason: expect.stringMatching(
        /^dvc\.lock at 9a8b7c6 was stale: train: .*n_estimators/,
      ),
    });
    expect(body.verdict).toMatchObject({
      reproducible: false,
      firstBroken: 'serving',
    });
    expect(body.verdict.summary).toMatch(
      /^broken at Serving: canary fraud-detector v4: dvc\.lock at 9a8b7c6 was stale/,
    );
  });

  it('fails each link on its own failure mode and says why', async () => {
    const setup = setUp({
      checks: [
        { name: 'reproducibility', status: 'completed', conclusion: 'failure' },
        { name: 'dvc-outputs-pushed', status: 'in_progress', conclusion: null },
      ],
      app: argoApp(
        '0000000000000000000000000000000000000000',
        'Degraded',
        'OutOfSync',
      ),
      buckets: [bucket('False', 'False')],
      repo: {
        main: repoAt(0.02, 60, 0.02, 50, 'a1', 'b2'),
        [HEAD]: repoAt(0.02, 60, 0.02, 50, 'a1', 'b2'),
        [CANARY_COMMIT]: repoAt(0.05, 300, 0.05, 300, 'c3', 'd4'),
      },
    });
    const body = await get(setup);
    expect(link(body, 'code')).toMatchObject({
      status: 'failing',
      reason: 'main @ 1111111: reproducibility completed/failure',
    });
    expect(link(body, 'gitops')).toMatchObject({ status: 'failing' });
    expect(link(body, 'gitops').reason).toMatch(
      /OutOfSync, Degraded; applied 0000000, head is 1111111: behind: Deployment fraud-detection-mlflow has 0 available replicas/,
    );
    expect(link(body, 'infrastructure')).toMatchObject({ status: 'failing' });
    expect(link(body, 'infrastructure').reason).toMatch(
      /buckets fraud-detection-artifacts \(gpu-prod-eu\): Ready False, Synced False: Creating/,
    );
    expect(link(body, 'experiment')).toMatchObject({
      status: 'failing',
      reason: expect.stringMatching(
        /n_estimators: run '50', params\.yaml '60'/,
      ),
    });
    expect(link(body, 'data')).toMatchObject({
      status: 'failing',
      reason: expect.stringMatching(/^dvc\.lock at 1111111 is stale: train: /),
    });
    expect(body.verdict).toMatchObject({
      reproducible: false,
      firstBroken: 'code',
    });
  });

  it('warns when the applied revision is behind head, or a required check has not reported', async () => {
    const setup = setUp({
      app: argoApp(CANARY_COMMIT),
      checks: [
        { name: 'reproducibility', status: 'completed', conclusion: 'success' },
      ],
    });
    const body = await get(setup);
    expect(link(body, 'gitops')).toMatchObject({
      status: 'warning',
      reason: expect.stringMatching(
        /applied 9a8b7c6, head is 1111111: behind$/,
      ),
    });
    expect(link(body, 'code')).toMatchObject({
      status: 'warning',
      reason: 'main @ 1111111: required dvc-outputs-pushed did not report',
    });
    expect(body.verdict).toMatchObject({
      reproducible: true,
      summary: 'reproducible (with warnings: Code, GitOps)',
    });
  });

  it('says why a link cannot be read and still shows the rest', async () => {
    const setup = setUp();
    // github.com without a token (Backstage's default integration reads anonymously):
    // the private repository answers 401. And no GitOps annotation.
    const body = await get(setup, {
      rootConfig: {
        integrations: { github: [{ host: 'ghe.example.com', token: 'x' }] },
      },
      entities: [entityWith('fraud-detection', {})],
    });
    expect(link(body, 'code')).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(
        /refused the portal's github\.com integration credentials \(HTTP 401\)/,
      ),
      error: { code: 'UpstreamAuthRejected' },
    });
    expect(link(body, 'gitops')).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(
        /^annotation missing: argocd\/app-name \(Argo CD\) or fluxcd\.io\/kustomization/,
      ),
      error: { annotation: 'argocd/app-name' },
    });
    expect(link(body, 'experiment')).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/^head commit unknown/),
    });
    // The links that need no head commit still answer.
    expect(link(body, 'infrastructure').status).toBe('ok');
    expect(link(body, 'data')).toMatchObject({
      status: 'warning',
      reason: expect.stringMatching(/fresh.*head commit unknown/),
    });
    expect(link(body, 'serving').status).toBe('ok');
    expect(body.verdict).toMatchObject({
      reproducible: false,
      firstBroken: 'code',
    });
    expect(body.verdict.summary).toMatch(/^not proven: Code: /);
  });

  it('names the host that has no SCM integration', async () => {
    const setup = setUp();
    const body = await get(setup, {
      entities: [
        entityWith('fraud-detection', {
          'argocd/app-name': 'argocd/fraud-detection',
          'backstage.io/source-location':
            'url:https://git.example.com/ml/fraud-detection/tree/main/',
        }),
      ],
    });
    expect(link(body, 'code')).toMatchObject({
      status: 'unknown',
      reason:
        'the portal has no GitHub or GitLab integration for git.example.com (integrations.github / integrations.gitlab)',
      error: {
        code: 'NotConfigured',
        annotation: 'backstage.io/source-location',
      },
    });
    expect(link(body, 'infrastructure').status).toBe('ok');
  });

  it('says the integration has no permission when GitHub refuses its credentials', async () => {
    const setup = setUp();
    server.use(
      http.get('https://api.github.com/repos/example-org/fraud-detection', () =>
        HttpResponse.json(
          { message: 'Resource not accessible by integration', status: '403' },
          { status: 403 },
        ),
      ),
    );
    const body = await get(setup);
    expect(link(body, 'code')).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(
        /refused the portal's github\.com integration credentials \(HTTP 403\): no permission/,
      ),
      error: { code: 'UpstreamAuthRejected' },
    });
    expect(link(body, 'gitops').status).toBe('ok');
  });

  it('reads the GitLab pipeline of the head commit with the integration token', async () => {
    const setup = setUp();
    let token: string | null = null;
    const api =
      'https://gitlab.example.com/api/v4/projects/ml%2Ffraud-detection';
    server.use(
      http.get(api, ({ request: r }) => {
        token = r.headers.get('authorization');
        return HttpResponse.json({
          id: 7,
          path_with_namespace: 'ml/fraud-detection',
          default_branch: 'main',
        });
      }),
      http.get(`${api}/repository/branches/main`, () =>
        HttpResponse.json({
          name: 'main',
          commit: {
            id: HEAD,
            short_id: '1111111',
            committed_date: '2026-11-30T08:00:00.000+00:00',
            web_url: `https://gitlab.example.com/ml/fraud-detection/-/commit/${HEAD}`,
          },
        }),
      ),
      http.get(`${api}/repository/commits/${HEAD}`, () =>
        HttpResponse.json({
          id: HEAD,
          last_pipeline: {
            id: 42,
            sha: HEAD,
            ref: 'main',
            status: 'failed',
            web_url:
              'https://gitlab.example.com/ml/fraud-detection/-/pipelines/42',
          },
        }),
      ),
    );
    const body = await get(setup, {
      rootConfig: {
        integrations: {
          gitlab: [
            {
              host: 'gitlab.example.com',
              token: 'glpat-test',
              apiBaseUrl: 'https://gitlab.example.com/api/v4',
            },
          ],
        },
      },
      entities: [
        entityWith('fraud-detection', {
          'argocd/app-name': 'argocd/fraud-detection',
          'backstage.io/source-location':
            'url:https://gitlab.example.com/ml/fraud-detection/-/tree/main/',
        }),
      ],
    });
    expect(link(body, 'code')).toMatchObject({
      status: 'failing',
      reason: 'main @ 1111111: pipeline #42 failed',
      url: `https://gitlab.example.com/ml/fraud-detection/-/commit/${HEAD}`,
    });
    expect(token).toBe('Bearer glpat-test');
  });

  it('traces a version of an MLflow 2.9 server (no LoggedModels) through its run to its commit', async () => {
    const setup = setUp({ mlflowVersion: '2.9', servedVersion: '2' });
    const body = await get(setup);
    expect(body.lineage[0]).toMatchObject({
      version: '2',
      runId: 'ef3ddc348bff489495f8c92023e5c033',
      commit: CANARY_COMMIT,
      lockFresh: true,
    });
    // The recorded 2.9 runs have no run of the head commit.
    expect(link(body, 'experiment')).toMatchObject({
      status: 'failing',
      reason:
        'no MLflow run of head commit 1111111 in experiment fraud-detection',
    });
  });

  it('marks a served version MLflow does not know as the broken node', async () => {
    const setup = setUp({ servedVersion: '9' });
    const body = await get(setup);
    expect(body.lineage[0].nodes).toEqual([
      expect.objectContaining({
        kind: 'model-version',
        status: 'failing',
        reason: 'MLflow has no version 9 of fraud-detector',
      }),
    ]);
    expect(link(body, 'serving')).toMatchObject({
      status: 'failing',
      reason:
        'canary fraud-detector v9: MLflow has no version 9 of fraud-detector',
    });
  });

  it('reads a Flux Kustomization: Ready and the last applied revision', async () => {
    const kustomization = (ready: string, revision: string) => ({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'fraud-detection', namespace: 'flux-system' },
      spec: {
        interval: '5m',
        path: './control-plane',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'fraud-detection' },
      },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: ready,
            reason:
              ready === 'True'
                ? 'ReconciliationSucceeded'
                : 'ReconciliationFailed',
            message:
              ready === 'True'
                ? `Applied revision: main@sha1:${revision}`
                : 'kustomize build failed: accumulating resources',
            lastTransitionTime: '2026-11-30T08:40:00Z',
          },
        ],
        lastAppliedRevision: `main@sha1:${revision}`,
        lastAttemptedRevision: `main@sha1:${HEAD}`,
      },
    });
    const flux = entityWith('fraud-detection', {
      'fluxcd.io/kustomization': 'flux-system/fraud-detection',
    });
    const ok = await get(
      setUp({
        kubernetes: {
          '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations': list(
            'KustomizationList',
            [kustomization('True', HEAD)],
          ),
        },
      }),
      { entities: [flux] },
    );
    expect(link(ok, 'gitops')).toMatchObject({
      status: 'ok',
      reason:
        'Kustomization flux-system/fraud-detection on gpu-prod-eu: Ready True (ReconciliationSucceeded); applied 1111111 = head',
      at: '2026-11-30T08:40:00Z',
    });
    // The failing case reads like the ok one above: the same request with another Kustomization.
    const failed = await get(
      setUp({
        kubernetes: {
          '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations': list(
            'KustomizationList',
            [kustomization('False', CANARY_COMMIT)],
          ),
        },
      }),
      { entities: [flux] },
    );
    expect(link(failed, 'gitops')).toMatchObject({
      status: 'failing',
      reason: expect.stringMatching(
        /Ready False \(ReconciliationFailed\); applied 9a8b7c6, head is 1111111: behind: kustomize build failed/,
      ),
    });
    const missing = await get(setUp(), { entities: [flux] });
    expect(link(missing, 'gitops')).toMatchObject({
      status: 'failing',
      reason: 'Kustomization flux-system/fraud-detection exists in no cluster',
    });
  });

  it('shows no more than the cards would: a link whose card the caller may not read says so', async () => {
    const body = await get(setUp(), { denied: ['mlops.canary.read'] });
    expect(link(body, 'serving')).toMatchObject({
      status: 'unknown',
      reason:
        'mlops.canary.read is not allowed on component:default/fraud-detection',
      error: { code: 'NotAllowed' },
    });
    expect(body.lineage).toEqual([]);
    expect(link(body, 'experiment').status).toBe('ok');
    expect(link(body, 'data').status).toBe('ok');
  });
});
