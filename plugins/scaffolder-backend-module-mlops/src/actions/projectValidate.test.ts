import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createProjectValidateAction } from './projectValidate';
import { mockContext } from '../__testUtils__/mockContext';

const input = {
  name: ' fraud-detection ',
  owner: 'group:default/ml-team',
  awsRegion: 'EU-WEST-1',
  clusterName: 'ml-prod',
  gpuEnabled: false,
  gpuInstanceType: 'g5.xlarge',
  storage: 's3' as const,
  bucketName: 'fraud-detection-dvc',
  gitopsEngine: 'flux' as const,
  canary: 'flagger' as const,
  mlflowExposure: 'ingress' as const,
  mlflowHost: 'MLflow.example.com',
};

describe('mlops:project:validate', () => {
  const action = createProjectValidateAction();

  it('outputs the normalised values', async () => {
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('values', {
      name: 'fraud-detection',
      owner: 'group:default/ml-team',
      awsRegion: 'eu-west-1',
      clusterName: 'ml-prod',
      gpuEnabled: false,
      storage: 's3',
      bucketName: 'fraud-detection-dvc',
      gitopsEngine: 'flux',
      canary: 'flagger',
      mlflowExposure: 'ingress',
      mlflowHost: 'mlflow.example.com',
    });
  });

  it('fails with a message naming each bad field and outputs nothing', async () => {
    const ctx = createMockActionContext({
      input: {
        ...input,
        name: 'Fraud_Detection',
        bucketName: 'x',
        gitopsEngine: 'argocd' as const,
        gpuEnabled: true,
        gpuInstanceType: 'm5.large',
        gpuMinSize: 4,
        gpuMaxSize: 2,
      },
    });
    const run = action.handler(ctx);
    await expect(run).rejects.toThrow(
      /^Invalid ML project values: name: "Fraud_Detection" must be a DNS-1123 label/,
    );
    await expect(run).rejects.toMatchObject({ name: 'InputError' });
    await expect(run).rejects.toThrow(
      /gpuInstanceType: "m5.large" is not a known GPU instance type/,
    );
    await expect(run).rejects.toThrow(
      /gpuMaxSize: must be at least gpuMinSize \(4\), got 2/,
    );
    await expect(run).rejects.toThrow(
      /bucketName: "x" must be 3 to 63 characters/,
    );
    await expect(run).rejects.toThrow(
      /canary: "flagger" needs gitopsEngine "flux"/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('validates the same way in a dry run', async () => {
    expect(action.supportsDryRun).toBe(true);
    const { ctx } = mockContext(
      action,
      { ...input, awsRegion: 'mars-north-1' },
      { isDryRun: true },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      /awsRegion: "mars-north-1" is not a known AWS region/,
    );
  });

  it('publishes a JSON schema that describes every field', () => {
    const properties = (action.schema?.input as { properties: object })
      .properties as Record<string, { description?: string }>;
    expect(Object.keys(properties)).toEqual([
      'name',
      'description',
      'owner',
      'awsRegion',
      'clusterName',
      'gpuEnabled',
      'gpuInstanceType',
      'gpuMinSize',
      'gpuMaxSize',
      'infrastructure',
      'rdsBackendStore',
      'karpenter',
      'gpuScaleToZero',
      'storage',
      'bucketName',
      'gitopsEngine',
      'canary',
      'serving',
      'observability',
      'mlflowExposure',
      'mlflowHost',
      'repoHost',
      'openPlatformPullRequest',
    ]);
    for (const [field, schema] of Object.entries(properties)) {
      expect([field, schema.description]).toEqual([field, expect.any(String)]);
    }
    // The combination rules are quoted from mlops-common's rule table.
    expect(properties.canary.description).toContain(
      '"flagger" needs gitopsEngine "flux"',
    );
    expect(properties.observability.description).toContain(
      'must stay true with a canary',
    );
    expect(action.schema?.output).toMatchObject({
      properties: {
        values: {
          description: expect.stringContaining('The validated values'),
          properties: {
            name: { type: 'string' },
            gpuMaxSize: { type: 'integer' },
          },
        },
      },
    });
    expect(action.schema?.input).toMatchObject({
      required: expect.arrayContaining(['name', 'awsRegion', 'storage']),
    });
  });
});
