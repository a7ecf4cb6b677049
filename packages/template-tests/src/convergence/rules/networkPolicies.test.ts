import { networkPoliciesRule } from './networkPolicies';
import { goodProject } from '../__fixtures__/goodProject';
import { breakObject, messages, withoutObject } from '../__fixtures__/breaks';

describe('network policies rule', () => {
  it('passes a project namespace with a default-deny policy', () => {
    expect(messages(networkPoliciesRule, goodProject())).toEqual([]);
  });

  it('fails a project namespace with pods and no default-deny policy', () => {
    const expected = [
      'Namespace demo: has pods but no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)',
    ];
    expect(
      messages(
        networkPoliciesRule,
        withoutObject('NetworkPolicy', 'default-deny'),
      ),
    ).toEqual(expected);
    const ingressOnly = breakObject('NetworkPolicy', 'default-deny', o => {
      o.spec.policyTypes = ['Ingress'];
    });
    expect(messages(networkPoliciesRule, ingressOnly)).toEqual(expected);
  });
});
