import { podReferencesRule } from './podReferences';
import { goodProject } from '../__fixtures__/goodProject';
import { breakObject, messages, withFile } from '../__fixtures__/breaks';
import { itFailsWithout } from '../__fixtures__/itFailsWithout';

describe('pod references rule', () => {
  it('passes pods whose accounts, ConfigMaps and Secrets exist or are listed as created by hand', () => {
    expect(messages(podReferencesRule, goodProject())).toEqual([]);
  });

  it('fails a Secret that is neither created nor documented as created by hand', () => {
    expect(
      messages(
        podReferencesRule,
        withFile('docs/created-by-hand.md', undefined),
      ),
    ).toEqual([
      'Deployment demo/mlflow spec.template: Secret demo/mlflow-admin is neither created by the repository nor listed in docs/created-by-hand.md',
    ]);
  });

  it('fails a ConfigMap that does not exist, but not an optional one', () => {
    const missing = breakObject('Deployment', 'demo-serving', o => {
      o.spec.template.spec.containers[0].envFrom = [
        { configMapRef: { name: 'served-model' } },
      ];
    });
    expect(messages(podReferencesRule, missing)).toEqual([
      'Deployment demo/demo-serving spec.template: ConfigMap demo/served-model is neither created by the repository nor listed in docs/created-by-hand.md',
    ]);
    const optional = breakObject('Deployment', 'demo-serving', o => {
      o.spec.template.spec.containers[0].envFrom = [
        { configMapRef: { name: 'served-model', optional: true } },
      ];
    });
    expect(messages(podReferencesRule, optional)).toEqual([]);
  });

  itFailsWithout(podReferencesRule, [
    [
      'fails a pod whose ServiceAccount is not created',
      'ServiceAccount',
      'mlflow',
      [
        'Deployment demo/mlflow spec.template: ServiceAccount demo/mlflow is neither created by the repository nor listed in docs/created-by-hand.md',
      ],
    ],
  ]);
});
