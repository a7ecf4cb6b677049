import type { JsonObject } from '@backstage/types';
import {
  DryRunServer,
  expectFailure,
  expectRendered,
  startDryRunServer,
} from '../../scaffolder/dryRunServer';
import { baseValues } from './combinations';
import { formErrors } from './formValidator';
import { template } from './renderAll';

/** The bad values acceptance names, each with the field the error must name. */
// One row per bad value: data of one shape, not repeated logic.
const badValues: Array<{
  label: string;
  values: JsonObject;
  field: string;
  title: string;
  /** Whether mlops:project:validate also knows the field (its contract lists the core project values). */
  checkedByAction: boolean;
}> = [
  {
    label: 'name "My Project!"',
    values: { name: 'My Project!' },
    field: 'name',
    title: 'Project name',
    checkedByAction: true,
  },
  {
    label: 'bucket "Upper_Case"',
    values: { bucketName: 'Upper_Case' },
    field: 'bucketName',
    title: 'Bucket name',
    checkedByAction: true,
  },
  {
    label: 'GPU max < min',
    values: {
      gpuEnabled: true,
      gpuInstanceType: 'g5.xlarge',
      gpuMinSize: 3,
      gpuMaxSize: 2,
    },
    field: 'gpuMaxSize',
    title: 'GPU max size',
    checkedByAction: true,
  },
  {
    label: 'Flagger with Argo CD',
    values: { gitopsEngine: 'argocd', canary: 'flagger', observability: true },
    field: 'canary',
    title: 'Canary rollout',
    checkedByAction: true,
  },
  {
    label: 'a canary without observability',
    values: { canary: 'argo-rollouts', observability: false },
    field: 'observability',
    title: 'Observability',
    checkedByAction: true,
  },
  {
    label: 'KServe with a canary rollout',
    values: { serving: 'kserve', canary: 'argo-rollouts', observability: true },
    field: 'canary',
    title: 'Canary rollout',
    checkedByAction: true,
  },
  {
    label: 'GPU scale-to-zero without a GPU node group',
    values: { infrastructure: 'terraform', gpuScaleToZero: true },
    field: 'gpuScaleToZero',
    title: 'Scale GPU workloads to zero at night',
    checkedByAction: false,
  },
];

describe('templates/mlops-platform-versioning refuses bad values', () => {
  let server: DryRunServer;

  beforeAll(async () => {
    server = await startDryRunServer();
  }, 60_000);

  afterAll(() => server.stop());

  /** Dry-runs `t` with the base values and `values` over them; expects a 400 and returns its body. */
  async function refused(t: typeof template, values: JsonObject) {
    const failure = expectFailure(
      await server.dryRun(t, { ...baseValues, ...values }),
    );
    expect(failure.status).toBe(400);
    return failure.body;
  }

  it('accepts the valid base values in the form', () => {
    expect(formErrors(baseValues)).toEqual([]);
  });

  it.each(badValues.map(b => [b.label]))(
    'refuses %s in the form, naming the field',
    label => {
      const bad = badValues.find(b => b.label === label)!;
      const errors = formErrors({ ...baseValues, ...bad.values });
      const onField = errors.filter(e => e.property === `.${bad.field}`);
      expect(onField.length).toBeGreaterThan(0);
      expect(onField[0].message).toContain(bad.title);
    },
  );

  it.each(badValues.map(b => [b.label]))(
    'refuses %s in the scaffolder API, naming the field',
    async label => {
      const bad = badValues.find(b => b.label === label)!;
      const body = (await refused(template, bad.values)) as {
        errors: Array<{ property: string; stack: string }>;
      };
      expect(body.errors.map(e => e.property)).toContain(
        `instance.${bad.field}`,
      );
    },
  );

  const withoutFormSchema = {
    ...template,
    entity: {
      ...template.entity,
      spec: { ...(template.entity.spec as JsonObject), parameters: [] },
    },
  };

  it('runs mlops:project:validate, which accepts the valid values, when a client skips the form schema', async () => {
    const result = await server.dryRun(withoutFormSchema, baseValues);
    expect(expectRendered(result).files.size).toBeGreaterThan(40);
  });

  it.each(badValues.filter(b => b.checkedByAction).map(b => [b.label]))(
    'refuses %s in mlops:project:validate when a client skips the form schema',
    async label => {
      const bad = badValues.find(b => b.label === label)!;
      const body = (await refused(withoutFormSchema, bad.values)) as {
        error: { message: string };
      };
      expect(body.error.message).toContain(`${bad.field}:`);
    },
  );
});
