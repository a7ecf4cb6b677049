import { http, HttpResponse } from 'msw';
import experiment from '../__fixtures__/mlflow/experiments-get-by-name.json';
import experimentMissing from '../__fixtures__/mlflow/error-experiment-get-by-name.json';
import page1 from '../__fixtures__/mlflow/runs-search-page1.json';
import page2 from '../__fixtures__/mlflow/runs-search-page2.json';
import runGet from '../__fixtures__/mlflow/runs-get.json';
import runMissing from '../__fixtures__/mlflow/error-runs-get.json';
import history from '../__fixtures__/mlflow/metrics-get-history.json';
import versions from '../__fixtures__/mlflow/model-versions-search.json';
import models from '../__fixtures__/mlflow/registered-models-search.json';

export const MLFLOW = 'http://mlflow.test';
const API = `${MLFLOW}/api/2.0/mlflow`;
export const RUN = 'ef3ddc348bff489495f8c92023e5c033';

/** A fake MLflow REST 2.0 server built from recorded responses. */
export function fakeMlflow(searches: unknown[] = []) {
  return [
    http.get(`${API}/experiments/get-by-name`, ({ request: req }) =>
      new URL(req.url).searchParams.get('experiment_name') === 'fraud-detection'
        ? HttpResponse.json(experiment)
        : HttpResponse.json(experimentMissing, { status: 404 }),
    ),
    http.post(`${API}/runs/search`, async ({ request: req }) => {
      const body = (await req.json()) as { page_token?: string };
      searches.push(body);
      return HttpResponse.json(body.page_token === 'eyJvZmZzZXQiOiAyfQ==' ? page2 : page1);
    }),
    http.get(`${API}/runs/get`, ({ request: req }) =>
      new URL(req.url).searchParams.get('run_id') === RUN
        ? HttpResponse.json(runGet)
        : HttpResponse.json(runMissing, { status: 404 }),
    ),
    http.get(`${API}/metrics/get-history`, () => HttpResponse.json(history)),
    http.get(`${API}/registered-models/get`, () =>
      HttpResponse.json({ registered_model: models.registered_models[0] }),
    ),
    http.get(`${API}/model-versions/search`, () => HttpResponse.json(versions)),
  ];
}

