import {
  matchesMlflowRunFilter,
  MLFLOW_FILTER_MAX_LENGTH,
  parseMlflowRunFilter,
} from './searchFilter';

const ok = (text: string) => {
  const parsed = parseMlflowRunFilter(text);
  if (!parsed.ok) throw new Error(`refused ${text}: ${parsed.message}`);
  return parsed;
};
const refused = (text: string) => {
  const parsed = parseMlflowRunFilter(text);
  if (parsed.ok) throw new Error(`accepted ${text}`);
  return parsed.message;
};

describe('parseMlflowRunFilter', () => {
  it('reads the filters of MLflow’s own documentation', () => {
    // The example of the issue and of mlflow.search_runs' docs.
    expect(ok("metrics.f1 > 0.8 and params.model = 'xgboost'").canonical).toBe(
      "metrics.f1 > 0.8 AND params.model = 'xgboost'",
    );
    expect(ok('metrics.rmse < 1e-3').clauses[0].value).toBe(0.001);
    expect(
      ok(
        "tags.`mlflow.source.git.branch` LIKE 'feat%' AND attributes.status = 'FINISHED'",
      ).canonical,
    ).toBe(
      "tags.`mlflow.source.git.branch` LIKE 'feat%' AND attributes.status = 'FINISHED'",
    );
    expect(ok('metric."f1 score" >= 0.5').canonical).toBe(
      'metrics.`f1 score` >= 0.5',
    );
    expect(ok("attributes.run_id IN ('a1', 'b2')").clauses[0].value).toEqual([
      'a1',
      'b2',
    ]);
    expect(ok("params.name ILIKE '%XGB%'").clauses[0].comparator).toBe('ILIKE');
    expect(ok('attributes.start_time > 1795606617459').clauses).toHaveLength(1);
    expect(ok('').clauses).toEqual([]);
    expect(ok('   ').canonical).toBe('');
  });

  it('escapes quotes when it re-writes a value', () => {
    expect(ok("params.note = 'it\\'s'").canonical).toBe(
      "params.note = 'it\\'s'",
    );
  });

  it.each([
    ["metrics.f1 > 'high'", /metrics.f1 is a number/],
    ['params.model = xgboost', /unexpected "xgboost"/],
    ["params.model > 'x'", /params.model is text/],
    ['params.model = 3', /put the value in quotes/],
    ["metrics.f1 > 0.8 or params.model = 'x'", /cannot use OR/],
    ['metrics.f1 > 0.8 and', /ends with AND/],
    ['metrics.f1 > 0.8 metrics.f1 < 1', /expected AND/],
    ['metrics.f1', /needs a comparison/],
    ['metrics.f1 >', /needs a value/],
    ["params.model = 'xgb", /unclosed quote/],
    ["model = 'xgb'", /say what "model" is: metrics.model, params.model/],
    ["foo.bar = 'x'", /not something a run has/],
    ["attributes.colour = 'red'", /not a run attribute/],
    ["attributes.status = 'DONE'", /one of RUNNING/],
    ["params.model IN ('a')", /IN works on attributes/],
    ["attributes.run_id IN 'a'", /needs a list/],
    ['attributes.run_id IN (a, b)', /quoted strings/],
    ['; drop table runs', /unexpected/],
  ])('refuses %p', (text, message) => {
    expect(refused(text)).toMatch(message);
  });

  it('refuses a filter longer than the limit', () => {
    expect(
      refused(`params.a = '${'x'.repeat(MLFLOW_FILTER_MAX_LENGTH)}'`),
    ).toMatch(/longer than/);
  });
});

describe('matchesMlflowRunFilter', () => {
  const run = {
    runId: 'a1',
    runName: 'xgb-300-d4',
    status: 'FINISHED',
    startTime: 100,
    params: { model_type: 'xgboost', max_depth: '4' },
    metrics: { f1: 0.83 },
    tags: { 'dvc.stage': 'train' },
  };
  const matches = (text: string) =>
    matchesMlflowRunFilter(run, ok(text).clauses);

  it('evaluates comparisons as MLflow does', () => {
    expect(matches("metrics.f1 > 0.8 and params.model_type = 'xgboost'")).toBe(
      true,
    );
    expect(matches('metrics.f1 > 0.9')).toBe(false);
    expect(matches("attributes.run_name LIKE 'xgb-%'")).toBe(true);
    expect(matches("attributes.run_name LIKE 'XGB-%'")).toBe(false);
    expect(matches("attributes.run_name ILIKE 'XGB-%'")).toBe(true);
    expect(matches("tags.`dvc.stage` = 'train'")).toBe(true);
    expect(matches("attributes.status != 'FAILED'")).toBe(true);
    expect(matches("attributes.run_id NOT IN ('a1')")).toBe(false);
    // A run without the metric does not match, whatever the comparison.
    expect(matches('metrics.auc < 2')).toBe(false);
    expect(matches('')).toBe(true);
  });
});
