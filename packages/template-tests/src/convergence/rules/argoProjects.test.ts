import { argoProjectsRule } from './argoProjects';
import { goodProject } from '../__fixtures__/goodProject';
import { breakObject, messages, withoutObject } from '../__fixtures__/breaks';

// Every rule test opens alike: the passing fixture first, then one break per check.
describe('Argo CD AppProject rule', () => {
  it('passes Applications of the project AppProject', () => {
    expect(messages(argoProjectsRule, goodProject())).toEqual([]);
  });

  it('fails an Application in the default project, or in one nobody creates', () => {
    const model = breakObject('Application', 'demo-envoy-gateway', o => {
      o.spec.project = 'default';
    });
    expect(messages(argoProjectsRule, model)).toEqual([
      'Application argocd/demo-envoy-gateway: uses AppProject "default", which is default or not created by the repository',
    ]);
    expect(
      messages(argoProjectsRule, withoutObject('AppProject', 'demo')),
    ).toEqual([
      'Application argocd/demo-envoy-gateway: uses AppProject "demo", which is default or not created by the repository',
      'Application argocd/demo-cert-manager: uses AppProject "demo", which is default or not created by the repository',
    ]);
  });
});
