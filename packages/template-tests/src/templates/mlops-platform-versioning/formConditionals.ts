import {
  brokenMlProjectRules,
  ML_PROJECT_OPTIONS,
  ML_PROJECT_RULE_DEFAULTS,
  ML_PROJECT_RULES,
  MlProjectRule,
  MlProjectRuleFacts,
  MlProjectRuleValue,
} from '@mlops-portal/plugin-mlops-common';
import type { JsonObject } from '@backstage/types';

/**
 * The Delivery page's dependent canary list, generated from mlops-common's
 * rule table (ML_PROJECT_RULES): for every GitOps engine, serving and
 * observability choice the canary select offers exactly the values the table
 * allows (its first one as the default), and a canary chosen before the
 * other choices changed shows the rule's message on the field. Written as one
 * if/then/else chain (no allOf: rjsf cannot merge `errorMessage` in allOf and
 * warns on every render), with each field's default value in the `else`
 * branch, so an empty form resolves to the defaults' list.
 *
 * template.yaml holds the output (formRules.test.ts checks it is up to date);
 * print it with `yarn workspace @mlops-portal/template-tests form-conditionals`.
 */

/** What the canary select says for each value. */
export const CANARY_TITLES: Record<string, string> = {
  'argo-rollouts': 'Argo Rollouts',
  flagger: 'Flagger',
  none: 'None',
};

/** A choice the canary list depends on, with its values. */
type DependsOn = Array<{
  field: 'observability' | 'serving' | 'gitopsEngine';
  values: MlProjectRuleValue[];
}>;

/** What the canary field says of each value, shown under it when that value is chosen. */
export const CANARY_DESCRIPTIONS: Record<string, string> = {
  'argo-rollouts':
    'Argo Rollouts runs the model server as a Rollout that shifts traffic to a new model version step by step, promoted or rolled back by an analysis of its Prometheus metrics.',
  flagger:
    'Flagger, reconciled by Flux, makes a canary of the model server Deployment and promotes it step by step after an analysis of its Prometheus metrics.',
  none: 'A new model version replaces the old one without a canary (KServe and Ray Serve roll out new versions themselves).',
};

/**
 * A field's description of the value chosen: rjsf resolves a field's own
 * `if`/`then`/`else` with the field's value and shows the description of the
 * branch (when the field itself declares no description). The first value,
 * the default, is the `else`, so a field not yet filled in describes the default.
 */
export function describeSelected(
  descriptions: Array<[string, string]>,
): JsonObject {
  const [[, first], ...others] = descriptions;
  return others.reduceRight<JsonObject>(
    (otherwise, [value, description]) => ({
      if: { const: value },
      then: { description },
      else: otherwise,
    }),
    { description: first },
  );
}

/** The Delivery page's choices the canary list depends on, in the chain's order. */
const DELIVERY_DEPENDS_ON: DependsOn = [
  { field: 'serving', values: [...ML_PROJECT_OPTIONS.serving] },
  { field: 'observability', values: [false, true] },
  { field: 'gitopsEngine', values: [...ML_PROJECT_OPTIONS.gitopsEngine] },
];

/**
 * The onboarding template's Platform page has no serving or observability
 * choice (an onboarded repository gets the defaults, as the validate step
 * does): its canary list depends on the GitOps engine alone.
 */
const ONBOARDING_DEPENDS_ON: DependsOn = [
  { field: 'gitopsEngine', values: [...ML_PROJECT_OPTIONS.gitopsEngine] },
];

const DEFAULTS: MlProjectRuleFacts = {
  ...ML_PROJECT_RULE_DEFAULTS,
  gitopsEngine: 'argocd',
};

/** The form's title of a field other than the canary that a canary rule speaks of. */
const FIELD_TITLES: Record<string, string> = { observability: 'Observability' };

/**
 * The canary values the table allows with these choices, and the message of
 * the rule that refuses most of the others (the one reason that holds for
 * whatever canary was chosen before).
 */
export function allowedCanaries(
  facts: MlProjectRuleFacts,
  rules: readonly MlProjectRule[] = ML_PROJECT_RULES,
) {
  const refusing = new Map<string, { message: string; values: number }>();
  const allowed = ML_PROJECT_OPTIONS.canary.filter(canary => {
    const broken = brokenMlProjectRules({ ...facts, canary }, rules);
    for (const b of broken) {
      const message =
        b.field === 'canary'
          ? `Canary rollout ${b.message}`
          : `Canary rollout must be "none" with ${b.field} ${JSON.stringify(
              facts[b.field],
            )}: ${FIELD_TITLES[b.field] ?? b.field} ${b.rule.note}`;
      const seen = refusing.get(b.rule.id);
      refusing.set(b.rule.id, { message, values: (seen?.values ?? 0) + 1 });
    }
    return broken.length === 0;
  });
  const [first] = [...refusing.values()].sort((a, b) => b.values - a.values);
  return { allowed, message: first?.message };
}

function leaf(
  facts: MlProjectRuleFacts,
  rules: readonly MlProjectRule[],
  extra: JsonObject,
): JsonObject {
  const { allowed, message } = allowedCanaries(facts, rules);
  const canary: JsonObject = {
    default: allowed[0],
    // The review page shows the option's title (Backstage's review reads
    // ui:backstage.review of the option the value selects).
    oneOf: allowed.map(value => ({
      const: value,
      title: CANARY_TITLES[value],
      'ui:backstage': {
        review: { name: 'Canary rollout', mask: CANARY_TITLES[value] },
      },
    })),
    ...(message && { errorMessage: message }),
    ...describeSelected(
      allowed.map(value => [value, CANARY_DESCRIPTIONS[value]]),
    ),
  };
  const result: JsonObject = { properties: { canary }, ...extra };
  // A rule on another field that a canary choice triggers (observability
  // must stay on with a canary): its message on that field too.
  const onOther = rules.filter(
    rule =>
      rule.field !== 'canary' &&
      rule.when.canary &&
      Array.isArray(rule.when.canary) &&
      facts[rule.field] !== undefined &&
      !rule.allowed.includes(facts[rule.field]!),
  );
  if (onOther.length === 1) {
    const [rule] = onOther;
    const when = rule.when.canary as readonly MlProjectRuleValue[];
    result.if = {
      required: ['canary'],
      properties: { canary: { enum: [...when] } },
    };
    result.then = {
      properties: {
        [rule.field]: {
          const: rule.allowed[0],
          errorMessage: `${FIELD_TITLES[rule.field] ?? rule.field} ${
            rule.note
          }`,
        },
      },
    };
  } else if (onOther.length > 1) {
    throw new Error(
      `more than one rule on other fields triggered by canary: ${onOther.map(
        r => r.id,
      )}`,
    );
  }
  if (onOther.length > 0 && extra.if) {
    throw new Error(
      'a leaf cannot hold both a rule on another field and the extra chain',
    );
  }
  return result;
}

function tree(
  dependsOn: DependsOn,
  depth: number,
  facts: MlProjectRuleFacts,
  rules: readonly MlProjectRule[],
  extra: JsonObject,
): JsonObject {
  if (depth === dependsOn.length) return leaf(facts, rules, extra);
  const { field, values } = dependsOn[depth];
  // Values whose subtrees are equal share a branch; the default's branch is the else.
  const groups = new Map<
    string,
    { values: MlProjectRuleValue[]; subtree: JsonObject }
  >();
  for (const value of values) {
    const subtree = tree(
      dependsOn,
      depth + 1,
      { ...facts, [field]: value },
      rules,
      extra,
    );
    const key = JSON.stringify(subtree);
    const group = groups.get(key) ?? { values: [], subtree };
    group.values.push(value);
    groups.set(key, group);
  }
  const all = [...groups.values()];
  if (all.length === 1) return all[0].subtree;
  const withDefault = all.find(g => g.values.includes(DEFAULTS[field]!))!;
  const others = all.filter(g => g !== withDefault);
  return others.reduceRight<JsonObject>(
    (otherwise, group) => ({
      if: {
        required: [field],
        properties: {
          [field]:
            group.values.length === 1
              ? { const: group.values[0] }
              : { enum: group.values },
        },
      },
      then: group.subtree,
      else: otherwise,
    }),
    withDefault.subtree,
  );
}

/** The Delivery page's `if`/`then`/`else` chain for the given rule table. */
export function deliveryConditional(
  rules: readonly MlProjectRule[] = ML_PROJECT_RULES,
): JsonObject {
  return tree(DELIVERY_DEPENDS_ON, 0, {}, rules, {});
}

/** The largest GPU node group the form offers (JSON Schema compares min and max one value at a time). */
export const FORM_GPU_MAX_SIZE = 10;

/**
 * GPU max size at least the GPU min size: JSON Schema cannot compare two
 * fields, so one branch per min size above the max's own minimum (1) raises
 * the max's minimum, with a message on the max field. The main template's
 * Cluster page holds it after its scale-to-zero rule, the onboarding
 * template's Platform page in each leaf of its canary chain.
 */
export function gpuSizeConditional(from = 2): JsonObject {
  return {
    if: {
      required: ['gpuEnabled', 'gpuMinSize'],
      properties: { gpuEnabled: { const: true }, gpuMinSize: { const: from } },
    },
    then: {
      properties: {
        gpuMaxSize: {
          minimum: from,
          errorMessage: `GPU max size must be at least the GPU min size (${from})`,
        },
      },
    },
    ...(from < FORM_GPU_MAX_SIZE && { else: gpuSizeConditional(from + 1) }),
  };
}

/**
 * The onboarding template's Platform page chain: the canary list the rule
 * table allows with the GitOps engine chosen, and in each branch the GPU
 * size chain (one `if` per schema level, no allOf).
 */
export function onboardingPlatformConditional(
  rules: readonly MlProjectRule[] = ML_PROJECT_RULES,
): JsonObject {
  return tree(ONBOARDING_DEPENDS_ON, 0, {}, rules, gpuSizeConditional());
}
