import type { JsonObject } from '@backstage/types';
import { getDefaultFormState, RJSFSchema } from '@rjsf/utils';
import {
  brokenMlProjectRules,
  ML_PROJECT_OPTIONS,
  ML_PROJECT_RULES,
  MlProjectRule,
  validateMlProject,
} from '@mlops-portal/plugin-mlops-common';
import { loadTemplate } from '../scaffolder/loadTemplate';
import { onboardBaseValues } from './onboardValues';
import { onboardingPlatformConditional } from './mlops-platform-versioning/formConditionals';
import {
  offeredOptions,
  pagesValidator,
  rjsfValidator as validator,
  shownSchema,
  withoutUiKeys,
} from './mlops-platform-versioning/formValidator';
import {
  acceptedByFormOnly,
  SERVER_SAMPLES,
} from './mlops-platform-versioning/serverSamples';

/**
 * "Onboard an existing ML repo"'s form enforces the same rule table
 * (mlops-common's ML_PROJECT_RULES) as the main template: its Platform page
 * holds the chain formConditionals.ts generates, so the canary list offers
 * only what goes with the GitOps engine, a canary chosen before the engine
 * changed is refused with the rule's message on the field, and GPU max size
 * below the min size is refused on the max field, all before "Next".
 */

const pages = (
  loadTemplate('onboard-ml-repo').entity.spec as { parameters: JsonObject[] }
).parameters;
const formErrors = pagesValidator(pages);
/** The errors rjsf shows on a field (ajv's "must match \"then\" schema" of the chain itself name none). */
const fieldErrors = (values: JsonObject) =>
  formErrors(values).filter(e => e.property !== '');
const platform = withoutUiKeys(
  pages.find(p => p.title === 'Platform'),
) as RJSFSchema;

/** A valid onboarding form. */
const base = onboardBaseValues;

const offeredCanaries = (values: JsonObject) =>
  offeredOptions(platform, 'canary', values);

/** The page's choices the rules read (repository: GitHub only, serving and observability: the defaults). */
const choices = ML_PROJECT_OPTIONS.gitopsEngine.flatMap(gitopsEngine =>
  ML_PROJECT_OPTIONS.canary.map(canary => ({ gitopsEngine, canary })),
);

function disagreements(rules: readonly MlProjectRule[]): string[] {
  return choices.flatMap(choice => {
    const formRefuses = formErrors({ ...base, ...choice }).length > 0;
    const tableRefuses =
      brokenMlProjectRules(
        { ...choice, repoHost: 'github.com' },
        rules.filter(r => r.form === 'refuse'),
      ).length > 0;
    return formRefuses === tableRefuses
      ? []
      : [
          `${JSON.stringify(choice)}: form ${
            formRefuses ? 'refuses' : 'accepts'
          }, table ${tableRefuses ? 'refuses' : 'accepts'}`,
        ];
  });
}

describe('templates/onboard-ml-repo: the form enforces the rule table of mlops-common', () => {
  it('accepts the base values, which the server accepts too', () => {
    expect(formErrors(base)).toEqual([]);
    expect(validateMlProject(base).valid).toBe(true);
  });

  it('holds the Platform page chain formConditionals.ts generates (run `form-conditionals onboarding` after changing the table)', () => {
    const { if: cond, then, else: otherwise } = platform as JsonObject;
    expect({ if: cond, then, else: otherwise }).toEqual(
      withoutUiKeys(onboardingPlatformConditional()),
    );
    const without = ML_PROJECT_RULES.filter(r => r.id !== 'flagger-needs-flux');
    expect(onboardingPlatformConditional(without)).not.toEqual(
      onboardingPlatformConditional(),
    );
  });

  it('refuses exactly the GitOps engine and canary combinations ML_PROJECT_RULES refuses', () => {
    expect(disagreements(ML_PROJECT_RULES)).toEqual([]);
  });

  it('notices a table without the Flagger rule (the comparison can fail)', () => {
    expect(
      disagreements(
        ML_PROJECT_RULES.filter(r => r.id !== 'flagger-needs-flux'),
      ),
    ).toEqual([
      '{"gitopsEngine":"argocd","canary":"flagger"}: form refuses, table accepts',
    ]);
  });

  it('with Argo CD, the default, offers Argo Rollouts and None (no Flagger) and fills in one of them; with Flux also Flagger', () => {
    expect(offeredCanaries({})).toEqual(['argo-rollouts', 'none']);
    expect(offeredCanaries({ gitopsEngine: 'argocd' })).toEqual([
      'argo-rollouts',
      'none',
    ]);
    expect(offeredCanaries({ gitopsEngine: 'flux' })).toEqual([
      'argo-rollouts',
      'flagger',
      'none',
    ]);
    const filled = getDefaultFormState(
      validator,
      platform,
      {},
      platform,
    ) as JsonObject;
    expect(filled).toMatchObject({
      gitopsEngine: 'argocd',
      canary: 'argo-rollouts',
    });
  });

  it("keeps Flagger after a switch to Argo CD (not silently changed) and refuses it with the rule's message on the field", () => {
    const values = { ...base, gitopsEngine: 'argocd', canary: 'flagger' };
    const filled = getDefaultFormState(
      validator,
      platform,
      values,
      platform,
    ) as JsonObject;
    expect(filled.canary).toBe('flagger');
    expect(fieldErrors(values)).toEqual([
      {
        property: '.canary',
        message: expect.stringContaining('"flagger" needs gitopsEngine "flux"'),
      },
    ]);
    expect(formErrors({ ...values, gitopsEngine: 'flux' })).toEqual([]);
  });

  it('refuses GPU max below min on the max field, whose shown minimum follows the min, like the server', () => {
    const gpu = {
      ...base,
      gpuEnabled: true,
      gpuInstanceType: 'g5.xlarge',
      gpuMinSize: 3,
      gpuMaxSize: 1,
    };
    const shown = shownSchema(platform, gpu);
    expect((shown.properties?.gpuMaxSize as RJSFSchema).minimum).toBe(3);
    expect(fieldErrors(gpu)).toEqual([
      {
        property: '.gpuMaxSize',
        message: 'GPU max size must be at least the GPU min size (3)',
      },
    ]);
    expect(validateMlProject(gpu).valid).toBe(false);
    expect(formErrors({ ...gpu, gpuMaxSize: 3 })).toEqual([]);
    expect(validateMlProject({ ...gpu, gpuMaxSize: 3 }).valid).toBe(true);
  });

  it('accepts in the form no GPU size pair the server refuses', () => {
    const sizes = [-1, 0, 1, 3, 10, 11];
    const formOnly = sizes.flatMap(min =>
      sizes
        .map(max => ({
          ...base,
          gpuEnabled: true,
          gpuInstanceType: 'g5.xlarge',
          gpuMinSize: min,
          gpuMaxSize: max,
        }))
        .filter(
          values =>
            formErrors(values).length === 0 && !validateMlProject(values).valid,
        )
        .map(values => `${values.gpuMinSize}..${values.gpuMaxSize}`),
    );
    expect(formOnly).toEqual([]);
  });

  it.each(Object.keys(SERVER_SAMPLES).map(field => [field]))(
    'accepts in the form no %s the server refuses (as the main template)',
    field => {
      expect(acceptedByFormOnly(formErrors, base, field)).toEqual([]);
    },
  );

  it('notices a form that accepts what the server refuses (the sample check can fail)', () => {
    // The Platform page without the bucket name's pattern.
    const lax = pagesValidator(
      pages.map(page => {
        const copy = structuredClone(page) as {
          properties?: Record<string, JsonObject>;
        };
        delete copy.properties?.bucketName?.pattern;
        return copy as JsonObject;
      }),
    );
    expect(acceptedByFormOnly(lax, base, 'bucketName')).toContain('Upper');
  });

  it('has no deprecated enumNames and no allOf rjsf cannot merge', () => {
    const text = JSON.stringify(pages);
    expect(text).not.toContain('"enumNames"');
    expect(text).not.toContain('"allOf"');
  });
});
