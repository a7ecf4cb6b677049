import type { JsonObject } from '@backstage/types';
import {
  getDefaultFormState,
  optionsList,
  retrieveSchema,
  RJSFSchema,
} from '@rjsf/utils';
import {
  brokenMlProjectRules,
  ML_PROJECT_OPTIONS,
  ML_PROJECT_RULES,
} from '@mlops-portal/plugin-mlops-common';
import { baseValues } from './combinations';
import {
  allowedCanaries,
  CANARY_DESCRIPTIONS,
  deliveryConditional,
  gpuSizeConditional,
} from './formConditionals';
import {
  formErrors,
  formPages,
  offeredOptions,
  rjsfValidator as validator,
  shownSchema as shown,
  withoutUiKeys,
} from './formValidator';

/**
 * What the scaffolder frontend's form (rjsf 5, as the Stepper runs it)
 * shows on each page: the schema rjsf resolves for the values chosen so far,
 * the options of a select, the defaults it fills in. Every combination the
 * rule table refuses is either not offered or refused with a message on the
 * field, before "Next".
 */

const page = (title: string) => {
  const found = formPages.find(p => p.title === title);
  if (!found) throw new Error(`no form page ${title}`);
  return withoutUiKeys(found) as RJSFSchema;
};
const delivery = page('Delivery');

const offeredCanaries = (values: JsonObject) =>
  offeredOptions(delivery, 'canary', values);

const choices: JsonObject[] = ML_PROJECT_OPTIONS.gitopsEngine.flatMap(
  gitopsEngine =>
    ML_PROJECT_OPTIONS.serving.flatMap(serving =>
      [true, false].map(observability => ({
        gitopsEngine,
        serving,
        observability,
      })),
    ),
);

describe('templates/mlops-platform-versioning: each form page offers only what goes with the choices made', () => {
  it('holds the Delivery page chain formConditionals.ts generates from ML_PROJECT_RULES (run the form-conditionals script after changing the table)', () => {
    const { if: cond, then, else: otherwise } = delivery as JsonObject;
    expect({ if: cond, then, else: otherwise }).toEqual(
      withoutUiKeys(deliveryConditional()),
    );
  });

  it('notices a chain generated from another table (the up-to-date check can fail)', () => {
    const without = ML_PROJECT_RULES.filter(r => r.id !== 'flagger-needs-flux');
    expect(deliveryConditional(without)).not.toEqual(deliveryConditional());
  });

  it.each(choices.map(c => [JSON.stringify(c), c]))(
    'with %s the canary list offers exactly what the rule table allows, and its default is one of them',
    (_label, choice) => {
      const allowed = ML_PROJECT_OPTIONS.canary.filter(
        canary =>
          brokenMlProjectRules({ ...(choice as JsonObject), canary } as never)
            .length === 0,
      );
      expect(offeredCanaries(choice as JsonObject)).toEqual(allowed);
      const filled = getDefaultFormState(
        validator,
        delivery,
        choice as JsonObject,
        delivery,
      ) as JsonObject;
      expect(allowed).toContain(filled.canary);
      expect(
        formErrors({
          ...baseValues,
          ...(choice as JsonObject),
          canary: filled.canary,
        }),
      ).toEqual([]);
    },
  );

  it('with Argo CD, the default, offers Argo Rollouts and None (no Flagger); with Flux also Flagger', () => {
    expect(offeredCanaries({})).toEqual(['argo-rollouts', 'none']);
    expect(offeredCanaries({ gitopsEngine: 'flux' })).toEqual([
      'argo-rollouts',
      'flagger',
      'none',
    ]);
    expect(offeredCanaries({ serving: 'kserve' })).toEqual(['none']);
    expect(offeredCanaries({ observability: false })).toEqual(['none']);
    const filled = getDefaultFormState(
      validator,
      delivery,
      {},
      delivery,
    ) as JsonObject;
    expect(filled).toMatchObject({
      gitopsEngine: 'argocd',
      serving: 'deployment',
      observability: true,
      canary: 'argo-rollouts',
    });
  });

  /** Every combination the table refuses, with the canary chosen before the other choice changed. */
  const refused = choices.flatMap(choice =>
    ML_PROJECT_OPTIONS.canary
      .filter(
        canary => !allowedCanaries(choice as never).allowed.includes(canary),
      )
      .map(canary => ({ ...choice, canary })),
  );

  it.each(refused.map(r => [JSON.stringify(r), r]))(
    'keeps the canary of %s after a change (not silently changed) and refuses it with a message on the field',
    (_label, values) => {
      const filled = getDefaultFormState(
        validator,
        delivery,
        values as JsonObject,
        delivery,
      ) as JsonObject;
      expect(filled.canary).toBe((values as JsonObject).canary);
      const onCanary = formErrors({
        ...baseValues,
        ...(values as JsonObject),
      }).filter(e => e.property === '.canary');
      expect(onCanary.map(e => e.message)).toEqual([
        expect.stringMatching(/^Canary rollout /),
      ]);
    },
  );

  it("says why with the rule table's message: Flagger with Argo CD, a canary with KServe, a canary without observability", () => {
    const message = (values: JsonObject) =>
      formErrors({ ...baseValues, ...values }).find(
        e => e.property === '.canary',
      )?.message;
    expect(message({ observability: true, canary: 'flagger' })).toContain(
      'needs gitopsEngine "flux"',
    );
    expect(
      message({
        observability: true,
        serving: 'kserve',
        canary: 'argo-rollouts',
      }),
    ).toContain('KServe rolls out new model versions itself');
    expect(
      message({ observability: false, canary: 'argo-rollouts' }),
    ).toContain('analysis queries Prometheus');
  });

  /** The description rjsf's SchemaField shows under a field: its own, else the one its value resolves to. */
  const shownDescription = (
    title: string,
    values: JsonObject,
    field: string,
  ) => {
    const schema = shown(page(title), values);
    const own = schema.properties?.[field] as RJSFSchema;
    return (
      own.description ??
      (retrieveSchema(validator, own, schema, values[field]) as RJSFSchema)
        .description
    );
  };

  it.each([
    ['Cluster', 'infrastructure', 'eksctl', /^eksctl writes a ClusterConfig/],
    [
      'Cluster',
      'infrastructure',
      'terraform',
      /^Terraform writes a root module/,
    ],
    [
      'Delivery',
      'serving',
      'deployment',
      /^The MLflow model server runs as a Deployment/,
    ],
    [
      'Delivery',
      'serving',
      'kserve',
      /^KServe serves the model as an InferenceService/,
    ],
    [
      'Delivery',
      'serving',
      'ray-serve',
      /^Ray Serve serves the model from a KubeRay RayService/,
    ],
  ])('the %s page describes the %s chosen: %s', (title, field, value, text) => {
    const description = shownDescription(
      title,
      { ...baseValues, [field]: value },
      field,
    );
    expect(description).toMatch(text);
  });

  it('the canary field describes the canary chosen, for every canary the choices allow', () => {
    for (const choice of choices) {
      for (const canary of allowedCanaries(choice as never).allowed) {
        const description = shownDescription(
          'Delivery',
          { ...baseValues, ...(choice as JsonObject), canary },
          'canary',
        );
        expect({ canary, description }).toEqual({
          canary,
          description: CANARY_DESCRIPTIONS[canary],
        });
      }
    }
    // Not the text of another option (the description follows the value).
    const flux = {
      ...baseValues,
      gitopsEngine: 'flux',
      observability: true,
      serving: 'deployment',
    };
    expect(
      shownDescription('Delivery', { ...flux, canary: 'flagger' }, 'canary'),
    ).toMatch(/^Flagger/);
    expect(
      shownDescription(
        'Delivery',
        { ...flux, canary: 'argo-rollouts' },
        'canary',
      ),
    ).toMatch(/^Argo Rollouts/);
  });

  it('GPU max below min is refused on the max field, whose shown minimum follows the min', () => {
    const cluster = page('Cluster');
    const gpu = {
      ...baseValues,
      gpuEnabled: true,
      gpuInstanceType: 'g5.xlarge',
      gpuMinSize: 3,
      gpuMaxSize: 1,
    };
    expect(
      (shown(cluster, gpu).properties?.gpuMaxSize as RJSFSchema).minimum,
    ).toBe(3);
    expect(
      formErrors(gpu)
        .filter(e => e.property === '.gpuMaxSize')
        .map(e => e.message),
    ).toEqual(['GPU max size must be at least the GPU min size (3)']);
    expect(formErrors({ ...gpu, gpuMaxSize: 3 })).toEqual([]);
    // The chain after the scale-to-zero rule is the one the onboarding template holds too.
    expect((cluster as JsonObject).else).toEqual(gpuSizeConditional());
  });

  it('renders no page with a deprecated enumNames or an allOf rjsf cannot merge (no console warning)', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // rjsf warns on enumNames even next to ui:enumNames (getDefaultFormState reads the schema alone).
      const text = JSON.stringify(formPages);
      expect(text).not.toContain('"enumNames"');
      expect(text).not.toContain('"allOf"');
      const labelled: Array<[unknown, unknown]> = [];
      for (const raw of formPages) {
        const schema = shown(withoutUiKeys(raw) as RJSFSchema, baseValues);
        for (const [name, field] of Object.entries(schema.properties ?? {})) {
          const ui = (
            raw.properties as Record<string, JsonObject> | undefined
          )?.[name];
          const uiSchema = Object.fromEntries(
            Object.entries(ui ?? {}).filter(([key]) => key.startsWith('ui:')),
          );
          const options = optionsList(field as RJSFSchema, uiSchema);
          // A select whose options the template names: a oneOf of titled consts.
          const named = ((ui?.oneOf ?? []) as JsonObject[]).filter(
            option =>
              typeof option.const === 'string' &&
              typeof option.title === 'string',
          );
          if (named.length > 0) {
            labelled.push([
              options?.map(o => o.label),
              named.map(option => option.title),
            ]);
          }
          // What the form does on every change: fill in defaults (also reads the options).
          getDefaultFormState(validator, schema, baseValues, schema);
        }
      }
      // Every select the template names the options of shows those names.
      expect(labelled.length).toBeGreaterThanOrEqual(6);
      expect(
        labelled.filter(
          ([got, named]) => JSON.stringify(got) !== JSON.stringify(named),
        ),
      ).toEqual([]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
