import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTool } from '../../validators/systemTools';
import { combinations } from './combinations';
import { removeRendered, renderAll, RenderedCombination } from './renderAll';

/**
 * Many projects, one cluster, as scripts/bootstrap.sh really runs: against a
 * stand-in kubectl (and helm, aws) that answers `kubectl get … -o name` from a
 * list of objects the "cluster" has and logs every other call. On an empty
 * cluster the bootstrap applies every part of the cluster layer, and waits for
 * each, before the project's root application; on a cluster where a first
 * project installed them it applies none of them again and still applies the
 * project.
 */
const chosen = combinations.filter(c =>
  [
    'everything-on-minio-flux-flagger',
    'everything-on-gitlab-terraform-s3-argocd-kserve-kubeflow',
    'ray-serve-ray-training-gpu-flux-minio',
    'kserve-argocd-s3',
    's3-argocd-rollouts-ingress-gpu',
  ].includes(c.id),
);

/** Parts that are plain manifests (no chart release to wait for), or a Flux Kustomization (KFP). */
const plainManifests = [
  'cert-manager-issuers',
  'minio-tenant',
  'kubeflow-pipelines',
  'envoy-proxy-monitor',
  'argo-rollouts-gateway-api',
];

/** The stand-in tools: `get` answers from $CLUSTER_HAS (one `kubectl get` argument list per line). */
function standInTools(dir: string) {
  const kubectl = `#!/usr/bin/env bash
echo "kubectl $*" >> "$TOOL_LOG"
if [ "$1" = get ]; then
  all="$*"
  args="\${all% -o name}"
  args="\${args#get }"
  if grep -qxF -- "$args" "$CLUSTER_HAS"; then echo "found/$args"; fi
fi
# Argo Rollouts' configuration, read for its traffic router plugins.
if [ "$*" = "-n argo-rollouts get configmap argo-rollouts-config -o jsonpath={.data.trafficRouterPlugins}" ] &&
  grep -qxF "argo-rollouts-config with plugins" "$CLUSTER_HAS"; then
  echo '- name: "argoproj-labs/gatewayAPI"'
fi
exit 0
`;
  const logOnly = (name: string) => `#!/usr/bin/env bash
echo "${name} $*" >> "$TOOL_LOG"
exit 0
`;
  fs.writeFileSync(path.join(dir, 'kubectl'), kubectl, { mode: 0o755 });
  for (const name of ['helm', 'aws']) {
    fs.writeFileSync(path.join(dir, name), logOnly(name), { mode: 0o755 });
  }
}

/** The `kubectl get` arguments of every marker the bootstrap checks (`cluster_part <part> <wait> <marker…>`). */
function markers(bootstrap: string): string[] {
  return [...bootstrap.matchAll(/^cluster_part \S+ \S+ (.+)$/gm)].map(
    m => m[1],
  );
}

describe('templates/mlops-platform-versioning: the cluster layer is installed once and reused', () => {
  let rendered: RenderedCombination[] = [];
  let tools = '';

  beforeAll(async () => {
    rendered = await renderAll(chosen);
    tools = fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-kubectl-'));
    standInTools(tools);
  }, 120_000);

  afterAll(() => {
    removeRendered(rendered);
    fs.rmSync(tools, { recursive: true, force: true });
  });

  /** Runs the bootstrap on a cluster that has `has`; returns the calls it made. */
  const bootstrap = (r: RenderedCombination, has: string[]) => {
    const log = path.join(r.dir, 'tool.log');
    const cluster = path.join(r.dir, 'cluster-has.txt');
    fs.writeFileSync(log, '');
    fs.writeFileSync(cluster, `${has.join('\n')}\n`);
    const run = runTool('bash', ['scripts/bootstrap.sh'], {
      cwd: r.dir,
      env: {
        ...process.env,
        PATH: `${tools}:${process.env.PATH}`,
        TOOL_LOG: log,
        CLUSTER_HAS: cluster,
      },
    });
    expect({
      status: run.status,
      output: run.status === 0 ? '' : run.output,
    }).toEqual({
      status: 0,
      output: '',
    });
    return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  };

  const parts = (r: RenderedCombination) =>
    [...r.result.files.keys()]
      .map(f => /^cluster-layer\/([^/]+)\/kustomization\.yaml$/.exec(f)?.[1])
      .filter((p): p is string => !!p && p !== 'crossplane');

  it.each(chosen.map(c => [c.id]))(
    '%s: an empty cluster gets every part, each waited for, before the project',
    id => {
      const r = rendered.find(x => x.id === id)!;
      const calls = bootstrap(r, []);
      const root = calls.findIndex(c =>
        /^kubectl apply -f control-plane\/gitops\//.test(c),
      );
      expect(root).toBeGreaterThan(0);
      for (const part of parts(r)) {
        const applied = calls.indexOf(
          `kubectl apply --server-side -k cluster-layer/${part}`,
        );
        expect({ part, applied: applied >= 0 && applied < root }).toEqual({
          part,
          applied: true,
        });
      }
      // Each chart part is waited for (its Argo CD Application or Flux HelmRelease).
      const engine =
        r.values.gitopsEngine === 'argocd' ? 'application' : 'helmrelease';
      expect(
        calls.filter(c => c.includes(' wait ') && c.includes(`${engine}/`))
          .length,
      ).toBeGreaterThanOrEqual(
        parts(r).filter(p => !plainManifests.includes(p)).length,
      );
    },
  );

  it.each(chosen.map(c => [c.id]))(
    '%s: a cluster that has the parts already gets none of them again, and still the project',
    id => {
      const r = rendered.find(x => x.id === id)!;
      const has = [
        ...markers(
          fs.readFileSync(path.join(r.dir, 'scripts/bootstrap.sh'), 'utf8'),
        ),
        'gatewayclass envoy-gateway',
        'argo-rollouts-config with plugins',
      ];
      expect(has.length).toBeGreaterThan(1);
      const calls = bootstrap(r, has);
      expect(
        calls.filter(c =>
          /apply --server-side -k cluster-layer\/(?!crossplane)/.test(c),
        ),
      ).toEqual([]);
      expect(
        calls.some(c => /^kubectl apply -f control-plane\/gitops\//.test(c)),
      ).toBe(true);
    },
  );

  it('applies again only the part whose marker the cluster lacks', () => {
    const r = rendered.find(x => x.id === 'kserve-argocd-s3')!;
    const all = markers(
      fs.readFileSync(path.join(r.dir, 'scripts/bootstrap.sh'), 'utf8'),
    );
    const withoutKserve = all.filter(m => !m.includes('inferenceservices'));
    const calls = bootstrap(r, withoutKserve);
    expect(
      calls.filter(c =>
        /apply --server-side -k cluster-layer\/(?!crossplane)/.test(c),
      ),
    ).toEqual(['kubectl apply --server-side -k cluster-layer/kserve']);
  });
});
