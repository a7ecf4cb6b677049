import { grafanaAdminRule } from './grafanaAdmin';
import { addObjects, messages } from '../__fixtures__/breaks';

const release = (grafana: Record<string, unknown>) =>
  addObjects({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'demo-kube-prometheus-stack', namespace: 'argocd' },
    spec: {
      project: 'demo',
      source: {
        chart: 'kube-prometheus-stack',
        helm: {
          releaseName: 'kube-prometheus-stack',
          valuesObject: { grafana },
        },
      },
      destination: { namespace: 'monitoring' },
    },
  });

describe('Grafana admin Secret rule', () => {
  const subject =
    'Helm release monitoring/kube-prometheus-stack (Application argocd/demo-kube-prometheus-stack)';

  it('fails a kube-prometheus-stack release that keeps the default admin password', () => {
    expect(
      messages(grafanaAdminRule, release({ persistence: { enabled: false } })),
    ).toEqual([
      `${subject}: sets no grafana.admin.existingSecret: Grafana keeps the chart default admin password`,
    ]);
  });

  it('fails a Secret nobody creates, passes one listed as created by hand', () => {
    const model = release({ admin: { existingSecret: 'grafana-admin' } });
    expect(messages(grafanaAdminRule, model)).toEqual([
      `${subject}: Secret monitoring/grafana-admin is neither created by the repository nor listed in docs/created-by-hand.md`,
    ]);
    model.createdByHand.push({
      kind: 'Secret',
      namespace: 'monitoring',
      name: 'grafana-admin',
    });
    expect(messages(grafanaAdminRule, model)).toEqual([]);
  });
});
