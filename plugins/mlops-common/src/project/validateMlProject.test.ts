import { formatMlProjectErrors, validateMlProject } from './validateMlProject';
import { ML_PROJECT_EXAMPLE } from './example';
import { MlProjectInput } from './types';

const valid: MlProjectInput = { ...ML_PROJECT_EXAMPLE };

function errorsOf(input: MlProjectInput) {
  const result = validateMlProject(input);
  if (result.valid) {
    throw new Error('expected the values to be rejected');
  }
  return result.errors;
}

function fieldsOf(input: MlProjectInput) {
  return errorsOf(input).map(e => e.field);
}

describe('validateMlProject', () => {
  it('accepts a complete project and returns it unchanged', () => {
    expect(validateMlProject(valid)).toEqual({ valid: true, values: valid });
  });

  it('normalises whitespace, case and string forms of numbers and booleans', () => {
    const result = validateMlProject({
      ...valid,
      name: '  fraud-detection ',
      awsRegion: 'EU-WEST-1',
      gpuEnabled: 'true',
      gpuMinSize: '1',
      gpuMaxSize: ' 3 ',
      storage: 'MinIO',
      mlflowHost: 'MLflow.Example.com',
      description: '   ',
    });
    expect(result).toEqual({
      valid: true,
      values: {
        ...valid,
        description: undefined,
        storage: 'minio',
        gpuMinSize: 1,
        gpuMaxSize: 3,
      },
    });
    expect(result.valid && 'description' in result.values).toBe(false);
  });

  it('drops GPU fields when GPUs are off and the host when MLflow uses a NodePort', () => {
    const result = validateMlProject({
      ...valid,
      gpuEnabled: false,
      gpuInstanceType: 'not-checked',
      gpuMaxSize: -3,
      mlflowExposure: 'nodeport',
      mlflowHost: 'Not A Host',
    });
    expect(result.valid).toBe(true);
    expect(result.valid && result.values).not.toHaveProperty('gpuInstanceType');
    expect(result.valid && result.values).not.toHaveProperty('gpuMaxSize');
    expect(result.valid && result.values).not.toHaveProperty('mlflowHost');
  });

  it('defaults the GPU node group to 0..1 nodes', () => {
    const result = validateMlProject({
      ...valid,
      gpuMinSize: undefined,
      gpuMaxSize: undefined,
    });
    expect(result.valid && result.values).toMatchObject({
      gpuMinSize: 0,
      gpuMaxSize: 1,
    });
  });

  it.each([
    ['', 'is required'],
    ['Fraud', 'DNS-1123'],
    ['fraud_detection', 'DNS-1123'],
    ['-fraud', 'DNS-1123'],
    ['a'.repeat(64), 'at most 63'],
  ])('rejects the project name %j', (name, message) => {
    const errors = errorsOf({ ...valid, name });
    expect(errors).toEqual([
      { field: 'name', message: expect.stringContaining(message) },
    ]);
  });

  it.each([
    ['ab', '3 to 63'],
    ['My-Bucket', 'lowercase'],
    ['bucket-', 'begin and end'],
    ['my..bucket', 'adjacent periods'],
    ['192.168.5.4', 'IP address'],
    ['xn--bucket', 'reserved prefix'],
    ['sthree-data', 'reserved prefix'],
    ['data-s3alias', 'reserved suffix'],
    ['data--x-s3', 'reserved suffix'],
  ])('rejects the bucket name %j', (bucketName, message) => {
    expect(errorsOf({ ...valid, bucketName })).toEqual([
      { field: 'bucketName', message: expect.stringContaining(message) },
    ]);
  });

  it('accepts bucket names with periods and digits', () => {
    expect(
      validateMlProject({ ...valid, bucketName: 'ml.data-2024' }).valid,
    ).toBe(true);
  });

  it.each([
    [{ gpuMinSize: 3, gpuMaxSize: 2 }, 'gpuMaxSize', 'at least gpuMinSize'],
    [{ gpuMinSize: -1 }, 'gpuMinSize', '0 or more'],
    [{ gpuMaxSize: 0 }, 'gpuMaxSize', 'between 1 and 100'],
    [{ gpuMaxSize: 1000 }, 'gpuMaxSize', 'between 1 and 100'],
    [{ gpuMaxSize: 2.5 }, 'gpuMaxSize', 'whole number'],
    [{ gpuMaxSize: 'many' }, 'gpuMaxSize', 'whole number'],
    [{ gpuInstanceType: 'm5.large' }, 'gpuInstanceType', 'not a known GPU'],
    [{ gpuInstanceType: undefined }, 'gpuInstanceType', 'is required'],
    [{ gpuEnabled: 'yes' }, 'gpuEnabled', 'true or false'],
  ])('rejects GPU settings %j', (change, field, message) => {
    expect(errorsOf({ ...valid, ...change })).toEqual([
      { field, message: expect.stringContaining(message) },
    ]);
  });

  it('does not treat inherited object keys as instance types', () => {
    expect(fieldsOf({ ...valid, gpuInstanceType: 'constructor' })).toEqual([
      'gpuInstanceType',
    ]);
  });

  it('rejects unknown regions and options', () => {
    expect(
      fieldsOf({
        ...valid,
        awsRegion: 'eu-west-9',
        storage: 'gcs',
        gitopsEngine: 'jenkins',
        canary: 'istio',
        mlflowExposure: 'loadbalancer',
      }),
    ).toEqual([
      'awsRegion',
      'storage',
      'gitopsEngine',
      'canary',
      'mlflowExposure',
    ]);
  });

  it('allows a canary only with the MLflow model server Deployment', () => {
    for (const serving of ['kserve', 'ray-serve']) {
      for (const canary of ['argo-rollouts', 'flagger']) {
        expect(
          errorsOf({ ...valid, gitopsEngine: 'flux', canary, serving }),
        ).toEqual([
          {
            field: 'canary',
            message: expect.stringContaining(
              `must be "none" with serving "${serving}"`,
            ),
          },
        ]);
      }
      expect(validateMlProject({ ...valid, canary: 'none', serving })).toEqual({
        valid: true,
        values: { ...valid, canary: 'none', serving },
      });
    }
    expect(validateMlProject({ ...valid, serving: 'deployment' }).valid).toBe(
      true,
    );
    expect(fieldsOf({ ...valid, serving: 'seldon' })).toEqual(['serving']);
  });

  it('allows RDS, Karpenter and GPU scale-to-zero only with Terraform, and scale-to-zero only with GPUs', () => {
    const terraform = { ...valid, infrastructure: 'terraform' };
    expect(
      validateMlProject({
        ...terraform,
        rdsBackendStore: true,
        karpenter: 'true',
        gpuScaleToZero: true,
      }),
    ).toEqual({
      valid: true,
      values: {
        ...terraform,
        rdsBackendStore: true,
        karpenter: true,
        gpuScaleToZero: true,
      },
    });
    // Add-ons that are off are left out of the values.
    expect(
      validateMlProject({
        ...terraform,
        rdsBackendStore: false,
        karpenter: false,
      }),
    ).toEqual({ valid: true, values: terraform });

    expect(
      errorsOf({
        ...valid,
        infrastructure: 'eksctl',
        rdsBackendStore: true,
        karpenter: true,
        gpuScaleToZero: true,
      }),
    ).toEqual([
      {
        field: 'rdsBackendStore',
        message: expect.stringContaining(
          'needs infrastructure "terraform" (got "eksctl")',
        ),
      },
      {
        field: 'karpenter',
        message: expect.stringContaining('needs infrastructure "terraform"'),
      },
      {
        field: 'gpuScaleToZero',
        message: expect.stringContaining('needs infrastructure "terraform"'),
      },
    ]);
    // Without infrastructure the project is an eksctl one.
    expect(fieldsOf({ ...valid, karpenter: true })).toEqual(['karpenter']);

    expect(
      errorsOf({
        ...terraform,
        gpuEnabled: false,
        gpuScaleToZero: true,
      }),
    ).toEqual([
      {
        field: 'gpuScaleToZero',
        message: expect.stringContaining('needs gpuEnabled'),
      },
    ]);
    expect(
      fieldsOf({ ...valid, infrastructure: 'pulumi', karpenter: true }),
    ).toEqual(['infrastructure']);
    expect(fieldsOf({ ...terraform, karpenter: 'yes' })).toEqual(['karpenter']);
  });

  it('allows Flagger only with Flux', () => {
    expect(errorsOf({ ...valid, canary: 'flagger' })).toEqual([
      {
        field: 'canary',
        message: expect.stringContaining('needs gitopsEngine "flux"'),
      },
    ]);
    expect(
      validateMlProject({ ...valid, canary: 'flagger', gitopsEngine: 'flux' })
        .valid,
    ).toBe(true);
    expect(
      validateMlProject({
        ...valid,
        canary: 'argo-rollouts',
        gitopsEngine: 'flux',
      }).valid,
    ).toBe(true);
  });

  it('keeps observability on with a canary, whose analysis queries Prometheus', () => {
    expect(
      errorsOf({ ...valid, canary: 'argo-rollouts', observability: false }),
    ).toEqual([
      {
        field: 'observability',
        message: expect.stringContaining(
          'must be true with canary "argo-rollouts"',
        ),
      },
    ]);
    expect(
      validateMlProject({
        ...valid,
        canary: 'argo-rollouts',
        observability: true,
      }),
    ).toEqual({
      valid: true,
      values: { ...valid, canary: 'argo-rollouts', observability: true },
    });
    // Without a canary it may be off; callers that do not send it are not judged.
    expect(
      validateMlProject({ ...valid, canary: 'none', observability: false })
        .valid,
    ).toBe(true);
    expect(validateMlProject({ ...valid, canary: 'argo-rollouts' }).valid).toBe(
      true,
    );
    // The same assertion shape as the instance-type test: each rule names its own field.
    expect(fieldsOf({ ...valid, observability: 'on' })).toEqual([
      'observability',
    ]);
  });

  it('allows the platform pull request only for GitHub repositories', () => {
    expect(
      errorsOf({
        ...valid,
        repoHost: 'gitlab.com',
        openPlatformPullRequest: true,
      }),
    ).toEqual([
      {
        field: 'openPlatformPullRequest',
        message:
          'is available only for GitHub repositories (the repository is on gitlab.com); turn it off',
      },
    ]);
    const github = validateMlProject({
      ...valid,
      repoHost: 'github.com',
      openPlatformPullRequest: true,
    });
    expect(github.valid && github.values).toMatchObject({
      repoHost: 'github.com',
      openPlatformPullRequest: true,
    });
    const gitlabWithout = validateMlProject({
      ...valid,
      repoHost: 'gitlab.com',
      openPlatformPullRequest: false,
    });
    expect(gitlabWithout.valid && gitlabWithout.values).not.toHaveProperty(
      'openPlatformPullRequest',
    );
  });

  it('needs a valid host when MLflow is exposed through an ingress', () => {
    expect(errorsOf({ ...valid, mlflowHost: undefined })).toEqual([
      {
        field: 'mlflowHost',
        message: 'is required when mlflowExposure is "ingress"',
      },
    ]);
    expect(
      errorsOf({ ...valid, mlflowHost: 'https://mlflow.example.com' }),
    ).toEqual([
      { field: 'mlflowHost', message: expect.stringContaining('host name') },
    ]);
    expect(errorsOf({ ...valid, mlflowHost: 42 })).toEqual([
      { field: 'mlflowHost', message: 'must be a string (got number)' },
    ]);
  });

  it('checks the owner is an entity reference', () => {
    expect(fieldsOf({ ...valid, owner: 'group:default/ml team' })).toEqual([
      'owner',
    ]);
    for (const owner of ['ml-team', 'group:ml-team', 'user:default/jane.doe']) {
      expect(validateMlProject({ ...valid, owner }).valid).toBe(true);
    }
  });

  it('reports every broken rule at once, each naming its field', () => {
    const errors = errorsOf({
      name: 'Bad Name',
      clusterName: 'prod_cluster',
      gpuEnabled: true,
      bucketName: 'B',
      storage: 's3',
      gitopsEngine: 'flux',
      canary: 'none',
      mlflowExposure: 'nodeport',
    });
    expect(errors.map(e => e.field)).toEqual([
      'name',
      'awsRegion',
      'clusterName',
      'gpuInstanceType',
      'bucketName',
    ]);
    expect(formatMlProjectErrors(errors)).toMatch(
      /^name: "Bad Name" must be a DNS-1123 label.*; awsRegion: is required; clusterName: .*; bucketName: /,
    );
  });

  it('rejects values of the wrong type without throwing', () => {
    expect(fieldsOf({ ...valid, name: 7, description: ['x'] })).toEqual([
      'name',
      'description',
    ]);
  });
});
