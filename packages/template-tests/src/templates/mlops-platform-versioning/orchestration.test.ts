import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { JsonObject } from '@backstage/types';
import { packageRoot } from '../../packageRoot';
import { python, runTool } from '../../validators/systemTools';
import {
  KubernetesObject,
  validateKubernetesObjects,
} from '../../validators/kubernetesObjects';
import { baseValues, Combination } from './combinations';
import {
  fileText,
  removeRendered,
  renderAll,
  RenderedCombination,
} from './renderAll';

/** Both orchestrators on both GitOps engines and both storages, and Airflow to compare. */
const orchestrated: Combination[] = [
  {
    id: 'flyte-argocd-s3',
    values: { ...baseValues, orchestration: 'flyte' },
  },
  {
    id: 'flyte-flux-minio',
    values: {
      ...baseValues,
      orchestration: 'flyte',
      gitopsEngine: 'flux',
      storage: 'minio',
      bucketName: 'acme-ml-on-prem',
      minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
    },
  },
  {
    id: 'kubeflow-argocd-s3',
    values: { ...baseValues, orchestration: 'kubeflow' },
  },
  {
    id: 'kubeflow-flux-minio',
    values: {
      ...baseValues,
      orchestration: 'kubeflow',
      gitopsEngine: 'flux',
      storage: 'minio',
      minioEndpoint: 'https://minio.storage.example.org:9443',
    },
  },
  {
    id: 'airflow-argocd-s3',
    values: { ...baseValues, orchestration: 'airflow' },
  },
];

/** Where each orchestrator's own files live, and the words its docs use. */
const orchestrators: Record<string, { paths: RegExp; words: RegExp }> = {
  airflow: {
    paths:
      /^(orchestration\/dags\/|control-plane\/orchestration\/(helm|namespace\.yaml|pipeline-runner-rbac\.yaml))/,
    words: /airflow/i,
  },
  flyte: {
    paths:
      /^(orchestration\/flyte\/|control-plane\/orchestration\/(flyte\/|pipeline-runner\.yaml))/,
    words: /flyte/i,
  },
  kubeflow: {
    paths: /^(orchestration\/kubeflow\/|cluster-layer\/kubeflow-pipelines\/)/,
    words: /kubeflow|ml-pipeline/i,
  },
};

interface WorkflowNode {
  name: string;
  image: string;
  command: string[];
  args: string[];
  env: Record<string, string>;
  secretEnv: Record<string, string>;
  volumes: Record<string, string>;
  serviceAccount?: string;
}

interface WorkflowGraph {
  nodes: WorkflowNode[];
  edges: Array<[number, number]>;
}

function documents(text: string): KubernetesObject[] {
  return parseAllDocuments(text).map(doc => {
    if (doc.errors.length > 0) {
      throw new Error(doc.errors.map(e => e.message).join('\n'));
    }
    return doc.toJS();
  });
}

function kustomize(rendered: RenderedCombination, dir: string) {
  const build = runTool('kubectl', ['kustomize', path.join(rendered.dir, dir)]);
  if (build.status !== 0) {
    throw new Error(`kubectl kustomize ${dir}: ${build.output}`);
  }
  return documents(build.output);
}

/**
 * The orchestration objects the cluster gets: for Airflow and Flyte (per
 * project) control-plane/orchestration and, for Flyte on Flux, its folder in
 * the platform layer; for Kubeflow Pipelines (one per cluster) the cluster
 * layer's part, which the bootstrap applies.
 * (generatedRepository.test.ts builds the whole of control-plane/.)
 */
function appliedObjects(rendered: RenderedCombination) {
  const resources = parse(
    fileText(rendered, 'control-plane/kustomization.yaml'),
  ).resources;
  if (rendered.values.orchestration === 'kubeflow') {
    expect(resources).not.toContain('orchestration');
    return kustomize(rendered, 'cluster-layer/kubeflow-pipelines');
  }
  expect(resources).toContain('orchestration');
  const viaPlatform =
    rendered.values.gitopsEngine === 'flux' &&
    rendered.values.orchestration === 'flyte';
  return [
    ...kustomize(rendered, 'control-plane/orchestration'),
    ...(viaPlatform
      ? kustomize(rendered, 'control-plane/orchestration/flyte')
      : []),
  ];
}

/** The stage names of dvc.yaml in an order where every stage comes after the stages whose outputs it reads. */
function dvcStagesInDependencyOrder(dvcYaml: string) {
  const stages = parse(dvcYaml).stages as Record<
    string,
    { deps?: string[]; outs?: Array<string | Record<string, unknown>> }
  >;
  const producer = new Map<string, string>();
  for (const [name, stage] of Object.entries(stages)) {
    for (const out of stage.outs ?? []) {
      producer.set(typeof out === 'string' ? out : Object.keys(out)[0], name);
    }
  }
  const needs = (name: string) =>
    (stages[name].deps ?? []).flatMap(dep =>
      producer.has(dep) ? [producer.get(dep)!] : [],
    );
  return { names: Object.keys(stages), needs };
}

/** Whether `to` can be reached from `from` without taking the edge `skipped`. */
function reachable(
  edges: Array<[number, number]>,
  from: number,
  to: number,
  skipped: [number, number],
) {
  const seen = new Set<number>();
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const edge of edges) {
      if (edge === skipped || edge[0] !== node || seen.has(edge[1])) continue;
      if (edge[1] === to) return true;
      seen.add(edge[1]);
      queue.push(edge[1]);
    }
  }
  return false;
}

/**
 * The single path through the graph from its start node, failing unless the
 * tasks run one after another. Orderings implied by others (a volume's creator
 * before every step that mounts it) are dropped first.
 */
function chain(graph: WorkflowGraph) {
  const successors = new Map<number, number[]>();
  const predecessors = new Map<number, number[]>();
  const unique = [
    ...new Map(graph.edges.map(e => [e.join('>'), e] as const)).values(),
  ];
  const direct = unique.filter(e => !reachable(unique, e[0], e[1], e));
  for (const [from, to] of direct) {
    successors.set(from, [...(successors.get(from) ?? []), to]);
    predecessors.set(to, [...(predecessors.get(to) ?? []), from]);
  }
  const starts = graph.nodes
    .map((_, index) => index)
    .filter(index => !predecessors.has(index));
  expect(starts).toHaveLength(1);
  const order = [starts[0]];
  while (successors.has(order[order.length - 1])) {
    const next = successors.get(order[order.length - 1])!;
    expect(next).toHaveLength(1);
    order.push(next[0]);
  }
  expect(order).toHaveLength(graph.nodes.length);
  return order.map(index => graph.nodes[index]);
}

/** The shell script a node runs, with `bash -c script arg0` arguments substituted as bash would. */
function script(node: WorkflowNode) {
  expect(node.command.slice(0, 2)).toEqual(['bash', '-c']);
  const [text, ...rest] = node.command.slice(2);
  const positional = [...rest, ...node.args];
  return text.replace(/\$(\d)/g, (_, n) => positional[Number(n)] ?? '');
}

function dvcReproTargets(text: string) {
  return [...text.matchAll(/dvc repro --single-item "?([^"\s]+)"?/g)].map(
    match => match[1],
  );
}

describe('templates/mlops-platform-versioning: orchestration with Flyte or Kubeflow Pipelines', () => {
  // Every render suite opens so: render its combinations once, remove them after (jest hooks, not shared logic).
  let rendered: RenderedCombination[] = [];

  beforeAll(async () => {
    rendered = await renderAll(orchestrated);
  }, 120_000);

  afterAll(() => removeRendered(rendered));

  const byId = (id: string) => rendered.find(r => r.id === id)!;
  const values = (id: string) =>
    orchestrated.find(c => c.id === id)!.values as JsonObject &
      Record<string, string>;

  function workflowGraph(id: string, kind: 'flyte' | 'kubeflow') {
    const file = path.join(
      byId(id).dir,
      `orchestration/${kind}/dvc_pipeline.py`,
    );
    const compiled = runTool(python, ['-m', 'py_compile', file]);
    expect(compiled).toEqual({ status: 0, output: '' });
    const run = runTool(python, [
      path.join(
        packageRoot,
        'src/templates/mlops-platform-versioning/workflowGraph.py',
      ),
      kind,
      file,
    ]);
    if (run.status !== 0) {
      throw new Error(`${kind} workflow of ${id} did not load: ${run.output}`);
    }
    return JSON.parse(run.output) as WorkflowGraph;
  }

  /** A stage step's shared volume and environment, as a user would rely on them. */
  function steps(id: string, kind: 'flyte' | 'kubeflow') {
    const nodes = chain(workflowGraph(id, kind));
    return {
      nodes,
      steps: nodes.filter(n => !n.image.startsWith('argostub/')),
    };
  }

  describe.each([
    ['flyte-argocd-s3', 'flyte'],
    ['flyte-flux-minio', 'flyte'],
    ['kubeflow-argocd-s3', 'kubeflow'],
    ['kubeflow-flux-minio', 'kubeflow'],
  ] as const)('%s', (id, kind) => {
    it('the example workflow runs every dvc.yaml stage, one task each, in dependency order, between checkout and push', () => {
      const r = byId(id);
      const scripts = steps(id, kind).steps.map(script);

      const { names, needs } = dvcStagesInDependencyOrder(
        fileText(r, 'data-plane/dvc/dvc.yaml'),
      );
      const staged = scripts.flatMap(dvcReproTargets);
      expect([...staged].sort()).toEqual(
        names.map(name => `data-plane/dvc/dvc.yaml:${name}`).sort(),
      );
      const ran = staged.map(target => target.split(':')[1]);
      for (const [position, stage] of ran.entries()) {
        for (const needed of needs(stage)) {
          expect({ stage, runsAfter: ran.indexOf(needed) < position }).toEqual({
            stage,
            runsAfter: true,
          });
        }
      }
      // Each stage task runs exactly one stage; the data comes in first and goes out last.
      expect(scripts.map(s => dvcReproTargets(s).length)).toEqual([
        0,
        ...names.map(() => 1),
        0,
      ]);
      expect(scripts[0]).toContain(
        'git clone --depth 1 https://github.com/acme/fraud-detection.git',
      );
      expect(scripts[0]).toContain('dvc pull');
      expect(scripts[scripts.length - 1]).toContain('dvc push');
      expect(scripts.every(s => s.startsWith('set -euo pipefail;'))).toBe(true);
    });

    it('every step runs the pipeline image CI builds, works in the same volume and logs to the project MLflow', () => {
      const all = steps(id, kind).steps;
      expect(new Set(all.map(n => JSON.stringify(n.volumes))).size).toBe(1);
      // The image and immutable tag control-plane/kustomization.yaml names for CI to build.
      const built = parse(
        fileText(byId(id), 'control-plane/kustomization.yaml'),
      ).images.find((i: { name: string }) => i.name === 'pipeline-runner');
      expect(built.newName).toBe('ghcr.io/acme/fraud-detection-pipeline');
      expect(byId(id).result.files.has('images/pipeline/Dockerfile')).toBe(
        true,
      );
      for (const step of all) {
        expect(step.image).toBe(`${built.newName}:${built.newTag}`);
        expect(step.command.join(' ')).not.toMatch(/pip3? install/);
        expect(Object.keys(step.volumes)).toHaveLength(1);
        expect(step.env).toMatchObject({
          MLFLOW_TRACKING_URI:
            'http://mlflow.fraud-detection.svc.cluster.local:5000',
          MLFLOW_EXPERIMENT_NAME: 'fraud-detection',
        });
      }
    });

    it('the orchestration objects validate and nothing from the other orchestrators appears', () => {
      const r = byId(id);
      const failures = validateKubernetesObjects(appliedObjects(r)).filter(
        v => v.errors.length > 0,
      );
      expect(
        failures.map(f => `${f.object.kind}: ${f.errors.join('; ')}`),
      ).toEqual([]);

      const files = [...r.result.files.keys()];
      expect(files.some(f => orchestrators[kind].paths.test(f))).toBe(true);
      const others = Object.entries(orchestrators)
        .filter(([other]) => other !== kind)
        .map(([other, { paths, words }]) => ({
          other,
          files: files.filter(f => paths.test(f)),
          mentions: files.filter(f => words.test(fileText(r, f))),
        }));
      expect(others).toEqual(
        others.map(({ other }) => ({ other, files: [], mentions: [] })),
      );
    });

    it('the README says how to reach the orchestrator UI and where the workflow is', () => {
      const readme = fileText(byId(id), 'README.md');
      const lines = {
        flyte: [
          '`kubectl -n fraud-detection-orchestration port-forward svc/fraud-detection-flyte-binary-http 8088:8088`, then http://localhost:8088/console',
          'orchestration/   flyte/dvc_pipeline.py',
          'pyflyte run --remote',
        ],
        kubeflow: [
          '`kubectl -n kubeflow port-forward svc/ml-pipeline-ui 8080:80`, then http://localhost:8080',
          'orchestration/   kubeflow/dvc_pipeline.py',
          'kfp dsl compile',
        ],
      }[kind];
      for (const line of lines) {
        expect(readme).toContain(line);
      }
    });
  });

  it.each(['flyte-argocd-s3', 'flyte-flux-minio'])(
    '%s: Flyte task pods run in the project namespace with its DVC cache volume and a token-less account',
    id => {
      const all = steps(id, 'flyte').steps;
      expect(all.map(n => n.volumes)).toEqual(
        all.map(() => ({ '/cache': 'fraud-detection-pipeline-cache' })),
      );
      expect(all.map(n => n.serviceAccount)).toEqual(
        all.map(() => 'flyte-pipeline-runner'),
      );
      const account = appliedObjects(byId(id)).find(
        o => o.kind === 'ServiceAccount',
      );
      expect(account).toMatchObject({
        metadata: {
          name: 'flyte-pipeline-runner',
          namespace: 'fraud-detection',
        },
        automountServiceAccountToken: false,
      });
    },
  );

  it.each(['kubeflow-argocd-s3', 'kubeflow-flux-minio'])(
    '%s: Kubeflow steps share a volume made for the run, deleted after the last step, and get the bucket keys',
    id => {
      const { nodes, steps: all } = steps(id, 'kubeflow');
      const workspace = Object.values(all[0].volumes)[0];
      expect(nodes[0].name).toBe('createpvc');
      expect(nodes[nodes.length - 1]).toMatchObject({
        name: 'deletepvc',
        args: [workspace],
      });
      expect(all.map(n => n.secretEnv)).toEqual(
        all.map(() => ({
          // KFP is the cluster's, shared by projects: the Secret carries the project's name.
          AWS_ACCESS_KEY_ID: 'fraud-detection-object-store/AWS_ACCESS_KEY_ID',
          AWS_SECRET_ACCESS_KEY:
            'fraud-detection-object-store/AWS_SECRET_ACCESS_KEY',
        })),
      );
    },
  );

  it('Airflow leaves nothing of Flyte or Kubeflow Pipelines behind', () => {
    const r = byId('airflow-argocd-s3');
    const files = [...r.result.files.keys()];
    expect(files.some(f => orchestrators.airflow.paths.test(f))).toBe(true);
    const others = ['flyte', 'kubeflow'].map(other => ({
      other,
      files: files.filter(f => orchestrators[other].paths.test(f)),
      mentions: files.filter(f =>
        orchestrators[other].words.test(fileText(r, f)),
      ),
    }));
    expect(others).toEqual(
      others.map(({ other }) => ({ other, files: [], mentions: [] })),
    );
  });

  /** The flyte-binary chart source and values, from a HelmRelease or an Argo CD Application. */
  function flyteRelease(objects: KubernetesObject[]) {
    const release = objects.find(
      o =>
        (o.kind === 'HelmRelease' &&
          o.metadata?.name === 'fraud-detection-flyte') ||
        (o.kind === 'Application' &&
          o.metadata?.name === 'fraud-detection-flyte'),
    ) as any;
    if (!release) throw new Error('no flyte-binary release was generated');
    if (release.kind === 'Application') {
      return {
        source: {
          repository: release.spec.source.repoURL,
          chart: release.spec.source.chart,
          version: release.spec.source.targetRevision,
          namespace: release.spec.destination.namespace,
        },
        chartValues: release.spec.source.helm.valuesObject,
      };
    }
    const repository = objects.find(
      o =>
        o.kind === 'HelmRepository' &&
        o.metadata?.name === release.spec.chart.spec.sourceRef.name,
    ) as any;
    return {
      source: {
        repository: repository?.spec.url,
        chart: release.spec.chart.spec.chart,
        version: release.spec.chart.spec.version,
        namespace: release.spec.targetNamespace,
      },
      chartValues: release.spec.values,
    };
  }

  it.each(['flyte-argocd-s3', 'flyte-flux-minio'])(
    '%s: Flyte is the pinned flyte-binary chart storing in the form bucket, with a database whose password stays in a Secret',
    id => {
      const v = values(id);
      const objects = appliedObjects(byId(id));
      const { source, chartValues } = flyteRelease(objects);
      expect(source).toEqual({
        repository: 'https://flyteorg.github.io/flyte',
        chart: 'flyte-binary',
        version: 'v1.16.8',
        namespace: 'fraud-detection-orchestration',
      });

      const storage = chartValues.configuration.storage;
      expect(storage.metadataContainer).toBe(v.bucketName);
      expect(storage.userDataContainer).toBe(v.bucketName);
      const { authType, ...s3 } = storage.providerConfig.s3;
      expect(authType).toBe('iam');
      expect(s3).toEqual(
        v.storage === 'minio'
          ? {
              region: 'us-east-1',
              endpoint: v.minioEndpoint,
              disableSSL: v.minioEndpoint.startsWith('http://'),
            }
          : { region: v.awsRegion },
      );
      // Workflow pods run in the project namespace; the project exists in Flyte from the start.
      expect(chartValues.configuration.inline.namespace_mapping.template).toBe(
        '{{ "{{ project }}" }}',
      );
      expect(chartValues['flyte-core-components'].admin.seedProjects).toEqual([
        v.name,
      ]);

      // The database Flyte connects to is the one generated, its password a mounted Secret.
      const database = chartValues.configuration.database;
      expect(database.password).toBeUndefined();
      const service = objects.find(
        o => o.kind === 'Service' && o.metadata?.name === 'flyte-db',
      )!;
      expect(database.host).toBe(
        `${service.metadata!.name}.${
          service.metadata!.namespace
        }.svc.cluster.local`,
      );
      const statefulSet = objects.find(
        o => o.kind === 'StatefulSet' && o.metadata?.name === 'flyte-db',
      ) as any;
      const postgres = statefulSet.spec.template.spec.containers[0];
      const passwordEnv = postgres.env.find(
        (e: any) => e.name === 'POSTGRES_PASSWORD',
      );
      const mount = chartValues.deployment.extraVolumeMounts[0];
      const volume = chartValues.deployment.extraVolumes.find(
        (e: any) => e.name === mount.name,
      );
      expect(volume.secret.secretName).toBe(
        passwordEnv.valueFrom.secretKeyRef.name,
      );
      expect(database.passwordPath).toBe(
        `${mount.mountPath}/${passwordEnv.valueFrom.secretKeyRef.key}`,
      );
      expect(
        postgres.env.find((e: any) => e.name === 'POSTGRES_DB').value,
      ).toBe(database.dbname);
      expect(objects.some(o => o.kind === 'Secret')).toBe(false);
    },
  );

  it('flyte-flux-minio: Flux installs Flyte and its database with the Helm releases, before the project', () => {
    const r = byId('flyte-flux-minio');
    expect(
      parse(fileText(r, 'control-plane/platform/kustomization.yaml')).resources,
    ).toContain('../orchestration/flyte');
    // ...and not a second time from control-plane/.
    expect(
      parse(fileText(r, 'control-plane/orchestration/kustomization.yaml'))
        .resources,
    ).toEqual(['pipeline-runner.yaml', '../network-policies/orchestrator']);
    const project = documents(
      fileText(r, 'control-plane/gitops/flux-kustomization.yaml'),
    ).find(
      o => o.kind === 'Kustomization' && o.metadata?.name === 'fraud-detection',
    ) as any;
    expect(project.spec.dependsOn).toEqual([
      { name: 'fraud-detection-platform' },
    ]);
  });

  const kfpPaths = [
    'manifests/kustomize/cluster-scoped-resources',
    'manifests/kustomize/env/platform-agnostic',
  ];

  it('kubeflow-argocd-s3: Kubeflow Pipelines is one Argo CD Application of the upstream manifests at a pinned tag', () => {
    const objects = appliedObjects(byId('kubeflow-argocd-s3'));
    const application = objects.find(o => o.kind === 'Application') as any;
    expect(application.spec.sources).toEqual(
      kfpPaths.map(p => ({
        repoURL: 'https://github.com/kubeflow/pipelines.git',
        targetRevision: '2.15.0',
        path: p,
      })),
    );
    expect(application.spec.destination.namespace).toBe('kubeflow');
    expect(application.spec.syncPolicy.syncOptions).toEqual(
      expect.arrayContaining([
        'SkipDryRunOnMissingResource=true',
        'ServerSideApply=true',
      ]),
    );
  });

  it('kubeflow-flux-minio: Kubeflow Pipelines is a Flux GitRepository at a pinned tag and two Kustomizations, cluster-scoped first', () => {
    const objects = appliedObjects(byId('kubeflow-flux-minio'));
    expect(objects.some(o => o.kind === 'Application')).toBe(false);
    const source = objects.find(
      o =>
        o.kind === 'GitRepository' && o.metadata?.name === 'kubeflow-pipelines',
    ) as any;
    expect(source.spec).toMatchObject({
      url: 'https://github.com/kubeflow/pipelines',
      ref: { tag: '2.15.0' },
    });
    const kustomizations = objects.filter(
      o =>
        o.kind === 'Kustomization' &&
        (o as any).spec.sourceRef.name === 'kubeflow-pipelines',
    ) as any[];
    expect(kustomizations).toHaveLength(2);
    const [clusterScoped, platformAgnostic] = kfpPaths.map(p =>
      kustomizations.find(k => k.spec.path === `./${p}`),
    );
    expect(clusterScoped.spec.dependsOn).toBeUndefined();
    expect(clusterScoped.spec.wait).toBe(true);
    expect(platformAgnostic.spec.dependsOn).toEqual([
      { name: clusterScoped.metadata.name },
    ]);
  });
});
