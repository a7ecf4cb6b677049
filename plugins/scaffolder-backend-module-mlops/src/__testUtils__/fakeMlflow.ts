import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import experimentByName from './__fixtures__/mlflow-experiments-get-by-name.json';

type ExperimentJson = (typeof experimentByName)['experiment'];

/** One request the fake received, without the Authorization header's value. */
export interface RecordedMlflowCall {
  method: string;
  path: string;
  authorized: boolean;
  body?: unknown;
}

/**
 * An in-memory MLflow tracking server speaking the REST API 2.0 wire format
 * (experiments/get-by-name, experiments/create, experiments/set-experiment-tag
 * and their error bodies), registered on an msw server.
 */
export function fakeMlflow(
  server: SetupServer,
  baseUrl: string,
  options: { token?: string; experiments?: ExperimentJson[] } = {},
) {
  const api = `${baseUrl}/api/2.0/mlflow`;
  const experiments = new Map(
    (options.experiments ?? []).map(e => [e.name, structuredClone(e)]),
  );
  const calls: RecordedMlflowCall[] = [];
  let nextId = 10;

  async function record(request: Request) {
    const text = request.method === 'GET' ? '' : await request.text();
    const authorized =
      options.token === undefined ||
      request.headers.get('authorization') === `Bearer ${options.token}`;
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      authorized,
      body: text ? JSON.parse(text) : undefined,
    });
    return { authorized, body: text ? JSON.parse(text) : undefined };
  }
  const unauthenticated = () =>
    HttpResponse.json(
      { error_code: 'UNAUTHENTICATED', message: 'Invalid access token' },
      { status: 401 },
    );

  server.use(
    http.get(`${api}/experiments/get-by-name`, async ({ request }) => {
      const { authorized } = await record(request);
      if (!authorized) return unauthenticated();
      const name = new URL(request.url).searchParams.get('experiment_name');
      const experiment = name ? experiments.get(name) : undefined;
      if (!experiment) {
        return HttpResponse.json(
          {
            error_code: 'RESOURCE_DOES_NOT_EXIST',
            message: `Could not find experiment with name '${name}'`,
          },
          { status: 404 },
        );
      }
      return HttpResponse.json({ experiment });
    }),
    http.post(`${api}/experiments/create`, async ({ request }) => {
      const { authorized, body } = await record(request);
      if (!authorized) return unauthenticated();
      const { name, tags } = body as {
        name: string;
        tags?: Array<{ key: string; value: string }>;
      };
      if (experiments.has(name)) {
        return HttpResponse.json(
          {
            error_code: 'RESOURCE_ALREADY_EXISTS',
            message: `Experiment '${name}' already exists.`,
          },
          { status: 400 },
        );
      }
      const id = String(nextId++);
      experiments.set(name, {
        ...experimentByName.experiment,
        experiment_id: id,
        name,
        artifact_location: `s3://mlflow-artifacts/${id}`,
        tags: tags ?? [],
      });
      return HttpResponse.json({ experiment_id: id });
    }),
    http.post(`${api}/experiments/set-experiment-tag`, async ({ request }) => {
      const { authorized, body } = await record(request);
      if (!authorized) return unauthenticated();
      const tag = body as { experiment_id: string; key: string; value: string };
      const experiment = [...experiments.values()].find(
        e => e.experiment_id === tag.experiment_id,
      );
      if (!experiment) {
        return HttpResponse.json(
          {
            error_code: 'RESOURCE_DOES_NOT_EXIST',
            message: `No Experiment with id=${tag.experiment_id} exists`,
          },
          { status: 404 },
        );
      }
      experiment.tags = [
        ...experiment.tags.filter(t => t.key !== tag.key),
        { key: tag.key, value: tag.value },
      ];
      return HttpResponse.json({});
    }),
  );

  return {
    experiments,
    calls,
    /** The experiment as get-by-name would return it. */
    existing: (name: string) => experiments.get(name),
    template: experimentByName.experiment,
  };
}
