import { MlProjectValues } from './types';

/** A field a rule speaks of. @public */
export type MlProjectRuleField = keyof MlProjectValues;

/** A value a rule compares: an option or a boolean. @public */
export type MlProjectRuleValue = string | boolean;

/** One condition of a rule: the field has one of these values, or (hosts) matches this pattern. @public */
export type MlProjectRuleCondition =
  | readonly MlProjectRuleValue[]
  | { readonly pattern: string };

/**
 * One "these choices go together" rule of an ML project: when every `when`
 * condition holds, `field` must have one of the `allowed` values.
 *
 * `form` says how template.yaml's form enforces it: `refuse` with an
 * `allOf` if/then (the form shows the error), `hide` by offering the field
 * only in the `dependencies` branch of the other choice.
 *
 * @public
 */
export interface MlProjectRule {
  id: string;
  field: MlProjectRuleField;
  when: Readonly<Partial<Record<MlProjectRuleField, MlProjectRuleCondition>>>;
  allowed: readonly MlProjectRuleValue[];
  form: 'refuse' | 'hide';
  /** The short form for a field's description, e.g. `"flagger" needs gitopsEngine "flux"`. */
  note: string;
  /** The error of a broken rule, given the project's values. */
  message: (values: MlProjectRuleFacts) => string;
}

/** What the rules see of a project: each field's value, defaults applied. @public */
export type MlProjectRuleFacts = Partial<
  Record<MlProjectRuleField, MlProjectRuleValue>
>;

/** The value an absent field stands for, for the fields a rule reads. @public */
export const ML_PROJECT_RULE_DEFAULTS: MlProjectRuleFacts = {
  infrastructure: 'eksctl',
  serving: 'deployment',
  observability: true,
  gpuEnabled: false,
  rdsBackendStore: false,
  karpenter: false,
  gpuScaleToZero: false,
  openPlatformPullRequest: false,
};

const terraformOnly = (
  field: 'rdsBackendStore' | 'karpenter' | 'gpuScaleToZero',
  what: string,
): MlProjectRule => ({
  id: `${field}-needs-terraform`,
  field,
  when: { infrastructure: ['eksctl'] },
  allowed: [false],
  form: 'hide',
  note: 'needs "terraform"',
  message: facts =>
    `needs infrastructure "terraform" (got "${String(
      facts.infrastructure,
    )}"): eksctl projects have no ${what}`,
});

/**
 * The one table of which ML project choices go together. `validateMlProject`
 * (and so the `mlops:project:validate` action) enforces it, the action's
 * field descriptions quote its notes, and template-tests prove that
 * template.yaml's form enforces the same rules.
 *
 * @public
 */
export const ML_PROJECT_RULES: readonly MlProjectRule[] = [
  terraformOnly('rdsBackendStore', 'RDS instance'),
  terraformOnly('karpenter', 'Karpenter'),
  terraformOnly('gpuScaleToZero', 'GPU scale-to-zero'),
  {
    id: 'scale-to-zero-needs-gpu',
    field: 'gpuScaleToZero',
    when: { gpuEnabled: [false] },
    allowed: [false],
    form: 'refuse',
    note: 'needs gpuEnabled',
    message: () =>
      'needs gpuEnabled: without the GPU node group there are no GPU nodes to scale to zero',
  },
  {
    id: 'flagger-needs-flux',
    field: 'canary',
    when: { gitopsEngine: ['argocd'] },
    allowed: ['argo-rollouts', 'none'],
    form: 'refuse',
    note: '"flagger" needs gitopsEngine "flux"',
    message: () =>
      '"flagger" needs gitopsEngine "flux"; with Argo CD use "argo-rollouts"',
  },
  {
    id: 'self-rolling-serving-has-no-canary',
    field: 'canary',
    when: { serving: ['kserve', 'ray-serve'] },
    allowed: ['none'],
    form: 'refuse',
    note: '"kserve" and "ray-serve" need canary "none"',
    message: facts =>
      `must be "none" with serving "${String(
        facts.serving,
      )}": the canary wraps the MLflow model server Deployment, and ${
        facts.serving === 'kserve' ? 'KServe' : 'Ray Serve'
      } rolls out new model versions itself`,
  },
  {
    id: 'canary-needs-observability',
    field: 'observability',
    when: { canary: ['argo-rollouts', 'flagger'] },
    allowed: [true],
    form: 'refuse',
    note: 'must stay true with a canary, whose analysis queries Prometheus',
    message: facts =>
      `must be true with canary "${String(
        facts.canary,
      )}": the canary analysis queries Prometheus`,
  },
  {
    id: 'platform-pull-request-needs-github',
    field: 'openPlatformPullRequest',
    when: { repoHost: { pattern: '^gitlab' } },
    allowed: [false],
    form: 'refuse',
    note: 'needs a GitHub repository',
    message: facts =>
      `is available only for GitHub repositories (the repository is on ${String(
        facts.repoHost,
      )}); turn it off`,
  },
];

function holds(
  condition: MlProjectRuleCondition,
  value: MlProjectRuleValue | undefined,
) {
  if (value === undefined) return false;
  return 'pattern' in condition
    ? new RegExp(condition.pattern).test(String(value))
    : (condition as readonly MlProjectRuleValue[]).includes(value);
}

/** A rule a project breaks, with its message. @public */
export interface BrokenMlProjectRule {
  rule: MlProjectRule;
  field: MlProjectRuleField;
  message: string;
}

/**
 * The rules (by default {@link ML_PROJECT_RULES}) that `facts` breaks, in table order.
 * Absent fields take {@link ML_PROJECT_RULE_DEFAULTS}; a rule that reads a
 * field given as `undefined` (a value that was invalid, reported on its own)
 * or absent without a default is not judged.
 *
 * @public
 */
export function brokenMlProjectRules(
  facts: MlProjectRuleFacts,
  rules: readonly MlProjectRule[] = ML_PROJECT_RULES,
): BrokenMlProjectRule[] {
  const known: MlProjectRuleFacts = { ...ML_PROJECT_RULE_DEFAULTS, ...facts };
  return rules
    .filter(rule => {
      const conditions = Object.entries(rule.when) as Array<
        [MlProjectRuleField, MlProjectRuleCondition]
      >;
      const current = known[rule.field];
      return (
        current !== undefined &&
        conditions.every(([field, condition]) =>
          holds(condition, known[field]),
        ) &&
        !rule.allowed.includes(current)
      );
    })
    .map(rule => ({ rule, field: rule.field, message: rule.message(known) }));
}

/** The notes of the rules that constrain `field`, for its description. @public */
export function mlProjectRuleNotes(field: MlProjectRuleField): string {
  return ML_PROJECT_RULES.filter(rule => rule.field === field)
    .map(rule => rule.note)
    .filter((note, i, all) => all.indexOf(note) === i)
    .join('; ');
}
