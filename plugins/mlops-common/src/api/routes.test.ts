import { mlopsApiPaths, mlopsRoutePatterns } from './routes';

describe('mlopsApiPaths', () => {
  const ref = {
    namespace: 'default',
    kind: 'Component',
    name: 'fraud-detection',
  };

  it('builds each path so that it matches its route pattern', () => {
    const toRegExp = (pattern: string) =>
      new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
    expect(mlopsApiPaths.mlflowRuns(ref)).toMatch(
      toRegExp(mlopsRoutePatterns.mlflowRuns),
    );
    expect(mlopsApiPaths.mlflowMetricHistory(ref, 'abc', 'roc_auc')).toMatch(
      toRegExp(mlopsRoutePatterns.mlflowMetricHistory),
    );
    expect(mlopsApiPaths.canary(ref)).toBe(
      '/entity/default/Component/fraud-detection/canary',
    );
  });

  it('escapes values so a run id or key cannot add path segments', () => {
    expect(mlopsApiPaths.mlflowMetricHistory(ref, '../x', 'a/b')).toBe(
      '/entity/default/Component/fraud-detection/mlflow/runs/..%2Fx/metrics/a%2Fb/history',
    );
  });
});
