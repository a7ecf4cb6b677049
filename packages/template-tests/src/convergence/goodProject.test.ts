import { check, convergenceRules, securityRules } from '.';
import { goodProject } from './__fixtures__/goodProject';

describe('the passing fixture every negative test breaks', () => {
  it('passes every convergence and security rule', () => {
    expect(
      check(goodProject(), [...convergenceRules, ...securityRules]),
    ).toEqual([]);
  });
});
