import type { JsonObject } from '@backstage/types';
import {
  brokenMlProjectRules,
  AWS_REGIONS,
  GPU_INSTANCE_TYPES,
  ML_PROJECT_OPTIONS,
  ML_PROJECT_RULES,
  MlProjectRule,
  MlProjectRuleFacts,
  validateMlProject,
} from '@mlops-portal/plugin-mlops-common';
import { baseValues, combinations } from './combinations';
import { formErrors, formPages } from './formValidator';
import {
  acceptedByFormOnly,
  SERVER_SAMPLES,
  withSample,
} from './serverSamples';

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
    const tableRefuses =
      brokenMlProjectRules(facts(choice), refusing).length > 0;
    if (formRefuses !== tableRefuses) {
      found.push(
        `${JSON.stringify(choice)}: form ${
          formRefuses ? 'refuses' : 'accepts'
        }, table ${tableRefuses ? 'refuses' : 'accepts'}`,
      );
    }
  }
  return found;
}

type Schema = {
  properties?: Record<
    string,
    Schema & {
      enum?: unknown[];
      const?: unknown;
      oneOf?: Array<{ const?: unknown }>;
    }
  >;
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
      expect(
        offeredWith.filter(value => refusedValues.includes(value)),
      ).toEqual([]);
    },
  );

  it.each(combinations.map(c => [c.id]))(
    'the rendered combination %s is one the table and the form accept',
    id => {
      const { values } = combinations.find(c => c.id === id)!;
      expect(brokenMlProjectRules(facts(values)).map(b => b.rule.id)).toEqual(
        [],
      );
      expect(formErrors(values)).toEqual([]);
    },
  );

  // The canary's options depend on the other choices (dependentChoices.test.ts).
  it.each(
    Object.keys(ML_PROJECT_OPTIONS)
      .filter(f => f !== 'canary')
      .map(field => [field]),
  )('offers the options ML_PROJECT_OPTIONS lists for %s', field => {
    // An enum, or (for titled options) a oneOf of consts.
    const declared = (formPages as Schema[])
      .map(page => {
        const schema = page.properties?.[field];
        return schema?.enum ?? schema?.oneOf?.map(option => option.const);
      })
      .filter(Boolean);
    expect(declared).toEqual([
      [...ML_PROJECT_OPTIONS[field as keyof typeof ML_PROJECT_OPTIONS]],
    ]);
  });

  /** Known gaps, each with its reason (none: the form offers only the server's regions). */
  const formMoreLiberal: Record<string, unknown[]> = {};

  it.each(Object.keys(SERVER_SAMPLES).map(field => [field]))(
    'accepts in the form no %s the server refuses',
    field => {
      expect(acceptedByFormOnly(formErrors, baseValues, field)).toEqual(
        formMoreLiberal[field] ?? [],
      );
    },
  );

  it('notices a form that accepts what the server refuses (the sample check can fail)', () => {
    const values = withSample(baseValues, 'bucketName', 'Upper');
    expect(validateMlProject(values).valid).toBe(false);
    expect(formErrors(values).length).toBeGreaterThan(0);
  });

  it('offers exactly the AWS regions the server knows', () => {
    const offered = (formPages as Schema[]).flatMap(
      page => page.properties?.awsRegion?.enum ?? [],
    );
    expect(offered).toEqual([...AWS_REGIONS]);
  });

  it('offers only GPU instance types the server knows', () => {
    const offered = (formPages as Schema[]).flatMap(page =>
      Object.values(page.dependencies ?? {}).flatMap(dependency =>
        (dependency.oneOf ?? []).flatMap(
          branch =>
            (branch.properties?.gpuInstanceType?.enum as string[]) ?? [],
        ),
      ),
    );
    expect(offered.length).toBeGreaterThan(0);
    expect(
      offered.filter(type => !Object.hasOwn(GPU_INSTANCE_TYPES, type)),
    ).toEqual([]);
  });
});
