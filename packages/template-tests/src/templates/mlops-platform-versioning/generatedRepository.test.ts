import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';
import { combinations } from './combinations';
import {
  fileText,
  removeRendered,
  renderAll,
  RenderedCombination,
  checkWorkflowFiles,
} from './renderAll';
import {
  validateDvcYaml,
  validateEksctlConfig,
  validateGithubWorkflow,
} from '../../validators/jsonSchemas';
import {
  isKubernetesObject,
  KubernetesObject,
  validateKubernetesObjects,
} from '../../validators/kubernetesObjects';
import { python, runTool } from '../../validators/systemTools';

const yamlFile = /\.ya?ml$/;
// Files under control-plane/ that are not Kubernetes objects.
const notManifests = [
  /^control-plane\/cluster\/(eks-cluster|nodegroup)\.yaml$/,
  /kustomization\.yaml$/,
  /^control-plane\/ci-cd\/canary-checks\.yaml$/,
];

function documents(text: string) {
  return parseAllDocuments(text).map(doc => {
    if (doc.errors.length > 0) {
      throw new Error(doc.errors.map(e => e.message).join('\n'));
    }
    return doc.toJS();
  });
}

function filesMatching(rendered: RenderedCombination, pattern: RegExp) {
  return [...rendered.result.files.keys()].filter(f => pattern.test(f)).sort();
}

function manifestObjects(rendered: RenderedCombination) {
  // control-plane/ (what GitOps applies) and cluster-layer/ (what the bootstrap applies once per cluster).
  return filesMatching(rendered, /^(control-plane|cluster-layer)\/.*\.yaml$/)
    .filter(file => !notManifests.some(p => p.test(file)))
    .flatMap(file =>
      documents(fileText(rendered, file)).map(object => ({ file, object })),
    );
}

function kustomize(rendered: RenderedCombination, dir: string) {
  return runTool('kubectl', ['kustomize', path.join(rendered.dir, dir)]);
}

describe('templates/mlops-platform-versioning renders a valid repository', () => {
  // Every render suite opens so: render its combinations once, remove them after (jest hooks, not shared logic).
  let rendered: RenderedCombination[] = [];

  beforeAll(async () => {
    rendered = await renderAll(combinations);
  }, 120_000);

  afterAll(() => removeRendered(rendered));

  describe.each(combinations.map(c => [c.id]))('%s', id => {
    const get = () => rendered.find(r => r.id === id)!;

    it('every YAML file parses', () => {
      const r = get();
      const files = filesMatching(r, yamlFile);
      expect(files.length).toBeGreaterThan(20);
      for (const file of files) {
        expect(() => documents(fileText(r, file))).not.toThrow();
      }
    });

    it('no template syntax is left unrendered', () => {
      const r = get();
      const leftovers = [...r.result.files].flatMap(([file, content]) => {
        const text = content.toString('utf8');
        const found = text.match(/\{%|%\}|\$\{\{\s*values/g) ?? [];
        // GitHub Actions expressions are the only ${{ }} a generated file may hold.
        const expressions = file.startsWith('.github/workflows/')
          ? []
          : text.match(/\$\{\{/g) ?? [];
        return [...found, ...expressions].map(match => `${file}: ${match}`);
      });
      expect(leftovers).toEqual([]);
    });

    it('every Kubernetes manifest validates against its schema', () => {
      const r = get();
      const found = manifestObjects(r);
      expect(found.length).toBeGreaterThan(10);
      for (const { file, object } of found) {
        expect({ file, isObject: isKubernetesObject(object) }).toEqual({
          file,
          isObject: true,
        });
      }
      const results = validateKubernetesObjects(
        found.map(f => f.object as KubernetesObject),
      );
      const failures = results
        .map((result, index) => ({ file: found[index].file, ...result }))
        .filter(result => result.errors.length > 0)
        .map(
          result =>
            `${result.file} ${result.object.kind}: ${result.errors.join('; ')}`,
        );
      expect(failures).toEqual([]);
    });

    it('kubectl kustomize builds every kustomization and the result validates', () => {
      const r = get();
      // Only kustomize's own files (not e.g. gitops/flux-kustomization.yaml, a Flux object).
      const kustomizations = filesMatching(r, /(^|\/)kustomization\.yaml$/);
      expect(kustomizations).toContain('control-plane/kustomization.yaml');
      for (const file of kustomizations) {
        const build = kustomize(r, path.dirname(file));
        expect({
          file,
          status: build.status,
          output: build.status ? build.output : '',
        }).toEqual({
          file,
          status: 0,
          output: '',
        });
      }
      const root = documents(
        kustomize(r, 'control-plane').output,
      ) as KubernetesObject[];
      const failures = validateKubernetesObjects(root).filter(
        v => v.errors.length > 0,
      );
      expect(
        failures.map(f => `${f.object.kind}: ${f.errors.join('; ')}`),
      ).toEqual([]);
      // Every object the Kubernetes plugin should find carries the project label.
      const unlabelled = root
        .filter(object => object.kind !== 'Namespace')
        .filter(
          object =>
            (object.metadata as { labels?: Record<string, string> }).labels?.[
              'app.kubernetes.io/part-of'
            ] !== 'fraud-detection',
        )
        .map(object => `${object.kind}/${object.metadata?.name}`);
      expect(unlabelled).toEqual([]);
    });

    it('the eksctl ClusterConfigs validate against the eksctl schema (Terraform projects have none)', () => {
      const r = get();
      const eksctlFiles = [
        'control-plane/cluster/eks-cluster.yaml',
        'control-plane/cluster/nodegroup.yaml',
      ];
      const present = eksctlFiles.filter(file => r.result.files.has(file));
      // infrastructure/terraform is checked in terraform.test.ts.
      expect(present).toEqual(
        r.values.infrastructure === 'terraform' ? [] : eksctlFiles,
      );
      for (const file of present) {
        expect({
          file,
          errors: validateEksctlConfig(parse(fileText(r, file))),
        }).toEqual({ file, errors: [] });
      }
    });

    it('the GitHub workflows validate and provide every required status check', () => {
      const r = get();
      const workflows = filesMatching(r, /^\.github\/workflows\/.*\.ya?ml$/);
      // A gitlab.com project gets GitLab CI instead (gitlabCi.test.ts).
      const gitlab = String(r.values.repoUrl).startsWith('gitlab.com');
      expect(workflows.length === 0).toBe(gitlab);
      if (gitlab) return;
      const jobNames: string[] = [];
      // Every workflow validates; the jobs of those that run on every pull
      // request are the merge checks (images.yml runs only when images change).
      const checks = checkWorkflowFiles(r);
      for (const file of workflows) {
        const workflow = parse(fileText(r, file));
        expect({ file, errors: validateGithubWorkflow(workflow) }).toEqual({
          file,
          errors: [],
        });
        if (!checks.includes(file)) continue;
        for (const job of Object.values(workflow.jobs) as Array<{
          name: string;
        }>) {
          jobNames.push(job.name);
        }
      }
      // The publish step (skipped in a dry run) logs the input it would have used.
      const publishLog = r.result.log
        .map(entry => entry.body.message)
        .find(message =>
          message.includes('Running publish:github in dry-run mode'),
        )!;
      const publishInput = JSON.parse(
        publishLog.slice(publishLog.indexOf('{')),
      );
      expect(publishInput.protectDefaultBranch).toBe(true);
      expect(
        publishInput.requiredStatusCheckContexts.length,
      ).toBeGreaterThanOrEqual(3);
      expect(jobNames.sort()).toEqual(
        [...publishInput.requiredStatusCheckContexts].sort(),
      );
    });

    it('dvc.yaml validates against the DVC schema and declares params, metrics and plots', () => {
      const r = get();
      const pipeline = parse(fileText(r, 'data-plane/dvc/dvc.yaml'));
      expect(validateDvcYaml(pipeline)).toEqual([]);
      expect(Object.keys(pipeline.stages)).toEqual([
        'prepare',
        'train',
        'evaluate',
      ]);
      expect(pipeline.stages.evaluate.metrics).toHaveLength(1);
      expect(pipeline.stages.evaluate.plots.length).toBeGreaterThan(0);
      for (const stage of Object.values(pipeline.stages) as Array<{
        params: unknown[];
      }>) {
        expect(stage.params.length).toBeGreaterThan(0);
      }
    });

    it('every Python script compiles', () => {
      const r = get();
      const scripts = filesMatching(r, /\.py$/).map(f => path.join(r.dir, f));
      // The four pipeline scripts and the CI checks (reproducibility.py).
      expect(scripts.length).toBeGreaterThanOrEqual(5);
      const run = runTool(python, ['-m', 'py_compile', ...scripts]);
      expect(run).toEqual({ status: 0, output: '' });
    });

    it('every shell script passes shellcheck', () => {
      const r = get();
      const scripts = filesMatching(r, /\.sh$/).map(f => path.join(r.dir, f));
      expect(scripts.length).toBeGreaterThanOrEqual(3);
      const run = runTool('shellcheck', scripts);
      expect(run).toEqual({ status: 0, output: '' });
    });

    it('catalog-info.yaml is an ml-project Component with every contract annotation', () => {
      const r = get();
      const entity = parse(fileText(r, 'catalog-info.yaml'));
      expect(entity.kind).toBe('Component');
      expect(entity.spec.type).toBe('ml-project');
      expect(entity.spec.owner).toBe(r.values.owner);
      expect(entity.metadata.description).toBe(r.values.description);
      const annotations = entity.metadata.annotations;
      for (const { key } of MLOPS_ANNOTATIONS) {
        expect({
          key,
          present:
            typeof annotations[key] === 'string' && annotations[key] !== '',
        }).toEqual({
          key,
          present: true,
        });
      }
      expect(annotations['backstage.io/techdocs-ref']).toBe('dir:.');
      expect(annotations['dvc.org/pipeline']).toBe('data-plane/dvc/dvc.yaml');
      expect(r.result.files.has(annotations['dvc.org/pipeline'])).toBe(true);
      expect(annotations['backstage.io/source-location']).toBe(
        String(r.values.repoUrl).startsWith('gitlab.com')
          ? 'url:https://gitlab.com/acme/fraud-detection/-/tree/main/'
          : 'url:https://github.com/acme/fraud-detection/tree/main/',
      );
    });

    it('mkdocs.yml lists only docs that exist', () => {
      const r = get();
      const mkdocs = parseAllDocuments(fileText(r, 'mkdocs.yml'))[0].toJS() as {
        nav: Array<Record<string, string>>;
      };
      for (const entry of mkdocs.nav) {
        const page = Object.values(entry)[0];
        expect({ page, exists: r.result.files.has(`docs/${page}`) }).toEqual({
          page,
          exists: true,
        });
      }
      for (const doc of filesMatching(r, /^docs\/.*\.md$/)) {
        const listed = mkdocs.nav.some(
          entry => `docs/${Object.values(entry)[0]}` === doc,
        );
        expect({ doc, listed }).toEqual({ doc, listed: true });
      }
    });

    it('has a Grafana dashboard of the canary metrics (and GPUs) exactly when observability is chosen', () => {
      const r = get();
      const file =
        'control-plane/observability/dashboards/model-serving-gpu.yaml';
      expect(r.result.files.has(file)).toBe(r.values.observability === true);
      const configMap = r.result.files.has(file)
        ? parse(fileText(r, file))
        : undefined;
      const dashboard = configMap
        ? JSON.parse(configMap.data['fraud-detection.json'])
        : { panels: [] };
      const queries = (
        dashboard.panels as Array<{ targets: Array<{ expr: string }> }>
      ).flatMap(panel => panel.targets.map(target => target.expr));
      const expected = r.values.observability
        ? [
            // Envoy Gateway's proxy statistics (the canary's traffic layer).
            'envoy_cluster_upstream_rq_xx',
            'envoy_cluster_upstream_rq_time_bucket',
            ...(r.values.gpuEnabled
              ? ['DCGM_FI_DEV_GPU_UTIL', 'DCGM_FI_DEV_FB_USED']
              : []),
          ]
        : [];
      expect(
        expected.filter(metric => !queries.some(q => q.includes(metric))),
      ).toEqual([]);
      expect(queries.filter(q => q.includes('DCGM')).length > 0).toBe(
        r.values.observability === true && r.values.gpuEnabled === true,
      );
    });

    it('has an Airflow DAG wired to the resources the repository creates, exactly when Airflow is chosen', () => {
      const r = get();
      const dagFile = 'orchestration/dags/dvc_pipeline.py';
      expect(r.result.files.has(dagFile)).toBe(
        r.values.orchestration === 'airflow',
      );
      const dag = r.result.files.get(dagFile)?.toString('utf8') ?? '';
      // The shared cache volume exists only for the orchestrators whose task pods mount it.
      const cacheFile = 'control-plane/crossplane/pipeline-cache.yaml';
      const pvc = r.result.files.has(cacheFile)
        ? parseAllDocuments(fileText(r, cacheFile))
            .map(d => d.toJS())
            .find(o => o.kind === 'PersistentVolumeClaim')
        : undefined;
      const wiring = {
        project: dag.includes('PROJECT = "fraud-detection"'),
        runsPipeline: dag.includes('"dvc repro data-plane/dvc/dvc.yaml"'),
        cacheClaim:
          dag.includes('claim_name=f"{PROJECT}-pipeline-cache"') &&
          pvc?.metadata.name === 'fraud-detection-pipeline-cache',
        // MLflow reaches S3 by EKS Pod Identity; the task pods read the bucket
        // with the keys of the Secret the team creates by hand.
        bucketSecret:
          dag.includes('name="mlflow-object-store"') &&
          fileText(r, 'docs/created-by-hand.md').includes(
            '| Secret | fraud-detection | mlflow-object-store |',
          ),
      };
      const expected = r.values.orchestration === 'airflow';
      expect(wiring).toEqual({
        project: expected,
        runsPipeline: expected,
        cacheClaim: expected,
        bucketSecret: expected,
      });
    });

    it('applies every part of the cluster layer in the bootstrap, before the root application', () => {
      const r = get();
      const parts = [...r.result.files.keys()]
        .map(
          file =>
            /^cluster-layer\/([^/]+)\/kustomization\.yaml$/.exec(file)?.[1],
        )
        .filter((part): part is string => !!part)
        .sort();
      const bootstrap = fileText(r, 'scripts/bootstrap.sh');
      const rootApp = bootstrap.indexOf('run kubectl apply -f "$ROOT_APP"');
      const applied = parts.map(part => {
        const at = bootstrap.search(
          new RegExp(`^cluster_part ${part} |-k cluster-layer/${part}$`, 'm'),
        );
        return { part, applied: at >= 0 && at < rootApp };
      });
      expect(applied).toEqual(parts.map(part => ({ part, applied: true })));
    });

    it('installs Helm charts before the objects that need their CRDs', () => {
      const r = get();
      const kinds = (dir: string) =>
        r.result.files.has(`${dir}/kustomization.yaml`)
          ? (documents(kustomize(r, dir).output) as KubernetesObject[]).map(
              o => o.kind,
            )
          : [];
      const helmKinds = ['HelmRelease', 'HelmRepository'];
      // The project's own charts: only its orchestrator's (Airflow, Flyte). The
      // operators whose CRDs control-plane/ needs are the cluster layer's,
      // which scripts/bootstrap.sh applies and waits for first (next test).
      const installsCharts =
        r.values.orchestration === 'airflow' ||
        r.values.orchestration === 'flyte';
      const expectPlatform = r.values.gitopsEngine === 'flux' && installsCharts;
      const root = kinds('control-plane');
      const platform = kinds('control-plane/platform');
      // Flux: Helm releases live only in the platform Kustomization, which the project's Kustomization depends on.
      expect(root.filter(kind => helmKinds.includes(kind))).toEqual([]);
      const fluxObjects = r.result.files.has(
        'control-plane/gitops/flux-kustomization.yaml',
      )
        ? documents(fileText(r, 'control-plane/gitops/flux-kustomization.yaml'))
        : [];
      const project = fluxObjects.find(
        o =>
          o.kind === 'Kustomization' && o.metadata.name === 'fraud-detection',
      );
      const platformKustomization = fluxObjects.find(
        o =>
          o.kind === 'Kustomization' &&
          o.metadata.name === 'fraud-detection-platform',
      );
      expect({
        platformHasReleases: platform.includes('HelmRelease'),
        platformReconciled:
          platformKustomization?.spec.path === './control-plane/platform',
        projectWaitsForPlatform:
          project?.spec.dependsOn?.[0]?.name === 'fraud-detection-platform',
      }).toEqual({
        platformHasReleases: expectPlatform,
        platformReconciled: expectPlatform,
        projectWaitsForPlatform: expectPlatform,
      });
      // Argo CD: each chart is its own Application in the root app.
      expect(root.includes('Application')).toBe(
        r.values.gitopsEngine === 'argocd' && installsCharts,
      );
    });
  });
});
