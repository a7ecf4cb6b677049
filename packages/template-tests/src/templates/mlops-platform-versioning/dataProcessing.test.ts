import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { baseValues, Combination, combinations } from './combinations';
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
import { validateCustomResource } from '../../validators/crdSchemas';
import { schemaDir } from '../../validators/schemaDir';
import { python, runTool } from '../../validators/systemTools';

/** The in-cluster S3 address of the MinIO tenant (Service `minio`, port 80 without TLS). */
const tenantEndpoint = 'http://minio.minio.svc.cluster.local';

const argocd = combinations.find(
  c => c.id === 'minio-deploy-spark-flink-argocd',
)!;
const flux = combinations.find(c => c.id === 'spark-flink-kafka-flux-s3')!;
const extra: Combination[] = [
  {
    // The form's default endpoint names the tenant's host with MinIO's container port.
    id: 'minio-deploy-flux-default-endpoint',
    values: {
      ...baseValues,
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
      minioDeploy: true,
      gitopsEngine: 'flux',
      flinkOperator: true,
    },
  },
  {
    id: 'minio-not-deployed',
    values: {
      ...baseValues,
      storage: 'minio',
      minioEndpoint: 'https://minio.storage.example.org:9443',
      // Left over from the form when storage was switched: ignored without MinIO storage.
      minioDeploy: false,
    },
  },
  {
    id: 's3-with-stale-minio-deploy',
    values: { ...baseValues, minioDeploy: true },
  },
  { id: 'nothing-chosen', values: baseValues },
];

function documents(text: string): KubernetesObject[] {
  return parseAllDocuments(text).map(doc => {
    if (doc.errors.length > 0) {
      throw new Error(doc.errors.map(e => e.message).join('\n'));
    }
    return doc.toJS();
  });
}

function build(r: RenderedCombination, dir: string): KubernetesObject[] {
  const run = runTool('kubectl', ['kustomize', path.join(r.dir, dir)]);
  if (run.status !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed:\n${run.output}`);
  }
  return documents(run.output);
}

function find(objects: KubernetesObject[], kind: string, name?: string) {
  const found = objects.find(
    o => o.kind === kind && (!name || o.metadata?.name === name),
  );
  if (!found) {
    throw new Error(`no ${kind}${name ? ` ${name}` : ''} in the build`);
  }
  // Tests read nested fields of rendered YAML; their shapes are checked by the CRD schemas.
  return found as any;
}

/** Chart values of a Helm install, whichever GitOps engine carries them. */
function chartValues(release: any) {
  return release.kind === 'HelmRelease'
    ? release.spec.values
    : release.spec.source.helm.valuesObject;
}

function chartVersion(release: any) {
  return release.kind === 'HelmRelease'
    ? release.spec.chart.spec.version
    : release.spec.source.targetRevision;
}

/** Objects of the chart install file of one component, for either engine. */
function chartInstall(r: RenderedCombination, file: string) {
  const objects = documents(fileText(r, file));
  return objects.find(
    o => o.kind === 'HelmRelease' || o.kind === 'Application',
  ) as any;
}

/** Where MLflow, DVC and Crossplane look for the object store. */
function storageEndpoints(r: RenderedCombination) {
  const mlflow = documents(
    fileText(r, 'control-plane/mlflow/deployment.yaml'),
  )[0] as any;
  const env = mlflow.spec.template.spec.containers[0].env as Array<{
    name: string;
    value?: string;
  }>;
  const providerConfig = parse(
    fileText(r, 'control-plane/crossplane/provider-configs/minio.yaml'),
  );
  return {
    mlflow: env.find(e => e.name === 'MLFLOW_S3_ENDPOINT_URL')?.value,
    dvc: /endpointurl\s*=\s*(\S+)/.exec(fileText(r, '.dvc/config'))?.[1],
    crossplane: providerConfig.spec.minioURL,
  };
}

describe('templates/mlops-platform-versioning: MinIO tenant, Spark and Flink', () => {
  let rendered: RenderedCombination[] = [];
  const byId = (id: string) => rendered.find(r => r.id === id)!;
  /** The first `kind` object built from `dir` of combination `id`, and that combination's README. */
  const builtAndReadme = (id: string, dir: string, kind: string) => {
    const r = byId(id);
    return {
      built: find(build(r, dir), kind),
      readme: fileText(r, 'README.md'),
    };
  };

  beforeAll(async () => {
    rendered = await renderAll([argocd, flux, ...extra]);
  }, 120_000);

  afterAll(() => removeRendered(rendered));

  describe('MinIO operator and tenant', () => {
    it('the tenant serves the S3 endpoint MLflow, DVC and Crossplane use', () => {
      const r = byId(argocd.id);
      const tenant = find(build(r, 'cluster-layer/minio-tenant'), 'Tenant');
      // The operator names the tenant's S3 Service `minio` and serves port 80 without TLS.
      const address = `http://minio.${
        tenant.metadata.namespace
      }.svc.cluster.local${
        tenant.spec.requestAutoCert === false ? '' : ':443'
      }`;
      expect(address).toBe(tenantEndpoint);
      expect(storageEndpoints(r)).toEqual({
        mlflow: address,
        dvc: address,
        crossplane: address,
      });
      expect(fileText(r, 'README.md')).not.toContain('is not the tenant');
    });

    it('a project created with another endpoint is told to switch to the tenant', () => {
      const readme = fileText(
        byId('minio-deploy-flux-default-endpoint'),
        'README.md',
      );
      expect(readme).toContain(
        'This project was created with the endpoint `http://minio.minio.svc.cluster.local:9000`, which is not the tenant',
      );
      expect(readme).toContain(`the S3 endpoint is\n\`${tenantEndpoint}\``);
    });

    it('is small, takes its credentials from a Secret by name and leaves the bucket to Crossplane', () => {
      for (const r of [
        byId(argocd.id),
        byId('minio-deploy-flux-default-endpoint'),
      ]) {
        // The tenant is the cluster layer's (one per cluster, a bucket per project).
        const objects = [
          ...build(r, 'control-plane'),
          ...build(r, 'cluster-layer/minio-tenant'),
        ];
        const tenant = find(objects, 'Tenant');
        expect(tenant.spec.pools).toEqual([
          expect.objectContaining({ servers: 1, volumesPerServer: 4 }),
        ]);
        expect(tenant.spec.configuration).toEqual({
          name: 'minio-env-configuration',
        });
        // One source for the bucket: the Crossplane Bucket, not the tenant's `buckets`.
        expect(tenant.spec.buckets).toBeUndefined();
        expect(find(objects, 'Bucket').spec.forProvider.bucketName).toBe(
          baseValues.bucketName,
        );
        // Nothing secret is committed.
        expect(objects.filter(o => o.kind === 'Secret')).toEqual([]);
        expect(fileText(r, 'README.md')).toContain(
          'kubectl -n minio create secret generic minio-env-configuration',
        );
        const operator = chartInstall(
          r,
          'cluster-layer/minio-operator/minio-operator.yaml',
        );
        expect(chartVersion(operator)).toBe('7.1.1');
        expect(chartValues(operator).operator.replicaCount).toBe(1);
      }
    });

    it('the README says how to reach the console of the tenant it deploys', () => {
      const r = byId(argocd.id);
      const tenant = find(build(r, 'cluster-layer/minio-tenant'), 'Tenant');
      // The operator's console Service is <tenant>-console, port 9090 without TLS.
      expect(fileText(r, 'README.md')).toContain(
        `kubectl -n ${tenant.metadata.namespace} port-forward svc/${tenant.metadata.name}-console 9090`,
      );
    });
  });

  describe.each([[argocd.id], [flux.id]])('Spark operator (%s)', id => {
    it('the SparkApplication runs a script from this repository that compiles', () => {
      const r = byId(id);
      const objects = build(r, 'control-plane/processing/spark');
      const app = find(objects, 'SparkApplication');
      const script = new URL(app.spec.mainApplicationFile).pathname;
      const volume = app.spec.volumes.find((v: any) =>
        app.spec.driver.volumeMounts.some(
          (m: any) => m.name === v.name && script.startsWith(`${m.mountPath}/`),
        ),
      );
      const mount = app.spec.driver.volumeMounts.find(
        (m: any) => m.name === volume.name,
      );
      const configMap = find(objects, 'ConfigMap', volume.configMap.name);
      const key = path.posix.relative(mount.mountPath, script);
      const repoFile = `control-plane/processing/spark/jobs/${key}`;
      expect(configMap.data[key]).toBe(fileText(r, repoFile));
      // Executors see the same files.
      expect(app.spec.executor.volumeMounts).toContainEqual(mount);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-job-'));
      try {
        const copy = path.join(dir, key);
        fs.writeFileSync(copy, configMap.data[key]);
        const compiled = runTool(python, ['-m', 'py_compile', copy]);
        expect({ status: compiled.status, output: compiled.output }).toEqual({
          status: 0,
          output: '',
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the job reads and writes the project bucket on the chosen storage', () => {
      const r = byId(id);
      const app = find(
        build(r, 'control-plane/processing/spark'),
        'SparkApplication',
      );
      expect(app.spec.arguments).toEqual([
        '--input',
        `s3a://${baseValues.bucketName}/processing/raw/`,
        '--output',
        `s3a://${baseValues.bucketName}/processing/features`,
      ]);
      // MinIO needs its endpoint; on S3 the AWS default endpoint of the region applies.
      expect(app.spec.hadoopConf['fs.s3a.endpoint']).toBe(
        r.values.storage === 'minio' ? storageEndpoints(r).mlflow : undefined,
      );
    });

    it('the driver runs as its own ServiceAccount allowed to start executors in the watched namespace', () => {
      const r = byId(id);
      const objects = build(r, 'control-plane/processing/spark');
      const app = find(objects, 'SparkApplication');
      const namespace = app.metadata.namespace;
      const account = find(
        objects,
        'ServiceAccount',
        app.spec.driver.serviceAccount,
      );
      expect(account.metadata.namespace).toBe(namespace);
      const binding = objects.find(
        (o: any) =>
          o.kind === 'RoleBinding' &&
          o.subjects.some(
            (s: any) =>
              s.kind === 'ServiceAccount' &&
              s.name === account.metadata.name &&
              s.namespace === namespace,
          ),
      ) as any;
      const role = find(objects, 'Role', binding.roleRef.name);
      expect(role.rules).toContainEqual(
        expect.objectContaining({
          resources: expect.arrayContaining(['pods', 'services', 'configmaps']),
          verbs: expect.arrayContaining(['create', 'delete', 'watch']),
        }),
      );
      const operator = chartInstall(
        r,
        'cluster-layer/spark-operator/spark-operator.yaml',
      );
      expect(chartVersion(operator)).toBe('2.5.2');
      // The cluster layer's operator runs every namespace's jobs (""), this
      // project's own namespace among them.
      expect(namespace).toBe('fraud-detection-processing');
      expect(chartValues(operator).spark.jobNamespaces).toEqual(['']);
    });
  });

  describe.each([[argocd.id], [flux.id]])('Flink operator (%s)', id => {
    it('the FlinkDeployment uses a Flink version the pinned operator supports, with a matching image', () => {
      const r = byId(id);
      const deployment = find(
        build(r, 'control-plane/processing/flink'),
        'FlinkDeployment',
      );
      const crd = parse(
        fs.readFileSync(
          path.join(
            schemaDir,
            'flink-operator/flinkdeployments.flink.apache.org-v1.yml',
          ),
          'utf8',
        ),
      );
      const supported =
        crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties
          .flinkVersion.enum;
      expect(supported).toContain(deployment.spec.flinkVersion);
      // flink:2.2 <-> v2_2
      const [major, minor] = deployment.spec.image.split(':')[1].split('.');
      expect(deployment.spec.flinkVersion).toBe(`v${major}_${minor}`);
      expect(deployment.spec.job.jarURI).toMatch(/^local:\/\/\/opt\/flink\//);

      const operator = chartInstall(
        r,
        'cluster-layer/flink-kubernetes-operator/flink-kubernetes-operator.yaml',
      );
      expect(chartVersion(operator)).toBe('1.15.0');
      const values = chartValues(operator);
      // The cluster layer's operator watches every namespace.
      expect(values.watchNamespaces).toBeUndefined();
      // The webhook needs its own certificate setup: off.
      expect(values.webhook.create).toBe(false);
      // The job ServiceAccount is the project's, in the deployment's namespace
      // (the shared operator's chart creates `flink` only in its own).
      const objects = build(r, 'control-plane/processing/flink');
      const account = find(
        objects,
        'ServiceAccount',
        deployment.spec.serviceAccount,
      );
      expect(account.metadata.namespace).toBe(deployment.metadata.namespace);
      const binding = find(objects, 'RoleBinding', 'flink');
      expect(binding.subjects).toEqual([
        {
          kind: 'ServiceAccount',
          name: 'flink',
          namespace: deployment.metadata.namespace,
        },
      ]);
    });

    it('the README says how to reach the Flink UI of the deployed job', () => {
      const { built: deployment, readme } = builtAndReadme(
        id,
        'control-plane/processing/flink',
        'FlinkDeployment',
      );
      // The operator exposes the JobManager REST API and UI as <name>-rest, port 8081.
      expect(readme).toContain(
        `kubectl -n ${deployment.metadata.namespace} port-forward svc/${deployment.metadata.name}-rest 8081`,
      );
    });
  });

  it('the Spark UI instructions name the driver pod the operator creates', () => {
    const { built: app, readme } = builtAndReadme(
      argocd.id,
      'control-plane/processing/spark',
      'SparkApplication',
    );
    expect(readme).toContain(
      `kubectl -n ${app.metadata.namespace} port-forward pod/${app.metadata.name}-driver 4040`,
    );
  });

  it('with Kafka, the docs say how a Flink job reads the prediction-events topic', () => {
    const readme = fileText(byId(flux.id), 'README.md');
    expect(readme).toContain(
      'read topic\n`fraud-detection-predictions` from `fraud-detection-kafka-kafka-bootstrap.fraud-detection-streaming.svc:9092`',
    );
    expect(fileText(byId(argocd.id), 'README.md')).not.toContain(
      'kafka-bootstrap',
    );
  });

  it('leaves the operators to the cluster layer: the project declares only its own resources', () => {
    const customKinds = ['SparkApplication', 'FlinkDeployment'];
    for (const r of [
      byId(argocd.id),
      byId(flux.id),
      byId('minio-deploy-flux-default-endpoint'),
    ]) {
      const root = build(r, 'control-plane');
      // No chart install of an operator in what GitOps reconciles from the repository.
      expect(
        root
          .filter(o =>
            ['Application', 'HelmRelease', 'HelmRepository'].includes(o.kind),
          )
          .map(o => o.metadata?.name),
      ).toEqual([]);
      expect(
        r.result.files.has('control-plane/platform/kustomization.yaml'),
      ).toBe(false);
      // The operators are parts of the cluster layer, each a chart install.
      const parts = [
        ...(r.values.minioDeploy ? [['minio-operator', 'operator']] : []),
        ...(r.values.sparkOperator
          ? [['spark-operator', 'spark-operator']]
          : []),
        ...(r.values.flinkOperator
          ? [['flink-kubernetes-operator', 'flink-kubernetes-operator']]
          : []),
      ];
      for (const [part, chart] of parts) {
        const install = chartInstall(r, `cluster-layer/${part}/${part}.yaml`);
        expect(install.kind).toBe(
          r.values.gitopsEngine === 'argocd' ? 'Application' : 'HelmRelease',
        );
        expect(
          install.kind === 'HelmRelease'
            ? install.spec.chart.spec.chart
            : install.spec.source.chart,
        ).toBe(chart);
      }
      expect(root.some(o => o.kind === 'Tenant')).toBe(false);
      const expected = customKinds.filter(
        kind =>
          (kind === 'SparkApplication' && r.values.sparkOperator === true) ||
          (kind === 'FlinkDeployment' && r.values.flinkOperator === true),
      );
      expect(
        customKinds.filter(kind => root.some(o => o.kind === kind)),
      ).toEqual(expected);
      // Argo CD: the custom resources wait for their CRDs on the first sync.
      const syncOptions = expected.map(
        kind =>
          (find(root, kind).metadata.annotations ?? {})[
            'argocd.argoproj.io/sync-options'
          ],
      );
      expect(syncOptions).toEqual(
        expected.map(() =>
          r.values.gitopsEngine === 'argocd'
            ? 'SkipDryRunOnMissingResource=true'
            : undefined,
        ),
      );
    }
  });

  it('every object of the Flux MinIO project validates against its schema', () => {
    const objects = build(
      byId('minio-deploy-flux-default-endpoint'),
      'control-plane',
    );
    const failures = validateKubernetesObjects(objects)
      .filter(v => v.errors.length > 0)
      .map(v => `${v.object.kind}: ${v.errors.join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('the copied CRD schemas reject a misspelt field', () => {
    const objects = [
      ...build(byId(argocd.id), 'control-plane'),
      ...build(byId(argocd.id), 'cluster-layer/minio-tenant'),
    ];
    const typos: Array<[string, (o: any) => void]> = [
      ['Tenant', o => (o.spec.pools[0].volumesPerSever = 4)],
      ['SparkApplication', o => (o.spec.driver.memroy = '512m')],
      ['FlinkDeployment', o => (o.spec.jobManager.resource.mem = '1g')],
    ];
    for (const [kind, misspell] of typos) {
      const object = structuredClone(find(objects, kind));
      expect(validateCustomResource(object)).toEqual([]);
      misspell(object);
      expect(validateCustomResource(object).join('\n')).toMatch(
        /additional properties/i,
      );
    }
  });

  it('nothing of MinIO, Spark or Flink appears when they are not chosen', () => {
    for (const id of [
      'nothing-chosen',
      'minio-not-deployed',
      's3-with-stale-minio-deploy',
    ]) {
      const r = byId(id);
      const files = [...r.result.files.keys()];
      expect({
        id,
        files: files.filter(f =>
          /^(control-plane\/(minio|processing|platform)|cluster-layer\/(minio|spark|flink))/.test(
            f,
          ),
        ),
      }).toEqual({ id, files: [] });
      const root = build(r, 'control-plane');
      expect(
        root
          .filter(
            o =>
              ['Tenant', 'SparkApplication', 'FlinkDeployment'].includes(
                o.kind,
              ) ||
              (o.kind === 'Application' &&
                [
                  'operator',
                  'spark-operator',
                  'flink-kubernetes-operator',
                ].includes((o as any).spec.source?.chart)),
          )
          .map(o => o.kind),
      ).toEqual([]);
      const text = ['README.md', 'control-plane/README.md', 'docs/index.md']
        .map(f => fileText(r, f))
        .join('\n');
      expect(text).not.toMatch(/spark|flink|minio-operator|Tenant/i);
    }
  });
});
