import type { JsonObject } from '@backstage/types';
import {
  brokenMlProjectRules,
  ML_PROJECT_OPTIONS,
  ML_PROJECT_RULES,
  MlProjectRule,
  MlProjectRuleFacts,
} from '@mlops-portal/plugin-mlops-common';
import { baseValues, combinations } from './combinations';
import { formErrors, formPages } from './formValidator';

/**
 * template.yaml's form and mlops-common's rule table (`ML_PROJECT_RULES`,
 * `ML_PROJECT_OPTIONS`) must say the same thing. The form is run through the
 * scaffolder frontend's validator over every combination of the choices the
 * rules speak of, and must refuse exactly the combinations the table refuses.
 */

/** Every value of each choice a `refuse` rule reads; repositories as the form's repoUrl. */
const domain: Record<string, Array<string | boolean>> = {
  infrastructure: ['eksctl', 'terraform'],
  gpuEnabled: [false, true],
  gpuScaleToZero: [false, true],
  gitopsEngine: [...ML_PROJECT_OPTIONS.gitopsEngine],
  canary: [...ML_PROJECT_OPTIONS.canary],
  serving: [...ML_PROJECT_OPTIONS.serving],
  observability: [false, true],
  repoUrl: [
    'github.com?owner=acme&repo=fraud-detection',
    'gitlab.com?owner=acme&repo=fraud-detection',
  ],
  openPlatformPullRequest: [false, true],
};

function* assignments(fields: string[]): Generator<JsonObject> {
  if (fields.length === 0) {
    yield {};
    return;
  }
  const [first, ...rest] = fields;
  for (const value of domain[first]) {
    for (const tail of assignments(rest)) yield { [first]: value, ...tail };
  }
}

/** Form values of one combination; a GPU node group brings its required fields. */
const formValues = (choice: JsonObject): JsonObject => ({
  ...baseValues,
  ...choice,
  ...(choice.gpuEnabled === true && {
    gpuInstanceType: 'g5.xlarge',
    gpuMinSize: 0,
    gpuMaxSize: 2,
  }),
});

/** What the table sees of the same combination (the template passes the repository's host). */
const facts = (choice: JsonObject): MlProjectRuleFacts => {
  const { repoUrl, ...rest } = choice;
  return {
    ...(rest as MlProjectRuleFacts),
    repoHost: String(repoUrl).split('?')[0],
  };
};

/** Combinations where the form and the given table disagree, described. */
function disagreements(rules: readonly MlProjectRule[]): string[] {
  const refusing = rules.filter(rule => rule.form === 'refuse');
  const found: string[] = [];
  for (const choice of assignments(Object.keys(domain))) {
    const formRefuses = formErrors(formValues(choice)).length > 0;
    const tableRefuses = brokenMlProjectRules(facts(choice), refusing).length > 0;
    if (formRefuses !== tableRefuses) {
      found.push(
        `${JSON.stringify(choice)}: form ${formRefuses ? 'refuses' : 'accepts'}, table ${
          tableRefuses ? 'refuses' : 'accepts'
        }`,
      );
    }
  }
  return found;
}

type Schema = {
  properties?: Record<string, Schema & { enum?: unknown[]; const?: unknown }>;
  dependencies?: Record<string, { oneOf?: Schema[] }>;
};

describe('templates/mlops-platform-versioning: the form enforces the rule table of mlops-common', () => {
  it('accepts the base values (the premise of the comparison)', () => {
    expect(formErrors(baseValues)).toEqual([]);
  });

  it('refuses exactly the combinations ML_PROJECT_RULES refuses', () => {
    expect(disagreements(ML_PROJECT_RULES)).toEqual([]);
  });

  it.each(ML_PROJECT_RULES.filter(r => r.form === 'refuse').map(r => [r.id]))(
    'notices when the table lacks rule %s (the comparison can fail)',
    id => {
      const without = ML_PROJECT_RULES.filter(rule => rule.id !== id);
      expect(disagreements(without).length).toBeGreaterThan(0);
    },
  );

  it.each(ML_PROJECT_RULES.filter(r => r.form === 'hide').map(r => [r.id]))(
    'offers the field of rule %s only in the dependencies branch of the allowed choice',
    id => {
      const rule = ML_PROJECT_RULES.find(r => r.id === id)!;
      const [[whenField, refusedValues]] = Object.entries(rule.when) as Array<
        [string, readonly unknown[]]
      >;
      const pages = formPages as Schema[];
      // Never a top-level field of a page: it would show whatever the choice.
      expect(pages.filter(page => page.properties?.[rule.field])).toEqual([]);
      const branches = pages.flatMap(
        page => page.dependencies?.[whenField]?.oneOf ?? [],
      );
      const offeredWith = branches
        .filter(branch => branch.properties?.[rule.field])
        .map(branch => branch.properties?.[whenField]?.const);
      expect(offeredWith.length).toBeGreaterThan(0);
      expect(offeredWith.filter(value => refusedValues.includes(value))).toEqual([]);
    },
  );

  it.each(combinations.map(c => [c.id]))(
    'the rendered combination %s is one the table and the form accept',
    id => {
      const { values } = combinations.find(c => c.id === id)!;
      expect(brokenMlProjectRules(facts(values)).map(b => b.rule.id)).toEqual([]);
      expect(formErrors(values)).toEqual([]);
    },
  );

  it.each(Object.keys(ML_PROJECT_OPTIONS).map(field => [field]))(
    'offers the options ML_PROJECT_OPTIONS lists for %s',
    field => {
      const declared = (formPages as Schema[])
        .map(page => page.properties?.[field]?.enum)
        .filter(Boolean);
      expect(declared).toEqual([
        [...ML_PROJECT_OPTIONS[field as keyof typeof ML_PROJECT_OPTIONS]],
      ]);
    },
  );
});
