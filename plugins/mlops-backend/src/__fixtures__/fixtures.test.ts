import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync } from 'child_process';
import analysisruns from './kubernetes/analysisruns.json';
import canaries from './kubernetes/canaries.json';
import nodes from './kubernetes/nodes.json';
import pods from './kubernetes/pods.json';
import rollouts from './kubernetes/rollouts.json';
import flaggerCrds from './schemas/flagger-crds.json';

/**
 * kubernetes-models is ESM-only, which jest's CommonJS runtime cannot load:
 * validate in a child Node.js process; it prints one error list per object.
 */
const VALIDATOR = `
const checks = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  const out = [];
  for (const { module, kind, body } of checks) {
    const Model = (await import(module))[kind];
    try { new Model(body).validate(); out.push([]); }
    catch (e) { out.push((e.errors ?? [e]).map(x => (x.instancePath ?? '') + ' ' + x.message)); }
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

function modelErrors(checks: Array<{ module: string; kind: string; body: unknown }>): string[][] {
  return JSON.parse(
    execFileSync(process.execPath, ['-e', VALIDATOR], {
      input: JSON.stringify(checks),
      cwd: __dirname,
      encoding: 'utf8',
    }),
  );
}

const items = (list: { apiVersion: string; items: object[] }, kind: string) =>
  list.items.map(item => ({ apiVersion: list.apiVersion, kind, ...item }));

describe('Kubernetes test fixtures', () => {
  it('are valid core v1 and Argo Rollouts objects', () => {
    const v1 = 'kubernetes-models/v1';
    const argo = '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1';
    const checks = [
      ...items(nodes, 'Node').map(body => ({ module: v1, kind: 'Node', body })),
      ...items(pods, 'Pod').map(body => ({ module: v1, kind: 'Pod', body })),
      ...items(rollouts, 'Rollout').map(body => ({ module: argo, kind: 'Rollout', body })),
      ...items(analysisruns, 'AnalysisRun').map(body => ({ module: argo, kind: 'AnalysisRun', body })),
    ];
    const errors = modelErrors(checks);
    expect(errors).toHaveLength(checks.length);
    expect(errors.flat()).toEqual([]);
    // The validator does reject a broken object, so the check above can fail.
    const broken = modelErrors([{ module: v1, kind: 'Node', body: { apiVersion: 'v1', kind: 'Node', spec: { taints: 'x' } } }]);
    expect(broken[0].length).toBeGreaterThan(0);
  });

  it('hold Flagger Canaries that satisfy the Flagger CRD schema', () => {
    const crd = (flaggerCrds as any[]).find(c => c.spec.names.kind === 'Canary');
    const schema = crd.spec.versions.find((v: { name: string }) => v.name === 'v1beta1').schema.openAPIV3Schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // Flagger's schema uses `format: string` for free text; accept it as any string.
    ajv.addFormat('string', true);
    const validate = ajv.compile(schema);
    expect(canaries.items.length).toBeGreaterThan(0);
    for (const canary of canaries.items) {
      expect(validate(canary) ? [] : validate.errors).toEqual([]);
    }
    expect(validate({ ...canaries.items[0], spec: { analysis: { threshold: 'x' } } })).toBe(false);
  });
});
