import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { JsonObject } from '@backstage/types';
import { chosen } from './chosenParts';
import { baseValues, combinations } from './combinations';
// The render tests each import the renderAll helpers they use: a list of names, not repeated logic.
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
    // With Terraform the bucket is Terraform's, so Crossplane gets no AWS provider config.
    label: 'storage s3 (Crossplane)',
    when: chosen('s3'),
    files: [
      'control-plane/crossplane/provider-configs/aws.yaml',
      'cluster-layer/crossplane/provider-aws-s3.yaml',
    ],
  },
  {
    label: 'storage minio (Crossplane)',
    when: chosen('minio'),
    files: [
      'control-plane/crossplane/provider-configs/minio.yaml',
      'cluster-layer/crossplane/provider-minio.yaml',
    ],
  },
  {
    label: 'Crossplane bucket (MinIO, or S3 without Terraform)',
    when: chosen('minio', 's3'),
    files: [
      'control-plane/crossplane/s3-bucket.yaml',
      // The cluster layer's part with the Crossplane provider of the storage.
      'cluster-layer/crossplane/kustomization.yaml',
    ],
  },
  {
    label: 'eksctl',
    when: chosen('eksctl'),
    files: [
      'control-plane/cluster/eks-cluster.yaml',
      'control-plane/cluster/nodegroup.yaml',
      // The Cluster Autoscaler's part of the cluster layer.
      'cluster-layer/cluster-autoscaler/kustomization.yaml',
      'cluster-layer/cluster-autoscaler/cluster-autoscaler.yaml',
    ],
  },
  {
    label: 'Terraform',
    when: chosen('terraform'),
    files: [
      'infrastructure/terraform/README.md',
      'infrastructure/terraform/.gitignore',
      'infrastructure/terraform/versions.tf',
      'infrastructure/terraform/variables.tf',
      'infrastructure/terraform/main.tf',
      'infrastructure/terraform/outputs.tf',
      'infrastructure/terraform/backend.tf',
    ],
  },
  {
    label: 'Terraform S3 bucket',
    when: v => v.infrastructure === 'terraform' && v.storage === 's3',
    files: ['infrastructure/terraform/s3.tf'],
  },
  {
    label: 'RDS for MLflow',
    when: v => v.infrastructure === 'terraform' && v.rdsBackendStore === true,
    files: ['infrastructure/terraform/rds.tf'],
  },
  {
    // MLflow keeps SQLite on this volume unless its backend store is RDS.
    label: 'MLflow SQLite volume',
    when: v =>
      !(v.infrastructure === 'terraform' && v.rdsBackendStore === true),
    files: ['control-plane/mlflow/config/pvc.yaml'],
  },
  {
    label: 'Karpenter',
    when: chosen('karpenter'),
    files: [
      'infrastructure/terraform/karpenter.tf',
      'control-plane/karpenter/kustomization.yaml',
      'control-plane/karpenter/node-class.yaml',
      'control-plane/karpenter/node-pools.yaml',
    ],
  },
  {
    label: 'GPU scale-to-zero',
    when: chosen('gpu-scale-to-zero'),
    files: [
      'control-plane/gpu-scale-to-zero/kustomization.yaml',
      'control-plane/gpu-scale-to-zero/rbac.yaml',
      'control-plane/gpu-scale-to-zero/cronjobs.yaml',
    ],
  },
  {
    label: 'storage minio',
    when: chosen('minio'),
    files: ['control-plane/crossplane/provider-configs/minio.yaml'],
  },
  {
    label: 'Argo CD',
    when: chosen('argocd'),
    files: ['control-plane/gitops/argo-cd-app.yaml'],
  },
  {
    label: 'Flux',
    when: chosen('flux'),
    files: ['control-plane/gitops/flux-kustomization.yaml'],
  },
  {
    label: 'any canary',
    when: chosen('canary'),
    files: [
      'control-plane/gitops/kustomization.yaml',
      'control-plane/gitops/rollout-canary.yaml',
      'control-plane/gitops/metrics-config.yaml',
      'control-plane/ci-cd/canary-checks.yaml',
      'control-plane/ci-cd/checks/check_canary_gates.py',
      'docs/canary-flow.md',
    ],
  },
  {
    // Flagger itself is the cluster layer's.
    label: 'Flagger',
    when: chosen('flagger'),
    files: [
      'cluster-layer/flagger/kustomization.yaml',
      'cluster-layer/flagger/namespace.yaml',
      'cluster-layer/flagger/flagger.yaml',
    ],
  },
  {
    // Flagger creates the serving Services itself.
    label: 'no Flagger',
    when: chosen('serving-service'),
    // Flagger creates the serving Services and the HTTPRoute itself.
    files: [
      'control-plane/serving/service.yaml',
      'control-plane/serving/http-route.yaml',
    ],
  },
  {
    label: 'MLflow model server Deployment',
    when: chosen('serving-deployment'),
    files: ['control-plane/serving/deployment.yaml'],
  },
  {
    // The project's Gateway and the cluster layer (Envoy Gateway) it needs.
    label: 'Gateway',
    when: chosen('gateway'),
    files: [
      'control-plane/gateway/gateway.yaml',
      'control-plane/gateway/certificates.yaml',
      'control-plane/gateway/kustomization.yaml',
      'cluster-layer/kustomization.yaml',
      'cluster-layer/envoy-gateway.yaml',
      'cluster-layer/gateway-class.yaml',
    ],
  },
  {
    // KServe itself is the cluster layer's.
    label: 'KServe',
    when: chosen('kserve'),
    files: [
      'cluster-layer/kserve/kustomization.yaml',
      'cluster-layer/kserve/namespace.yaml',
      'cluster-layer/kserve/kserve.yaml',
      'control-plane/serving/inference-service.yaml',
    ],
  },
  {
    // TLS for the Gateway's listeners and KServe's webhooks.
    label: 'cert-manager (a Gateway or KServe)',
    when: chosen('cert-manager'),
    files: [
      'cluster-layer/cert-manager/kustomization.yaml',
      'cluster-layer/cert-manager/namespace.yaml',
      'cluster-layer/cert-manager/cert-manager.yaml',
      'cluster-layer/cert-manager-issuers/kustomization.yaml',
      'cluster-layer/cert-manager-issuers/internal-ca.yaml',
    ],
  },
  {
    label: 'GPU node group: NVIDIA device plugin',
    when: chosen('gpu'),
    files: [
      'cluster-layer/nvidia-device-plugin/kustomization.yaml',
      'cluster-layer/nvidia-device-plugin/namespace.yaml',
      'cluster-layer/nvidia-device-plugin/nvidia-device-plugin.yaml',
    ],
  },
  {
    label: 'GPU node group with observability: DCGM exporter',
    when: v => chosen('gpu')(v) && v.observability === true,
    files: [
      'cluster-layer/dcgm-exporter/kustomization.yaml',
      'cluster-layer/dcgm-exporter/dcgm-exporter.yaml',
    ],
  },
  {
    label: 'Argo Rollouts: its Gateway API plugin (cluster layer)',
    when: chosen('argo-rollouts'),
    files: [
      'cluster-layer/argo-rollouts-gateway-api/kustomization.yaml',
      'cluster-layer/argo-rollouts-gateway-api/argo-rollouts-gateway-api.yaml',
    ],
  },
  {
    label:
      'Gateway with observability: the Envoy proxies PodMonitor (cluster layer)',
    when: v => chosen('gateway')(v) && v.observability === true,
    files: [
      'cluster-layer/envoy-proxy-monitor/kustomization.yaml',
      'cluster-layer/envoy-proxy-monitor/envoy-proxy-monitor.yaml',
    ],
  },
  {
    label: 'MLflow ingress: HTTP to HTTPS redirect',
    when: chosen('ingress'),
    files: ['control-plane/gateway/http-redirect.yaml'],
  },
  {
    label: 'Ray Serve',
    when: chosen('ray-serve'),
    files: [
      'control-plane/serving/ray-service.yaml',
      'serving/ray_serve_app.py',
    ],
  },
  {
    label: 'model serving doc (KServe or Ray Serve)',
    when: chosen('kserve', 'ray-serve'),
    files: ['docs/serving.md'],
  },
  {
    label: 'KubeRay operator',
    when: chosen('kuberay'),
    files: [
      'cluster-layer/kuberay-operator/kustomization.yaml',
      'cluster-layer/kuberay-operator/namespace.yaml',
      'cluster-layer/kuberay-operator/kuberay-operator.yaml',
    ],
  },
  {
    label: 'Ray training',
    when: chosen('ray-training'),
    files: [
      'control-plane/training/kustomization.yaml',
      'control-plane/training/ray-cluster.yaml',
      'control-plane/training/ray-job.yaml',
      'training/ray_train.py',
      'docs/training.md',
    ],
  },
  {
    label: 'observability',
    when: chosen('observability'),
    files: [
      'control-plane/observability/kustomization.yaml',
      'control-plane/observability/dashboards/model-serving-gpu.yaml',
      'cluster-layer/kube-prometheus-stack/kustomization.yaml',
      'cluster-layer/kube-prometheus-stack/namespace.yaml',
      'cluster-layer/kube-prometheus-stack/kube-prometheus-stack.yaml',
    ],
  },
  {
    // Airflow and Flyte run per project, in namespace <project>-orchestration.
    label: 'a per-project orchestrator (Airflow or Flyte)',
    when: chosen('airflow', 'flyte'),
    files: [
      'control-plane/orchestration/kustomization.yaml',
      'control-plane/network-policies/orchestrator/kustomization.yaml',
      'control-plane/network-policies/orchestrator/allow-egress.yaml',
    ],
  },
  {
    label: 'Airflow',
    when: chosen('airflow'),
    files: [
      'control-plane/orchestration/namespace.yaml',
      'control-plane/orchestration/helm/kustomization.yaml',
      'control-plane/orchestration/helm/helm-release.yaml',
      'control-plane/orchestration/pipeline-runner-rbac.yaml',
      'orchestration/dags/dvc_pipeline.py',
    ],
  },
  {
    label: 'Flyte',
    when: chosen('flyte'),
    files: [
      'control-plane/orchestration/pipeline-runner.yaml',
      'control-plane/orchestration/flyte/kustomization.yaml',
      'control-plane/orchestration/flyte/namespace.yaml',
      'control-plane/orchestration/flyte/flyte-database.yaml',
      'control-plane/orchestration/flyte/flyte-binary.yaml',
      'orchestration/flyte/dvc_pipeline.py',
    ],
  },
  {
    label: 'Kubeflow Pipelines',
    when: chosen('kubeflow'),
    files: [
      'cluster-layer/kubeflow-pipelines/kustomization.yaml',
      'cluster-layer/kubeflow-pipelines/kubeflow-pipelines.yaml',
      'orchestration/kubeflow/dvc_pipeline.py',
    ],
  },
  {
    // Flux installs the orchestrator's Helm release before the project.
    label: 'Flux with a per-project orchestrator',
    when: chosen('flux-platform'),
    files: ['control-plane/platform/kustomization.yaml'],
  },
  {
    label: 'Kafka',
    when: chosen('kafka'),
    files: [
      'control-plane/streaming/kustomization.yaml',
      'control-plane/streaming/namespace.yaml',
      'control-plane/streaming/kafka-cluster.yaml',
      'cluster-layer/strimzi-kafka-operator/kustomization.yaml',
      'cluster-layer/strimzi-kafka-operator/namespace.yaml',
      'cluster-layer/strimzi-kafka-operator/strimzi-kafka-operator.yaml',
    ],
  },
  {
    label: 'GitHub Actions (github.com repository)',
    when: chosen('github-actions'),
    files: [
      '.github/workflows/reproducibility.yml',
      '.github/workflows/pr-report.yml',
      '.github/workflows/promote-model.yml',
      '.github/workflows/manifests.yml',
    ],
  },
  {
    label: 'GitHub Actions canary gate',
    when: chosen('github-actions-canary'),
    files: ['.github/workflows/canary-gate.yml'],
  },
  {
    label: 'GitLab CI (gitlab.com project)',
    when: chosen('gitlab-ci'),
    files: ['.gitlab-ci.yml'],
  },
  {
    label: 'MinIO operator and tenant',
    when: chosen('minio-operator'),
    files: [
      'cluster-layer/minio-operator/kustomization.yaml',
      'cluster-layer/minio-operator/namespace.yaml',
      'cluster-layer/minio-operator/minio-operator.yaml',
      'cluster-layer/minio-tenant/kustomization.yaml',
      'cluster-layer/minio-tenant/namespace.yaml',
      'cluster-layer/minio-tenant/tenant.yaml',
    ],
  },
  {
    label: 'processing (Spark or Flink)',
    when: chosen('processing'),
    files: [
      'control-plane/processing/kustomization.yaml',
      'control-plane/processing/namespace.yaml',
    ],
  },
  {
    label: 'Spark operator',
    when: chosen('spark'),
    files: [
      'control-plane/processing/spark/kustomization.yaml',
      'control-plane/processing/spark/driver-rbac.yaml',
      'control-plane/processing/spark/prepare-features.yaml',
      'control-plane/processing/spark/jobs/prepare_features.py',
      'cluster-layer/spark-operator/kustomization.yaml',
      'cluster-layer/spark-operator/namespace.yaml',
      'cluster-layer/spark-operator/spark-operator.yaml',
    ],
  },
  {
    label: 'Flink operator',
    when: chosen('flink'),
    files: [
      'control-plane/processing/flink/kustomization.yaml',
      'control-plane/processing/flink/prediction-events.yaml',
      'control-plane/processing/flink/flink-rbac.yaml',
      'cluster-layer/flink-kubernetes-operator/kustomization.yaml',
      'cluster-layer/flink-kubernetes-operator/namespace.yaml',
      'cluster-layer/flink-kubernetes-operator/flink-kubernetes-operator.yaml',
    ],
  },
  {
    label: 'MLflow ingress',
    when: chosen('ingress'),
    files: ['control-plane/mlflow/config/http-route.yaml'],
  },
];

/**
 * Where an added component is wired in: the root kustomization, the
 * end-to-end readiness script and the READMEs (components table, layout).
 */
const componentWiring = [
  /^control-plane\/kustomization\.yaml$/,
  // The credentials a component needs that a team creates by hand.
  /^docs\/created-by-hand\.md$/,
  // The images a component runs, built by CI.
  /^images\//,
  /^\.github\/workflows\/images\.yml$/,
  // The project's Argo CD AppProject lists each component's chart repository and namespace.
  /^control-plane\/gitops\/argo-cd-app\.yaml$/,
  // The project's namespaces' network policies allow what each component needs.
  /^control-plane\/mlflow\/config\/network-policies\.yaml$/,
  /^control-plane\/network-policies\//,
  // A component's cluster-wide part (its operator) is the cluster layer's,
  // which the bootstrap applies when the cluster has none.
  /^cluster-layer\//,
  /^scripts\/bootstrap\.sh$/,
  /^scripts\/validate-end-to-end\.sh$/,
  /README\.md$/,
];

/** Single-option changes from the base values, and every file each may touch. */
// One row per option: the rows look alike because they are data of one shape, not repeated logic.
const flips: Array<{
  id: string;
  /** Starting point when the base values cannot take the change alone. */
  from?: JsonObject;
  change: JsonObject;
  mayChange: RegExp[];
}> = [
  {
    // eksctl to Terraform: the cluster files swap, the S3 bucket moves from
    // Crossplane to Terraform, the docs and scripts say so.
    id: 'infrastructure',
    change: { infrastructure: 'terraform' },
    mayChange: [
      /^infrastructure\/terraform\//,
      /^control-plane\/cluster\//,
      // eksctl's node groups come with the cluster layer's Cluster Autoscaler.
      /^cluster-layer\//,
      /^control-plane\/crossplane\//,
      /^control-plane\/kustomization\.yaml$/,
      /^control-plane\/ci-cd\/checks\/validate-manifests\.sh$/,
      // CI sets up Terraform for `terraform fmt -check` and `validate`.
      /^\.github\/workflows\/manifests\.yml$/,
      /^\.gitlab-ci\.yml$/,
      /^scripts\/(bootstrap|validate-end-to-end)\.sh$/,
      /README\.md$/,
      /^docs\/(index|onboarding|architecture)\.md$/,
    ],
  },
  {
    id: 'gpu',
    change: {
      gpuEnabled: true,
      gpuInstanceType: 'g6.xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 2,
    },
    mayChange: [
      // NVIDIA's device plugin (and DCGM exporter) in the cluster layer.
      /^cluster-layer\//,
      /^scripts\/bootstrap\.sh$/,
      /^docs\/index\.md$/,
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
      // The namespace's egress allows the MinIO endpoint's port.
      /^control-plane\/mlflow\/config\/network-policies\.yaml$/,
      /^\.dvc\/config$/,
      // CI reaches the DVC remote by OIDC role (S3) or with a MinIO access key.
      /^\.github\/workflows\/reproducibility\.yml$/,
      /^\.gitlab-ci\.yml$/,
      /^control-plane\/(cluster|crossplane)\//,
      // The cluster layer's Crossplane provider: AWS S3 or MinIO.
      /^cluster-layer\/crossplane\//,
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
      // The catalog entity names the Argo CD Application or the Flux Kustomization.
      /^catalog-info\.yaml$/,
      /^cluster-layer\//,
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
      /^cluster-layer\//,
      /^control-plane\/gateway\//,
      /^control-plane\/serving\/http-route\.yaml$/,
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
      /^cluster-layer\//,
      /^control-plane\/observability\//,
      /^docs\/(index|architecture)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'orchestration',
    change: { orchestration: 'airflow' },
    mayChange: [
      /^control-plane\/orchestration\//,
      // The pipeline cache volume the task pods mount.
      /^control-plane\/crossplane\//,
      /^orchestration\/dags\//,
      /^docs\/(index|architecture)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'orchestration-flyte',
    change: { orchestration: 'flyte' },
    mayChange: [
      /^control-plane\/orchestration\//,
      // The pipeline cache volume the task pods mount.
      /^control-plane\/crossplane\//,
      /^orchestration\/flyte\//,
      /^docs\/(index|architecture)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'orchestration-kubeflow',
    change: { orchestration: 'kubeflow' },
    mayChange: [
      /^control-plane\/orchestration\//,
      /^orchestration\/kubeflow\//,
      /^docs\/(index|architecture)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'serving-kserve',
    change: { serving: 'kserve' },
    mayChange: [
      /^cluster-layer\//,
      /^control-plane\/gateway\//,
      /^scripts\/bootstrap\.sh$/,
      /^control-plane\/serving\//,
      /^control-plane\/kserve\//,
      /^docs\/serving\.md$/,
      /^mkdocs\.yml$/,
      /^docs\/(index|onboarding)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'serving-ray-serve',
    change: { serving: 'ray-serve' },
    mayChange: [
      /^cluster-layer\//,
      /^control-plane\/gateway\//,
      /^scripts\/bootstrap\.sh$/,
      /^control-plane\/serving\//,
      /^control-plane\/kuberay\//,
      /^serving\/ray_serve_app\.py$/,
      /^docs\/serving\.md$/,
      /^mkdocs\.yml$/,
      /^docs\/(index|onboarding)\.md$/,
      /^control-plane\/ci-cd\/checks\/validate-manifests\.sh$/,
      ...componentWiring,
    ],
  },
  {
    id: 'ray-training',
    change: { rayTraining: true },
    mayChange: [
      /^control-plane\/training\//,
      /^control-plane\/kuberay\//,
      /^training\/ray_train\.py$/,
      /^docs\/training\.md$/,
      /^mkdocs\.yml$/,
      /^docs\/(index|onboarding)\.md$/,
      /^control-plane\/ci-cd\/checks\/validate-manifests\.sh$/,
      ...componentWiring,
    ],
  },
  {
    id: 'streaming',
    change: { streaming: true },
    mayChange: [
      /^control-plane\/streaming\//,
      /^docs\/(index|architecture)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'spark',
    change: { sparkOperator: true },
    mayChange: [
      /^control-plane\/processing\//,
      /^docs\/(index|architecture)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'flink',
    change: { flinkOperator: true },
    mayChange: [
      /^control-plane\/processing\//,
      /^docs\/(index|architecture)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'minio-deploy',
    // Deploying MinIO needs MinIO storage, so start from base values that have it.
    from: {
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local',
    },
    change: { minioDeploy: true },
    mayChange: [
      /^control-plane\/minio\//,
      /^docs\/(index|architecture)\.md$/,
      ...componentWiring,
    ],
  },
  {
    id: 'ci-provider',
    change: { repoUrl: 'gitlab.com?owner=acme&repo=fraud-detection' },
    mayChange: [
      /^\.github\/workflows\//,
      /^\.gitlab-ci\.yml$/,
      /^catalog-info\.yaml$/,
      // The images name the CI file that builds them.
      /^images\//,
      // Links to the repository: clone URL, GitOps source, TechDocs edit links.
      /^control-plane\/gitops\//,
      /^mkdocs\.yml$/,
      /^README\.md$/,
      /^docs\/(architecture|reproduce-in-3-steps)\.md$/,
    ],
  },
  {
    id: 'exposure',
    change: { mlflowExposure: 'ingress', mlflowHost: 'mlflow.example.com' },
    mayChange: [
      /^control-plane\/gateway\//,
      /^docs\/created-by-hand\.md$/,
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
    const route = parse(
      fileText(
        byId('flip-exposure'),
        'control-plane/mlflow/config/http-route.yaml',
      ),
    );
    expect(route.spec.hostnames).toEqual(['mlflow.example.com']);
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
