import { combinations } from './combinations';
import { removeRendered, renderAll, RenderedCombination } from './renderAll';
import {
  check,
  ClusterModel,
  collisions,
  convergenceRules,
  loadClusterModel,
  securityRules,
} from '../../convergence';

/**
 * The model of the cluster over every render: each rule the cluster (and its
 * controllers) enforces must hold for every combination. The rules and
 * their negative tests are in src/convergence/rules.
 */
describe('every combination converges on a cluster (model of the cluster)', () => {
  let rendered: RenderedCombination[] = [];
  const models = new Map<string, ClusterModel>();

  beforeAll(async () => {
    rendered = await renderAll(combinations);
    for (const r of rendered) {
      models.set(r.id, loadClusterModel(r.dir, String(r.values.name)));
    }
  }, 180_000);

  afterAll(() => removeRendered(rendered));

  const rules = [...convergenceRules, ...securityRules];

  describe.each(combinations.map(c => [c.id]))('%s', id => {
    it.each(rules.map(rule => [rule.id, rule]))('%s', (_ruleId, rule) => {
      const model = models.get(id)!;
      expect(model.objects.length).toBeGreaterThan(5);
      expect(
        check(model, [rule]).map(v => `${v.subject}: ${v.message}`),
      ).toEqual([]);
    });
  });
});

/**
 * Many projects, one cluster: for every combination (the three "everything
 * on" ones included), a second project (churn-prediction, its own bucket)
 * rendered with the same choices next to fraud-detection declares no object
 * of the same kind, namespace and name outside the projects' own namespaces,
 * and installs no Helm release twice. The shared operators, the Prometheus
 * stack, cert-manager, the traffic controller, the autoscaler, the NVIDIA
 * device plugin and Kubeflow Pipelines are the cluster layer's
 * (cluster-layer/<part>/, detected and reused by scripts/bootstrap.sh, never
 * declared again); each project's own objects (its Kafka cluster, Spark and
 * Flink jobs, orchestrator, Gateways, certificates, dashboard) live in its
 * namespaces or carry its name.
 */
describe('two projects on one cluster do not collide', () => {
  const ids = combinations.map(c => c.id);
  let rendered: RenderedCombination[] = [];

  beforeAll(async () => {
    const chosen = combinations.filter(c => ids.includes(c.id));
    rendered = await renderAll([
      ...chosen,
      ...chosen.map(c => ({
        id: `${c.id}-churn`,
        values: {
          ...c.values,
          name: 'churn-prediction',
          repoUrl: String(c.values.repoUrl).replace(
            'fraud-detection',
            'churn-prediction',
          ),
          bucketName: 'acme-churn-prediction-artifacts',
        },
      })),
    ]);
  }, 180_000);

  afterAll(() => removeRendered(rendered));

  it.each(ids.map(id => [id]))('%s', id => {
    const first = rendered.find(r => r.id === id)!;
    const second = rendered.find(r => r.id === `${id}-churn`)!;
    const a = loadClusterModel(first.dir, 'fraud-detection');
    const b = loadClusterModel(second.dir, 'churn-prediction');
    expect(
      b.objects.some(o => o.metadata?.namespace === 'churn-prediction'),
    ).toBe(true);
    expect(collisions(a, b).map(v => `${v.subject}: ${v.message}`)).toEqual([]);
  });
});
