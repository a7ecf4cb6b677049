import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { JsonObject } from '@backstage/types';
import { baseValues, combinations } from './combinations';
import {
  fileText,
  removeRendered,
  renderAll,
  RenderedCombination,
  template,
} from './renderAll';

/** Files that exist only for one option value; present exactly when it is chosen. */
const optionFiles: Array<{
  when: (values: JsonObject) => boolean;
  label: string;
  files: string[];
}> = [
  {
    label: 'storage s3',
    when: v => v.storage === 's3',
    files: [
      'control-plane/cluster/provider-config.yaml',
      'control-plane/cluster/kustomization.yaml',
    ],
  },
  {
    label: 'storage minio',
    when: v => v.storage === 'minio',
    files: ['control-plane/crossplane/provider-configs/minio.yaml'],
  },
  {
    label: 'Argo CD',
    when: v => v.gitopsEngine === 'argocd',
    files: ['control-plane/gitops/argo-cd-app.yaml'],
  },
  {
    label: 'Flux',
    when: v => v.gitopsEngine === 'flux',
    files: ['control-plane/gitops/flux-kustomization.yaml'],
  },
  {
    label: 'any canary',
    when: v => v.canary !== 'none',
    files: [
      'control-plane/gitops/kustomization.yaml',
      'control-plane/gitops/rollout-canary.yaml',
      'control-plane/gitops/metrics-config.yaml',
      'control-plane/ci-cd/canary-checks.yaml',
      'control-plane/ci-cd/checks/check_canary_gates.py',
      '.github/workflows/canary-gate.yml',
      'docs/canary-flow.md',
    ],
  },
  {
    label: 'Flagger',
    when: v => v.canary === 'flagger',
    files: [
      'control-plane/gitops/flagger/kustomization.yaml',
      'control-plane/gitops/flagger/flagger-release.yaml',
    ],
  },
  {
    // Flagger creates the serving Services itself.
    label: 'no Flagger',
    when: v => v.canary !== 'flagger',
    files: ['control-plane/serving/service.yaml'],
  },
  {
    label: 'observability',
    when: v => v.observability === true,
    files: [
      'control-plane/observability/kustomization.yaml',
      'control-plane/observability/namespace.yaml',
      'control-plane/observability/helm/kustomization.yaml',
      'control-plane/observability/helm/helm-releases.yaml',
      'control-plane/observability/dashboards/model-serving-gpu.yaml',
    ],
  },
  {
    label: 'Airflow',
    when: v => v.orchestration === 'airflow',
    files: [
      'control-plane/orchestration/kustomization.yaml',
      'control-plane/orchestration/namespace.yaml',
      'control-plane/orchestration/helm/kustomization.yaml',
      'control-plane/orchestration/helm/helm-release.yaml',
      'control-plane/orchestration/pipeline-runner-rbac.yaml',
      'orchestration/dags/dvc_pipeline.py',
    ],
  },
  {
    // Flux installs Helm releases (and their CRDs) before the project.
    label: 'Flux with Helm-installed components',
    when: v =>
      v.gitopsEngine === 'flux' &&
      (v.canary === 'flagger' ||
        v.observability === true ||
        v.orchestration === 'airflow' ||
        v.streaming === true),
    files: ['control-plane/platform/kustomization.yaml'],
  },
  {
    label: 'Kafka',
    when: v => v.streaming === true,
    files: [
      'control-plane/streaming/kustomization.yaml',
      'control-plane/streaming/namespace.yaml',
      'control-plane/streaming/kafka-cluster.yaml',
      'control-plane/streaming/helm/kustomization.yaml',
      'control-plane/streaming/helm/strimzi-operator.yaml',
    ],
  },
  {
    label: 'MLflow ingress',
    when: v => v.mlflowExposure === 'ingress',
    files: ['control-plane/mlflow/config/ingress.yaml'],
  },
];

/** Single-option changes from the base values, and every file each may touch. */
const flips: Array<{
  id: string;
  /** Starting point when the base values cannot take the change alone. */
  from?: JsonObject;
  change: JsonObject;
  mayChange: RegExp[];
}> = [
  {
    id: 'gpu',
    change: {
      gpuEnabled: true,
      gpuInstanceType: 'g6.xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 2,
    },
    mayChange: [
      /^control-plane\/cluster\/nodegroup\.yaml$/,
      /^control-plane\/README\.md$/,
      /^docs\/architecture\.md$/,
    ],
  },
  {
    id: 'storage',
    change: {
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
    },
    mayChange: [
      /^\.dvc\/config$/,
      /^control-plane\/(cluster|crossplane)\//,
      /^control-plane\/kustomization\.yaml$/,
      /^control-plane\/mlflow\/deployment\.yaml$/,
      /^scripts\//,
      /README\.md$/,
      /^docs\//,
    ],
  },
  {
    id: 'gitops',
    change: { gitopsEngine: 'flux' },
    mayChange: [
      /^control-plane\/gitops\//,
      /^control-plane\/kustomization\.yaml$/,
      /^scripts\//,
      /README\.md$/,
      /^docs\//,
    ],
  },
  {
    id: 'canary',
    // A canary needs observability, so start from base values that have it.
    from: { observability: true },
    change: { canary: 'argo-rollouts' },
    mayChange: [
      /^control-plane\/gitops\//,
      /^control-plane\/ci-cd\//,
      /^control-plane\/serving\/deployment\.yaml$/,
      /^control-plane\/cluster\/nodegroup\.yaml$/,
      /^control-plane\/kustomization\.yaml$/,
      /^\.github\/workflows\/canary-gate\.yml$/,
      /^scripts\//,
      /^mkdocs\.yml$/,
      /README\.md$/,
      /^docs\//,
    ],
  },
  {
    id: 'observability',
    change: { observability: true },
    mayChange: [
      /^control-plane\/observability\//,
      /^control-plane\/kustomization\.yaml$/,
      /^scripts\/validate-end-to-end\.sh$/,
      /README\.md$/,
      /^docs\/(index|architecture)\.md$/,
    ],
  },
  {
    id: 'orchestration',
    change: { orchestration: 'airflow' },
    mayChange: [
      /^control-plane\/orchestration\//,
      /^orchestration\/dags\//,
      /^control-plane\/kustomization\.yaml$/,
      /^scripts\/validate-end-to-end\.sh$/,
      /README\.md$/,
      /^docs\/(index|architecture)\.md$/,
    ],
  },
  {
    id: 'streaming',
    change: { streaming: true },
    mayChange: [
      /^control-plane\/streaming\//,
      /^control-plane\/kustomization\.yaml$/,
      /^scripts\/validate-end-to-end\.sh$/,
      /README\.md$/,
      /^docs\/(index|architecture)\.md$/,
    ],
  },
  {
    id: 'exposure',
    change: { mlflowExposure: 'ingress', mlflowHost: 'mlflow.example.com' },
    mayChange: [
      /^control-plane\/mlflow\//,
      /^catalog-info\.yaml$/,
      // The READMEs say how to reach MLflow.
      /README\.md$/,
    ],
  },
];

function changedFiles(a: RenderedCombination, b: RenderedCombination) {
  const paths = new Set([...a.result.files.keys(), ...b.result.files.keys()]);
  return [...paths]
    .filter(file => {
      const left = a.result.files.get(file);
      const right = b.result.files.get(file);
      return !left || !right || !left.equals(right);
    })
    .sort();
}

describe('templates/mlops-platform-versioning: every choice changes the output only where it should', () => {
  let rendered: RenderedCombination[] = [];

  beforeAll(async () => {
    rendered = await renderAll([
      ...combinations,
      { id: 'base', values: baseValues },
      ...flips.flatMap(flip => [
        ...(flip.from
          ? [{ id: `from-${flip.id}`, values: { ...baseValues, ...flip.from } }]
          : []),
        {
          id: `flip-${flip.id}`,
          values: { ...baseValues, ...flip.from, ...flip.change },
        },
      ]),
    ]);
  }, 120_000);

  afterAll(() => removeRendered(rendered));

  const byId = (id: string) => rendered.find(r => r.id === id)!;

  it.each(combinations.map(c => [c.id]))(
    '%s has the files of its chosen options and none of the others',
    id => {
      const r = byId(id);
      const mismatches = optionFiles.flatMap(({ label, when, files }) =>
        files
          .filter(file => r.result.files.has(file) !== when(r.values))
          .map(
            file =>
              `${label}: ${file} ${
                r.result.files.has(file) ? 'present' : 'missing'
              }`,
          ),
      );
      expect(mismatches).toEqual([]);
    },
  );

  it.each(flips.map(f => [f.id]))(
    'changing only %s touches only its files',
    id => {
      const flip = flips.find(f => f.id === id)!;
      const changed = changedFiles(
        byId(flip.from ? `from-${id}` : 'base'),
        byId(`flip-${id}`),
      );
      expect(changed.length).toBeGreaterThan(0);
      expect(
        changed.filter(file => !flip.mayChange.some(p => p.test(file))),
      ).toEqual([]);
    },
  );

  it('the GPU node group exists only when chosen, tainted and scalable from zero', () => {
    const groups = (id: string) =>
      parse(fileText(byId(id), 'control-plane/cluster/nodegroup.yaml'))
        .managedNodeGroups;
    expect(groups('base')).toHaveLength(1);
    expect(
      fileText(byId('base'), 'control-plane/cluster/nodegroup.yaml'),
    ).not.toContain('nvidia');
    const [cpu, gpu] = groups('flip-gpu');
    expect(cpu.name).toBe('fraud-detection-cpu');
    expect(gpu).toMatchObject({
      name: 'fraud-detection-gpu',
      instanceType: 'g6.xlarge',
      minSize: 0,
      maxSize: 2,
      taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
      labels: { 'nvidia.com/gpu.present': 'true' },
    });
    expect(
      parse(fileText(byId('base'), 'control-plane/cluster/eks-cluster.yaml'))
        .iam.withOIDC,
    ).toBe(true);
  });

  it('MLflow is a NodePort service or an ingress on the chosen host', () => {
    const service = (id: string) =>
      parse(fileText(byId(id), 'control-plane/mlflow/config/service.yaml'));
    expect(service('base').spec.type).toBe('NodePort');
    expect(service('flip-exposure').spec.type).toBe('ClusterIP');
    const ingress = parse(
      fileText(
        byId('flip-exposure'),
        'control-plane/mlflow/config/ingress.yaml',
      ),
    );
    expect(ingress.spec.rules[0].host).toBe('mlflow.example.com');
  });

  it('the DVC remote and MLflow artifact store point at the chosen storage', () => {
    expect(fileText(byId('base'), '.dvc/config')).toContain(
      'region = eu-west-1',
    );
    expect(fileText(byId('flip-storage'), '.dvc/config')).toContain(
      'endpointurl = http://minio.minio.svc.cluster.local:9000',
    );
    expect(
      fileText(byId('flip-storage'), 'control-plane/mlflow/deployment.yaml'),
    ).toContain('MLFLOW_S3_ENDPOINT_URL');
    expect(
      fileText(byId('base'), 'control-plane/mlflow/deployment.yaml'),
    ).not.toContain('MLFLOW_S3_ENDPOINT_URL');
  });

  it('every option folder of the skeleton is reachable from the template steps', () => {
    const steps = (
      template.entity.spec as { steps: Array<{ id: string; each?: string[] }> }
    ).steps;
    const fetchOptions = steps.find(step => step.id === 'fetch-options')!;
    const folders = fs
      .readdirSync(path.join(template.dir, 'skeleton/options'))
      .sort();
    expect([...fetchOptions.each!].sort()).toEqual(folders);
  });
});
