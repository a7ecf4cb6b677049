import { Entity } from '@backstage/catalog-model';
import {
  isCanaryAvailable,
  isDvcAvailable,
  isGpuAvailable,
  isMlflowModelAvailable,
  isMlflowRunsAvailable,
  isMlProject,
} from './conditions';

const entity = (
  annotations: Record<string, string>,
  type = 'ml-project',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-detection', annotations },
  spec: { type, owner: 'group:ml-team', lifecycle: 'production' },
});

describe('conditions', () => {
  it('recognises ML projects by spec.type', () => {
    expect(isMlProject(entity({}))).toBe(true);
    expect(isMlProject(entity({}, 'service'))).toBe(false);
  });

  it('enables each card only when its annotation is present', () => {
    const bare = entity({});
    expect(isMlflowRunsAvailable(bare)).toBe(false);
    expect(isMlflowModelAvailable(bare)).toBe(false);
    expect(isDvcAvailable(bare)).toBe(false);
    expect(isGpuAvailable(bare)).toBe(false);
    expect(isCanaryAvailable(bare)).toBe(false);

    const full = entity({
      'mlflow.org/experiment-name': 'fraud-detection',
      'dvc.org/pipeline': 'data-plane/dvc/dvc.yaml',
      'backstage.io/kubernetes-id': 'fraud-detection',
    });
    expect(isMlflowRunsAvailable(full)).toBe(true);
    expect(isMlflowModelAvailable(full)).toBe(false);
    expect(isDvcAvailable(full)).toBe(true);
    expect(isGpuAvailable(full)).toBe(true);
    expect(isCanaryAvailable(full)).toBe(true);
  });
});
