import { namespaceLabelsRule, podSecurityRule } from './podSecurity';
import { goodProject } from '../__fixtures__/goodProject';
import { breakObject, messages } from '../__fixtures__/breaks';

describe('pod security rules', () => {
  it('pass restricted containers and labelled namespaces', () => {
    expect(messages(podSecurityRule, goodProject())).toEqual([]);
    expect(messages(namespaceLabelsRule, goodProject())).toEqual([]);
  });

  it('fail a container that may run as root, escalate, keep capabilities or run unconfined', () => {
    const model = breakObject('Deployment', 'mlflow', o => {
      delete o.spec.template.spec.securityContext;
      delete o.spec.template.spec.containers[0].securityContext;
    });
    expect(messages(podSecurityRule, model)).toEqual(
      [
        'runAsNonRoot is not true',
        'allowPrivilegeEscalation is not false',
        'capabilities.drop lacks ALL',
        'seccompProfile is not RuntimeDefault',
      ].map(m => `Deployment demo/mlflow container mlflow: ${m}`),
    );
  });

  it('fail a namespace without a Pod Security enforce label', () => {
    const model = breakObject('Namespace', 'demo', o => {
      o.metadata.labels = {};
    });
    expect(messages(namespaceLabelsRule, model)).toEqual([
      'Namespace demo: has no pod-security.kubernetes.io/enforce label (restricted, baseline)',
    ]);
  });

  it('fail the project namespace at privileged, but accept an explicit privileged shared namespace', () => {
    const privileged = breakObject('Namespace', 'demo', o => {
      o.metadata.labels['pod-security.kubernetes.io/enforce'] = 'privileged';
    });
    expect(messages(namespaceLabelsRule, privileged)).toEqual([
      'Namespace demo: has no pod-security.kubernetes.io/enforce label (restricted, baseline)',
    ]);
    const shared = goodProject();
    const monitoring = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'monitoring',
        labels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
      },
    };
    shared.objects.push(monitoring, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'streaming' },
    });
    expect(messages(namespaceLabelsRule, shared)).toEqual([
      'Namespace streaming: has no pod-security.kubernetes.io/enforce label (restricted, baseline, privileged)',
    ]);
  });
});
