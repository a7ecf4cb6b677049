import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { JsonObject } from '@backstage/types';
import { baseValues, combinations } from './combinations';
// The render tests each import the renderAll helpers they use: a list of names, not repeated logic.
import {
  fileText,
  removeRendered,
  renderAll,
  RenderedCombination,
} from './renderAll';
import {
  KubernetesObject,
  validateKubernetesObjects,
} from '../../validators/kubernetesObjects';
import { python, runTool } from '../../validators/systemTools';

type AnyObject = KubernetesObject & { spec?: any; [key: string]: any };

const combination = (id: string): JsonObject => {
  const found = combinations.find(c => c.id === id);
  if (!found) throw new Error(`no combination ${id}`);
  return found.values;
};

const cases = [
  { id: 'deployment', values: baseValues },
  { id: 'kserve-argocd-s3', values: combination('kserve-argocd-s3') },
  {
    id: 'kserve-flux-minio',
    values: {
      ...baseValues,
      storage: 'minio',
      minioEndpoint: 'https://minio.storage.example.org:9443',
      gitopsEngine: 'flux',
      serving: 'kserve',
    },
  },
  {
    id: 'ray-serve-ray-training-gpu-flux-minio',
    values: combination('ray-serve-ray-training-gpu-flux-minio'),
  },
  {
    id: 'ray-training-deployment-rollouts-argocd',
    values: combination('ray-training-deployment-rollouts-argocd'),
  },
  {
    id: 'ray-serve-gitlab-argocd',
    values: {
      ...baseValues,
      repoUrl: 'gitlab.com?owner=acme&repo=fraud-detection',
      serving: 'ray-serve',
    },
  },
];

describe('templates/mlops-platform-versioning: training and serving choices', () => {
  let rendered: RenderedCombination[] = [];
  const get = (id: string) => rendered.find(r => r.id === id)!;

  /** The objects `kubectl kustomize <dir>` builds, as the GitOps engine would apply them. */
  const build = (id: string, dir: string): AnyObject[] => {
    const run = runTool('kubectl', ['kustomize', path.join(get(id).dir, dir)]);
    if (run.status !== 0) throw new Error(`${id} ${dir}: ${run.output}`);
    return parseAllDocuments(run.output).map(doc => doc.toJS());
  };
  /**
   * The serving, training and delivery parts of control-plane/ (each folder
   * the root kustomization lists for them), as the GitOps engine applies them.
   */
  const built = (id: string, dir?: string): AnyObject[] => {
    if (dir) return build(id, dir);
    const root = parse(fileText(get(id), 'control-plane/kustomization.yaml'));
    return ['serving', 'gitops', 'kserve', 'kuberay', 'training', 'platform']
      .filter(part => (root.resources as string[]).includes(part))
      .flatMap(part => build(id, `control-plane/${part}`));
  };
  const ofKind = (objects: AnyObject[], kind: string) =>
    objects.filter(o => o.kind === kind);

  beforeAll(async () => {
    rendered = await renderAll(cases);
  }, 180_000);

  afterAll(() => removeRendered(rendered));

  it('the MLflow model server Deployment, its Service and HTTPRoute exist only with serving "deployment"', () => {
    const deployment = built('deployment');
    expect(
      ofKind(deployment, 'Deployment').map(d => d.metadata?.name),
    ).toContain('fraud-detection-serving');
    expect(
      ofKind(deployment, 'HTTPRoute').map(i => i.metadata?.name),
    ).toContain('fraud-detection-serving');

    for (const id of [
      'kserve-argocd-s3',
      'kserve-flux-minio',
      'ray-serve-ray-training-gpu-flux-minio',
      'ray-serve-gitlab-argocd',
    ]) {
      const objects = built(id);
      const servingObjects = objects
        .filter(o => /-serving(-canary)?$/.test(o.metadata?.name ?? ''))
        .map(o => `${o.kind}/${o.metadata?.name}`);
      expect({ id, servingObjects }).toEqual({ id, servingObjects: [] });
      expect(ofKind(objects, 'Rollout')).toEqual([]);
      expect(ofKind(objects, 'Canary')).toEqual([]);
      const files = [...get(id).result.files.keys()];
      expect(
        files.filter(f =>
          /^control-plane\/serving\/(deployment|service|http-route)\.yaml$/.test(
            f,
          ),
        ),
      ).toEqual([]);
    }
  });

  it('KServe serves the model version pinned in served-model.env from the bucket chosen on the form, credentials by Secret name only', () => {
    for (const id of ['kserve-argocd-s3', 'kserve-flux-minio']) {
      const objects = built(id);
      const [isvc] = ofKind(objects, 'InferenceService');
      expect(isvc.metadata).toMatchObject({
        name: 'fraud-detection',
        namespace: 'fraud-detection',
        annotations: { 'serving.kserve.io/deploymentMode': 'Standard' },
      });
      const predictor = isvc.spec.predictor;
      expect(predictor.model.modelFormat.name).toBe('mlflow');
      expect(fileText(get(id), 'control-plane/serving/served-model.env')).toBe(
        'MODEL_NAME=fraud-detection\nMODEL_VERSION=1\n',
      );
      expect(predictor.model.storageUri).toBe(
        's3://acme-fraud-detection-artifacts/models/fraud-detection/1',
      );
      expect(predictor.model.resources.requests).toEqual({
        cpu: '250m',
        memory: '512Mi',
      });
      const [account] = ofKind(objects, 'ServiceAccount').filter(
        a => a.metadata?.name === predictor.serviceAccountName,
      );
      expect(account.secrets).toEqual([{ name: 'mlflow-object-store' }]);
      // No credentials are committed: the only Secret is Argo CD's public OCI chart repository.
      for (const secret of ofKind(objects, 'Secret')) {
        expect(Object.keys(secret.stringData ?? {}).sort()).toEqual([
          'enableOCI',
          'name',
          'type',
          'url',
        ]);
        expect(secret.data).toBeUndefined();
      }
    }
  });

  it('KServe and cert-manager are pinned charts of the cluster layer, installed by the chosen GitOps engine, pointed at MinIO when chosen', () => {
    // Not the project's: the cluster layer's parts (once per cluster).
    expect(ofKind(built('kserve-argocd-s3'), 'Application')).toEqual([]);
    const layer = (id: string) => [
      ...build(id, 'cluster-layer/cert-manager'),
      ...build(id, 'cluster-layer/kserve'),
    ];
    const apps = ofKind(layer('kserve-argocd-s3'), 'Application');
    const charts = apps
      .map(a => `${a.spec.source.chart}@${a.spec.source.targetRevision}`)
      .sort();
    expect(charts).toEqual([
      'cert-manager@v1.21.1',
      'kserve-crd@v0.20.0',
      'kserve-resources@v0.20.0',
      'kserve-runtime-configs@v0.20.0',
    ]);
    const kserveApp = apps.find(
      a => a.spec.source.chart === 'kserve-resources',
    )!;
    expect(
      kserveApp.spec.source.helm.valuesObject.kserve.controller.deploymentMode,
    ).toBe('Standard');
    // S3: AWS's endpoint, in the cluster's region.
    expect(kserveApp.spec.source.helm.valuesObject.kserve.storage).toEqual({
      s3: { region: 'eu-west-1' },
    });

    expect(
      get('kserve-flux-minio').result.files.has(
        'control-plane/platform/kustomization.yaml',
      ),
    ).toBe(false);
    const platform = layer('kserve-flux-minio');
    const releases = ofKind(platform, 'HelmRelease');
    const kserve = releases.find(r => r.metadata?.name === 'kserve')!;
    expect(kserve.spec.dependsOn).toEqual([
      { name: 'cert-manager' },
      { name: 'kserve-crd' },
    ]);
    expect(kserve.spec.values.kserve.storage.s3).toEqual({
      endpoint: 'minio.storage.example.org:9443',
      useHttps: '1',
      region: 'us-east-1',
    });
    expect(
      ofKind(platform, 'HelmRepository').find(
        r => r.metadata?.name === 'kserve',
      )?.spec,
    ).toMatchObject({ type: 'oci', url: 'oci://ghcr.io/kserve/charts' });
  });

  it('Ray Serve runs serving/ray_serve_app.py from this repository and loads the version pinned in served-model.env from MLflow', () => {
    for (const [id, archive] of [
      [
        'ray-serve-ray-training-gpu-flux-minio',
        'https://github.com/acme/fraud-detection/archive/refs/heads/main.zip',
      ],
      [
        'ray-serve-gitlab-argocd',
        'https://gitlab.com/acme/fraud-detection/-/archive/main/fraud-detection-main.zip',
      ],
    ]) {
      const [service] = ofKind(built(id), 'RayService');
      const [app] = parse(service.spec.serveConfigV2).applications;
      expect(app.import_path).toBe('serving.ray_serve_app:app');
      expect(app.runtime_env.working_dir).toBe(archive);
      expect(app.runtime_env.env_vars.MLFLOW_TRACKING_URI).toBe(
        'http://mlflow.fraud-detection.svc.cluster.local:5000',
      );
      // No runtime_env pip: the packages are in the Ray image CI builds (images/ray).
      expect(app.runtime_env.pip).toBeUndefined();
      const worker =
        service.spec.rayClusterConfig.workerGroupSpecs[0].template.spec
          .containers[0];
      expect(
        worker.env.filter((e: { name: string }) => e.name.startsWith('MODEL_')),
      ).toEqual([
        { name: 'MODEL_NAME', value: 'fraud-detection' },
        { name: 'MODEL_VERSION', value: '1' },
      ]);
      expect(fileText(get(id), 'serving/ray_serve_app.py')).toContain(
        "f\"models:/{os.environ['MODEL_NAME']}/{int(os.environ['MODEL_VERSION'])}\"",
      );
      expect(get(id).result.files.has('serving/ray_serve_app.py')).toBe(true);
    }
  });

  it('one KubeRay operator serves both Ray Serve and Ray training', () => {
    const id = 'ray-serve-ray-training-gpu-flux-minio';
    // The cluster layer's operator (once per cluster, every namespace).
    const operators = ofKind(
      build(id, 'cluster-layer/kuberay-operator'),
      'HelmRelease',
    ).filter(r => r.spec.chart.spec.chart === 'kuberay-operator');
    expect(operators).toHaveLength(1);
    expect(operators[0].spec.chart.spec.version).toBe('1.7.0');
    const root = built(id);
    expect(ofKind(root, 'RayService')).toHaveLength(1);
    expect(ofKind(root, 'RayCluster')).toHaveLength(1);
    expect(ofKind(root, 'RayJob')).toHaveLength(1);

    const argo = ofKind(
      build(
        'ray-training-deployment-rollouts-argocd',
        'cluster-layer/kuberay-operator',
      ),
      'Application',
    ).filter(a => a.spec.source.chart === 'kuberay-operator');
    expect(argo).toHaveLength(1);
    expect(
      ofKind(built('ray-training-deployment-rollouts-argocd'), 'Application'),
    ).toEqual([]);
  });

  it('the RayJob trains on the RayCluster and asks for GPUs only when the GPU node group is chosen', () => {
    const gpu = built('ray-serve-ray-training-gpu-flux-minio');
    const [job] = ofKind(gpu, 'RayJob');
    const [cluster] = ofKind(gpu, 'RayCluster');
    expect(job.spec.clusterSelector).toEqual({
      'ray.io/cluster': cluster.metadata?.name,
    });
    expect(job.spec.entrypoint).toBe(
      'python training/ray_train.py --params data-plane/dvc/params.yaml --folds 5 --gpus-per-task 1',
    );
    expect(parse(job.spec.runtimeEnvYAML).env_vars.MLFLOW_TRACKING_URI).toBe(
      'http://mlflow.fraud-detection.svc.cluster.local:5000',
    );
    const gpuGroup = cluster.spec.workerGroupSpecs.find(
      (g: any) => g.groupName === 'gpu',
    );
    expect(gpuGroup.maxReplicas).toBe(2);
    expect(gpuGroup.template.spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(
      gpuGroup.template.spec.containers[0].resources.limits['nvidia.com/gpu'],
    ).toBe(1);

    const cpuOnly = built('ray-training-deployment-rollouts-argocd');
    const [cpuJob] = ofKind(cpuOnly, 'RayJob');
    const [cpuCluster] = ofKind(cpuOnly, 'RayCluster');
    expect(cpuJob.spec.entrypoint).not.toContain('--gpus-per-task');
    expect(
      cpuCluster.spec.workerGroupSpecs.map((g: any) => g.groupName),
    ).toEqual(['cpu']);
    expect(JSON.stringify([cpuJob, cpuCluster])).not.toContain(
      'nvidia.com/gpu',
    );
  });

  it('every Ray and KServe object validates against the upstream CRD schema of the pinned release', () => {
    const objects = [
      ...built('kserve-argocd-s3'),
      ...built('ray-serve-ray-training-gpu-flux-minio'),
    ].filter(o => /(ray\.io|serving\.kserve\.io)\//.test(o.apiVersion));
    expect(objects.map(o => o.kind).sort()).toEqual([
      'InferenceService',
      'RayCluster',
      'RayJob',
      'RayService',
    ]);
    const failures = validateKubernetesObjects(objects)
      .filter(v => v.errors.length > 0 || !v.validatedBy.includes('crd'))
      .map(v => `${v.object.kind}: ${v.errors.join('; ')}`);
    expect(failures).toEqual([]);
    // The canary docs/serving.md tells users to add is a valid InferenceService too.
    const doc = fileText(get('kserve-argocd-s3'), 'docs/serving.md');
    const snippet = doc.match(/```yaml\n([\s\S]*?)```/)![1];
    const documented = parse(snippet.replace(/^ {3}/gm, '')) as {
      spec: { canary: unknown[] };
    };
    expect(documented.spec.canary).toHaveLength(1);
    const [isvc] = objects.filter(o => o.kind === 'InferenceService');
    const [withCanary] = validateKubernetesObjects([
      { ...isvc, spec: { ...isvc.spec, canary: documented.spec.canary } },
    ]);
    expect(withCanary.errors).toEqual([]);
    // A misspelt field would be dropped silently by the API server; the closed schema refuses it.
    const [job] = objects.filter(o => o.kind === 'RayJob');
    const [typo] = validateKubernetesObjects([
      { ...job, spec: { ...job.spec, entrypointt: 'python x.py' } },
    ]);
    expect(typo.errors.join('\n')).toContain('entrypointt');
  });

  it('the Ray scripts compile, and ray_train.py trains with the parameters of params.yaml', () => {
    const r = get('ray-serve-ray-training-gpu-flux-minio');
    const compile = runTool(
      python,
      ['-m', 'py_compile', 'training/ray_train.py', 'serving/ray_serve_app.py'],
      { cwd: r.dir },
    );
    expect(compile).toEqual({ status: 0, output: '' });

    const train = (params: string) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.MLFLOW_TRACKING_URI;
      const run = runTool(
        python,
        [
          'training/ray_train.py',
          '--params',
          params,
          '--folds',
          '3',
          '--local',
        ],
        { cwd: r.dir, env },
      );
      expect({
        status: run.status,
        output: run.status ? run.output : '',
      }).toEqual({
        status: 0,
        output: '',
      });
      return JSON.parse(run.output.trim().split('\n').pop()!);
    };
    const paramsFile = path.join(r.dir, 'data-plane/dvc/params.yaml');
    const params = parse(fs.readFileSync(paramsFile, 'utf8'));
    const first = train('data-plane/dvc/params.yaml');
    expect(first.params).toEqual(params.train);
    expect(first.folds).toBe(3);
    expect(first.mlflow).toBeNull();
    expect(first.metrics.cv_accuracy_mean).toBeGreaterThan(0.6);

    const changed = path.join(r.dir, 'changed-params.yaml');
    fs.writeFileSync(
      changed,
      JSON.stringify({
        ...params,
        train: { ...params.train, model: 'logistic_regression' },
      }),
    );
    const second = train('changed-params.yaml');
    expect(second.params.model).toBe('logistic_regression');
    expect(second.metrics).not.toEqual(first.metrics);
  });

  it('the README says how to reach the chosen serving and the Ray dashboard', () => {
    const readme = (id: string) => fileText(get(id), 'README.md');
    expect(readme('deployment')).toContain(
      '`POST https://fraud-detection-serving.internal/invocations` from inside the VPC',
    );
    expect(readme('kserve-argocd-s3')).toContain(
      'port-forward svc/fraud-detection-predictor',
    );
    expect(readme('kserve-argocd-s3')).not.toContain('/invocations');
    const ray = readme('ray-serve-ray-training-gpu-flux-minio');
    expect(ray).toContain('port-forward svc/fraud-detection-serve-svc 8000');
    expect(ray).toContain('port-forward svc/fraud-detection-ray-head-svc 8265');
    expect(readme('deployment')).not.toContain('8265');
    expect(readme('ray-training-deployment-rollouts-argocd')).toContain(
      'port-forward svc/fraud-detection-ray-head-svc 8265',
    );
  });
});
