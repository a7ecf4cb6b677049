import {
  ANNOTATION_DVC_PIPELINE,
  ANNOTATION_MLFLOW_EXPERIMENT_NAME,
  MLOPS_ANNOTATIONS,
} from './annotations';

describe('annotation contract', () => {
  it('uses the keys the templates write and the docs list', () => {
    expect(ANNOTATION_MLFLOW_EXPERIMENT_NAME).toBe(
      'mlflow.org/experiment-name',
    );
    expect(ANNOTATION_DVC_PIPELINE).toBe('dvc.org/pipeline');
  });

  it('lists each annotation once, with an example and what it enables', () => {
    const keys = MLOPS_ANNOTATIONS.map(a => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const annotation of MLOPS_ANNOTATIONS) {
      expect(annotation.example).not.toBe('');
      expect(annotation.enables).not.toBe('');
    }
  });
});
