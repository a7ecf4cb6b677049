import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { mlflowHttpTransport } from '../../mlflow/transport';
import { searchMlflowRuns } from '../../mlflow/runs';
import {
  FAKE_MLFLOW_URL,
  RECORDED_MLFLOW_RUN_ID,
  createFakeMlflow,
  recordedMlflowDataset,
} from './fakeMlflow';
import { MlflowRecordedVersion, mlflowRecordingText } from './recordings';

const server = setupServer();
registerMswTestHooks(server);

const API = `${FAKE_MLFLOW_URL}/api/2.0/mlflow`;
const post = (
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(`${API}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const recordedSearch = {
  experiment_ids: ['1'],
  order_by: ['metrics.accuracy DESC'],
  max_results: 2,
};

describe.each<MlflowRecordedVersion>(['2.9', '3.11'])(
  'the fake MLflow serving the %s recordings',
  version => {
    const recorded = (file: string) =>
      JSON.parse(mlflowRecordingText(version, file));
    beforeEach(() => server.use(...createFakeMlflow({ version }).handlers));

    it('answers the recorded requests with the recorded bodies', async () => {
      const experiment = await fetch(
        `${API}/experiments/get-by-name?experiment_name=fraud-detection`,
      );
      expect(await experiment.json()).toEqual(
        recorded('experiments-get-by-name.json'),
      );
      const page1 = await (await post('runs/search', recordedSearch)).json();
      expect(page1).toEqual(recorded('runs-search-page1.json'));
      const page2 = await post('runs/search', {
        ...recordedSearch,
        page_token: page1.next_page_token,
      });
      expect(await page2.json()).toEqual(recorded('runs-search-page2.json'));
      const versions = await fetch(
        `${API}/model-versions/search?filter=${encodeURIComponent(
          "name='fraud-detector'",
        )}`,
      );
      expect(await versions.json()).toEqual(
        recorded('model-versions-search.json'),
      );
    });

    it('answers unknown names and ids with the recorded error bodies of that version', async () => {
      const missing = await fetch(
        `${API}/experiments/get-by-name?experiment_name=no-such-experiment`,
      );
      expect([missing.status, await missing.json()]).toEqual([
        404,
        recorded('error-experiment-get-by-name.json'),
      ]);
      const run = await fetch(`${API}/runs/get?run_id=${'0'.repeat(32)}`);
      expect([run.status, await run.json()]).toEqual([
        404,
        recorded('error-runs-get.json'),
      ]);
      const other = await fetch(
        `${API}/experiments/get-by-name?experiment_name=churn`,
      );
      expect((await other.json()).message).toBe(
        "Could not find experiment with name 'churn'",
      );
      const tooMany = await post('runs/search', {
        experiment_ids: ['1'],
        max_results: 100000,
      });
      const file =
        version === '2.9'
          ? 'error-bad-param.json'
          : 'error-max-results-too-large.json';
      expect([tooMany.status, await tooMany.json()]).toEqual([
        400,
        recorded(file),
      ]);
    });
  },
);

describe('the fake MLflow', () => {
  it("answers a request without the token with the version's 401: plain text on MLflow 3", async () => {
    const mlflow3 = createFakeMlflow({ version: '3.11', token: 'secret' });
    server.use(...mlflow3.handlers);
    const refused = await fetch(
      `${API}/experiments/get-by-name?experiment_name=fraud-detection`,
    );
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe(
      mlflowRecordingText('3.11', 'error-basic-auth-no-credentials.json'),
    );
    const accepted = await fetch(
      `${API}/experiments/get-by-name?experiment_name=fraud-detection`,
      {
        headers: { Authorization: 'Bearer secret' },
      },
    );
    expect(accepted.status).toBe(200);
    expect(mlflow3.calls.map(c => c.authorized)).toEqual([false, true]);
    expect(JSON.stringify(mlflow3.calls)).not.toContain('secret');
  });

  it("serves MLflow 3's basic-auth app: HTTP Basic passes, anything else gets its recorded plain-text 401", async () => {
    server.use(
      ...createFakeMlflow({
        version: '3.11',
        basicAuth: { username: 'admin', password: 'pw' },
      }).handlers,
    );
    const url = `${API}/experiments/get-by-name?experiment_name=fraud-detection`;
    const basic = (password: string) =>
      `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    const ok = await fetch(url, { headers: { Authorization: basic('pw') } });
    expect(await ok.json()).toEqual(
      JSON.parse(mlflowRecordingText('3.11', 'basic-auth-ok.json')),
    );
    for (const [authorization, file] of [
      [basic('wrong'), 'error-basic-auth-wrong-password.json'],
      ['Bearer pw', 'error-basic-auth-bearer-token.json'],
      ['', 'error-basic-auth-no-credentials.json'],
    ]) {
      const refused = await fetch(url, {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect([refused.status, await refused.text()]).toEqual([
        401,
        mlflowRecordingText('3.11', file),
      ]);
    }
  });

  it('answers MLflow 2.9 clients with a JSON 401 (not recorded there)', async () => {
    server.use(...createFakeMlflow({ token: 'secret' }).handlers);
    const refused = await fetch(
      `${API}/experiments/get-by-name?experiment_name=fraud-detection`,
      {
        headers: { Authorization: 'Bearer wrong' },
      },
    );
    expect([refused.status, (await refused.json()).error_code]).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
  });

  it('creates experiments with the next id and refuses a second one of the same name', async () => {
    const mlflow = createFakeMlflow({ experiments: [], nextExperimentId: 10 });
    server.use(...mlflow.handlers);
    expect(
      await (
        await post('experiments/create', {
          name: 'churn',
          tags: [{ key: 'a', value: 'b' }],
        })
      ).json(),
    ).toEqual({
      experiment_id: '10',
    });
    const again = await post('experiments/create', { name: 'churn' });
    expect([again.status, (await again.json()).error_code]).toEqual([
      400,
      'RESOURCE_ALREADY_EXISTS',
    ]);
    await post('experiments/set-experiment-tag', {
      experiment_id: '10',
      key: 'a',
      value: 'c',
    });
    expect(mlflow.experiments.get('churn')?.tags).toEqual([
      { key: 'a', value: 'c' },
    ]);
    const unknown = await post('experiments/set-experiment-tag', {
      experiment_id: '99',
      key: 'a',
      value: 'c',
    });
    expect(unknown.status).toBe(404);
  });

  // The recorded 2.9 dataset without its recorded search pages, so that the fake evaluates runs/search itself.
  const evaluatingSearch = () => {
    const recorded = recordedMlflowDataset('2.9');
    server.use(
      ...createFakeMlflow({
        dataset: { ...recorded, recordedSearchPages: undefined },
      }).handlers,
    );
    return mlflowHttpTransport({ baseUrl: FAKE_MLFLOW_URL });
  };

  it('evaluates runs/search over a dataset: experiment, status filter, order and pages', async () => {
    const transport = evaluatingSearch();
    const search = (request: Partial<Parameters<typeof searchMlflowRuns>[1]>) =>
      searchMlflowRuns(
        transport,
        { experimentIds: ['1'], ...request },
        { timeoutMs: 1000 },
      );
    const finished = await search({
      orderBy: ['metrics.accuracy DESC'],
      filter: "attributes.status = 'FINISHED'",
    });
    expect(finished.runs.map(r => r.runName)).toEqual([
      'rf-tuned',
      'rf-baseline',
    ]);
    const first = await search({
      orderBy: ['attributes.start_time ASC'],
      maxResults: 2,
    });
    expect(first.runs.map(r => r.runName)).toEqual(['rf-baseline', 'rf-tuned']);
    // The token MLflow itself gives page 2 of the recordings: base64 of {"offset": 2}.
    expect(first.nextPageToken).toBe('eyJvZmZzZXQiOiAyfQ==');
    const second = await search({
      orderBy: ['attributes.start_time ASC'],
      maxResults: 2,
      pageToken: first.nextPageToken,
    });
    expect(second.runs.map(r => r.runName)).toEqual(['gbm-candidate']);
    expect(second.nextPageToken).toBeUndefined();
    expect((await search({ experimentIds: ['2'] })).runs).toEqual([]);
    await expect(search({ orderBy: ['drop table'] })).rejects.toMatchObject({
      status: 400,
    });
    await expect(search({ pageToken: 'abc' })).rejects.toMatchObject({
      errorCode: 'INVALID_PARAMETER_VALUE',
    });
  });

  it('evaluates a runs/search filter on metrics and params, and refuses one it cannot parse', async () => {
    const transport = evaluatingSearch();
    const search = (filter: string) =>
      searchMlflowRuns(
        transport,
        { experimentIds: ['1'], orderBy: ['metrics.accuracy DESC'], filter },
        { timeoutMs: 1000 },
      );
    // The recorded runs: rf-tuned 0.92, gbm-candidate 0.9, rf-baseline 0.87 accuracy.
    expect(
      (await search('metrics.accuracy >= 0.9')).runs.map(r => r.runName),
    ).toEqual(['rf-tuned', 'gbm-candidate']);
    expect(
      (
        await search("metrics.accuracy >= 0.9 AND params.n_estimators = '300'")
      ).runs.map(r => r.runName),
    ).toEqual(['rf-tuned']);
    await expect(search('metrics.accuracy >= high')).rejects.toMatchObject({
      errorCode: 'INVALID_PARAMETER_VALUE',
    });
  });

  it('serves runs/get and the recorded metric history of a recorded run', async () => {
    server.use(...createFakeMlflow().handlers);
    const run = await fetch(`${API}/runs/get?run_id=${RECORDED_MLFLOW_RUN_ID}`);
    expect(await run.json()).toEqual(
      JSON.parse(mlflowRecordingText('2.9', 'runs-get.json')),
    );
    const history = await fetch(
      `${API}/metrics/get-history?run_id=${RECORDED_MLFLOW_RUN_ID}&metric_key=accuracy`,
    );
    expect(await history.json()).toEqual(
      JSON.parse(mlflowRecordingText('2.9', 'metrics-get-history.json')),
    );
  });

  it('serves other processes on loopback HTTP', async () => {
    const mlflow = createFakeMlflow();
    const listening = await mlflow.listen();
    try {
      server.close();
      const answer = await fetch(
        `${listening.url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=fraud-detection`,
      );
      expect((await answer.json()).experiment.name).toBe('fraud-detection');
      expect(mlflow.calls.map(c => c.endpoint)).toEqual([
        'experiments/get-by-name',
      ]);
    } finally {
      await listening.close();
      server.listen();
    }
  });
});
