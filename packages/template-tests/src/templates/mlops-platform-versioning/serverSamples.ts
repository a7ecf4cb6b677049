import type { JsonObject } from '@backstage/types';
import { validateMlProject } from '@mlops-portal/plugin-mlops-common';

/**
 * Names and limits: sample values at and beyond each boundary of what
 * validateMlProject (behind mlops:project:validate) accepts. What a form
 * accepts the server must accept too, so nobody passes the form to fail at
 * the first step. A form may be stricter (shorter project names and
 * descriptions, at most 10 GPU nodes because JSON Schema compares min and max
 * one value at a time).
 */
export const SERVER_SAMPLES: Record<string, unknown[]> = {
  name: [
    'fraud-detection',
    'a',
    'a'.repeat(40),
    'a'.repeat(41),
    'Fraud',
    '-x',
    'x-',
    '9lives',
    'a_b',
  ],
  description: ['x'.repeat(200), 'x'.repeat(201)],
  clusterName: [
    'ml-platform',
    'ML-Platform',
    'ml_platform',
    '9ml',
    'a'.repeat(63),
    'a'.repeat(64),
    'a'.repeat(100),
  ],
  bucketName: [
    'acme-artifacts',
    'ab',
    'abc',
    'a'.repeat(63),
    'a'.repeat(64),
    'Upper',
    'a..b',
    '192.168.1.1',
    '-abc',
    'abc-',
    'my.bucket',
  ],
  mlflowHost: [
    'mlflow.example.com',
    'MLflow.example.com',
    'localhost',
    'mlflow.example.c0m',
    `${'a.'.repeat(124)}com`,
    `${'a.'.repeat(126)}com`,
  ],
  gpuMinSize: [-1, 0, 3, 10, 11],
  gpuMaxSize: [0, 1, 2, 10, 11],
  awsRegion: ['eu-west-1', 'us-gov-west-1', 'EU-WEST-1', 'eu-west-9'],
};

/** Valid form values with one sample set; a GPU or MLflow host sample brings the choice that shows its field. */
export function withSample(
  base: JsonObject,
  field: string,
  value: unknown,
): JsonObject {
  return {
    ...base,
    ...(field.startsWith('gpu') && {
      gpuEnabled: true,
      gpuInstanceType: 'g5.xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 2,
    }),
    ...(field === 'mlflowHost' && { mlflowExposure: 'ingress' }),
    [field]: value as JsonObject[string],
  };
}

/** The samples of `field` a form (its errors function) accepts and the server refuses. */
export function acceptedByFormOnly(
  formErrors: (values: JsonObject) => unknown[],
  base: JsonObject,
  field: string,
): unknown[] {
  return SERVER_SAMPLES[field].filter(value => {
    const values = withSample(base, field, value);
    return formErrors(values).length === 0 && !validateMlProject(values).valid;
  });
}
