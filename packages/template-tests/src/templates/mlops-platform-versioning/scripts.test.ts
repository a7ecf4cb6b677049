import fs from 'node:fs';
import path from 'node:path';
import { python, runTool } from '../../validators/systemTools';
import { combinations } from './combinations';
import {
  removeRendered,
  renderAll,
  RenderedCombination,
  template,
} from './renderAll';

const argocdRollouts = combinations.find(
  c => c.id === 's3-argocd-rollouts-ingress-gpu',
)!;
const fluxFlagger = combinations.find(
  c => c.id === 'everything-on-minio-flux-flagger',
)!;
const argocdPlain = combinations.find(c => c.id === 's3-argocd-none-nodeport')!;

describe('templates/mlops-platform-versioning: generated scripts', () => {
  let rendered: RenderedCombination[] = [];
  const byId = (id: string) => rendered.find(r => r.id === id)!;
  const bash = (r: RenderedCombination, script: string, ...args: string[]) =>
    runTool('bash', [path.join(r.dir, script), ...args], { cwd: r.dir });
  /** Runs `script --dry-run` of combination `id`; expects it to succeed and returns what it printed. */
  const dryRun = (id: string, script: string, ...args: string[]) => {
    const run = bash(byId(id), script, '--dry-run', ...args);
    expect(run.status).toBe(0);
    return run.output;
  };

  beforeAll(async () => {
    rendered = await renderAll([argocdRollouts, fluxFlagger, argocdPlain]);
  }, 120_000);

  afterAll(() => removeRendered(rendered));

  it('are executable in the template, so the published repository keeps the mode', () => {
    const skeleton = path.join(template.dir, 'skeleton');
    const scripts = [
      'base/scripts/bootstrap.sh',
      'base/scripts/validate-end-to-end.sh',
      "base/scripts/${{ 'dvc-remote-local.sh' if values.storage == 'minio' else '' }}",
      'base/control-plane/ci-cd/checks/validate-manifests.sh',
      'options/canary/control-plane/ci-cd/checks/check_canary_gates.py',
    ].map(script => path.join(skeleton, script));
    // The reproducibility checks live in the mlops scaffolder module (mlops:reproducibility:add-checks).
    const checks = path.join(
      path.dirname(
        require.resolve(
          '@mlops-portal/plugin-scaffolder-backend-module-mlops/package.json',
        ),
      ),
      'assets/reproducibility-checks/control-plane/ci-cd/checks',
    );
    scripts.push(
      path.join(checks, 'reproducibility.py'),
      path.join(checks, 'install-requirements.sh'),
    );
    const notExecutable = scripts.filter(
      script => (fs.statSync(script).mode & 0o111) === 0,
    );
    expect(notExecutable).toEqual([]);
  });

  it('bootstrap.sh --dry-run installs Argo CD and Argo Rollouts from pinned manifests and applies the Application', () => {
    const output = dryRun(argocdRollouts.id, 'scripts/bootstrap.sh');
    expect(output).toContain(
      '+ kubectl apply -n argocd --server-side --force-conflicts -f https://raw.githubusercontent.com/argoproj/argo-cd/v3.5.1/manifests/install.yaml',
    );
    expect(output).toContain(
      'argo-rollouts/releases/download/v1.9.1/install.yaml',
    );
    // The provider is the cluster layer's; this project adds its bucket to the provider's role.
    expect(output).toContain(
      '+ kubectl apply --server-side -k cluster-layer/crossplane',
    );
    expect(output).toContain(
      '+ kubectl wait provider.pkg.crossplane.io/provider-aws-s3',
    );
    expect(output).toMatch(
      /\+ aws iam put-role-policy --role-name ml-platform-crossplane-provider-aws-s3 --policy-name fraud-detection-bucket --policy-document \{.*"Resource":"arn:aws:s3:::acme-fraud-detection-artifacts"\}\]\}\n/,
    );
    expect(output).toMatch(
      /\+ kubectl apply -f control-plane\/gitops\/argo-cd-app\.yaml\n/,
    );
    expect(output).not.toMatch(/flux/i);
  });

  // Alike the Argo CD test above by design: each engine's dry run is checked for its own commands and none of the other's.
  it('bootstrap.sh --dry-run installs Flux and applies the GitRepository and Kustomization', () => {
    const output = dryRun(fluxFlagger.id, 'scripts/bootstrap.sh');
    expect(output).toContain(
      '+ kubectl apply -f https://github.com/fluxcd/flux2/releases/download/v2.9.4/install.yaml',
    );
    expect(output).toContain(
      '+ kubectl wait provider.pkg.crossplane.io/provider-minio',
    );
    expect(output).toMatch(
      /\+ kubectl apply -f control-plane\/gitops\/flux-kustomization\.yaml\n/,
    );
    expect(output).not.toMatch(/argo/i);
  });

  it('dvc-remote-local.sh --dry-run forwards the in-cluster MinIO to localhost and sets a local DVC override (MinIO only)', () => {
    const output = dryRun(fluxFlagger.id, 'scripts/dvc-remote-local.sh');
    expect(output).toContain(
      '+ dvc remote modify --local storage endpointurl http://localhost:9000',
    );
    expect(output).toContain(
      '+ kubectl -n minio port-forward svc/minio 9000:9000',
    );
    expect(
      dryRun(fluxFlagger.id, 'scripts/dvc-remote-local.sh', '--unset'),
    ).toBe('+ dvc remote modify --local --unset storage endpointurl\n');
    expect(
      byId(argocdPlain.id).result.files.has('scripts/dvc-remote-local.sh'),
    ).toBe(false);
  });

  it('bootstrap.sh refuses an unknown option with its usage', () => {
    const run = bash(byId(argocdPlain.id), 'scripts/bootstrap.sh', '--yes');
    expect(run.status).toBe(2);
    expect(run.output).toContain('unknown option: --yes');
    expect(run.output).toContain('Usage:');
  });

  it('validate-end-to-end.sh --dry-run lists every end-to-end check of the chosen options', () => {
    const checks = (r: RenderedCombination) =>
      bash(r, 'scripts/validate-end-to-end.sh', '--dry-run')
        .output.split('\n')
        .filter(line => line.startsWith('would check: '))
        .map(line => line.slice('would check: '.length));
    const common = [
      'GitOps synced',
      'Crossplane bucket Ready',
      // Both have a Gateway (model serving) whose certificate cert-manager issues.
      'TLS certificates issued (cert-manager)',
      'MLflow healthy',
      'dvc status clean',
      'latest run logged to MLflow',
    ];
    expect(checks(byId(argocdPlain.id))).toEqual(common);
    expect(checks(byId(fluxFlagger.id))).toEqual([
      ...common,
      'canary healthy',
      'Grafana and Prometheus running',
      'Kafka cluster Ready',
      'Airflow scheduler running',
    ]);
    const output = dryRun(fluxFlagger.id, 'scripts/validate-end-to-end.sh');
    expect(output).toContain(
      'kustomization.kustomize.toolkit.fluxcd.io/$NAMESPACE',
    );
    expect(output).toContain(
      'bucket.minio.crossplane.io/acme-fraud-detection-artifacts',
    );
  });

  it('validate-end-to-end.sh refuses an unknown option', () => {
    const run = bash(
      byId(argocdPlain.id),
      'scripts/validate-end-to-end.sh',
      '--fast',
    );
    expect(run.status).toBe(2);
    expect(run.output).toContain('unknown option: --fast');
  });

  it.each([[argocdRollouts.id], [fluxFlagger.id]])(
    'the canary gate passes on the generated %s canary and fails when a threshold drifts',
    id => {
      const r = byId(id);
      const gate = () =>
        runTool(python, ['control-plane/ci-cd/checks/check_canary_gates.py'], {
          cwd: r.dir,
        });
      expect(gate()).toMatchObject({ status: 0 });
      const file = path.join(r.dir, 'control-plane/gitops/rollout-canary.yaml');
      const original = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, original.replace(/0\.99/g, '0.95'));
      try {
        const run = gate();
        expect(run.status).toBe(1);
        expect(run.output).toContain('success-rate');
        expect(run.output).toContain('the gate is 0.99');
      } finally {
        fs.writeFileSync(file, original);
      }
    },
  );
});
