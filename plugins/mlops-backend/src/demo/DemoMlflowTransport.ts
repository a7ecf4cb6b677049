import { JsonValue } from '@backstage/types';
import { MlflowApiError, MlflowRequest, MlflowTransport, RunJson } from '@mlops-portal/plugin-mlops-node';
import { FixtureFiles } from './fixtureFiles';

const notFound = (message: string) => new MlflowApiError(message, 'RESOURCE_DOES_NOT_EXIST', 404);
const badRequest = (message: string) => new MlflowApiError(message, 'INVALID_PARAMETER_VALUE', 400);

/** `attributes.start_time DESC`, `metrics.\`f1 score\` ASC`... → a comparator over run JSON. */
function comparator(orderBy: string | undefined) {
  const match = /^(attributes|metrics|params)\.`?([^`]+?)`?\s+(ASC|DESC)$/i.exec(orderBy ?? 'attributes.start_time DESC');
  if (!match) throw badRequest(`Invalid order_by clause '${orderBy}'`);
  const [, kind, key, direction] = match;
  const value = (run: RunJson): number | string | undefined => {
    if (kind === 'attributes') return (run.info as Record<string, number | string | undefined>)[key];
    const list = kind === 'metrics' ? run.data?.metrics : run.data?.params;
    return list?.find(entry => entry.key === key)?.value;
  };
  const sign = direction.toUpperCase() === 'ASC' ? 1 : -1;
  return (a: RunJson, b: RunJson) => {
    const [x, y] = [value(a), value(b)];
    // MLflow sorts runs without the column last, whatever the direction.
    if (x === undefined && y === undefined) return 0;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    if (x === y) return 0;
    return (x < y ? -1 : 1) * sign;
  };
}

/**
 * Demo mode: answers the MLflow REST calls the backend makes from the
 * recorded bodies in `fixtures/mlflow`, with the real server's semantics
 * (404 `RESOURCE_DOES_NOT_EXIST`, status filter, order, `page_token` paging).
 */
export function demoMlflowTransport(files: FixtureFiles): MlflowTransport {
  const transport = async (path: string, request: MlflowRequest): Promise<unknown> => {
    const query = request.query ?? {};
    const body = (request.body ?? {}) as Record<string, JsonValue>;
    switch (path) {
      case 'experiments/get-by-name': {
        const answer = await files.read<{ experiment: { name: string } }>('mlflow/experiments-get-by-name.json');
        if (!answer || answer.experiment.name !== query.experiment_name) {
          throw notFound(`Could not find experiment with name '${query.experiment_name}'`);
        }
        return answer;
      }
      case 'runs/search': {
        const all = (await files.read<{ runs: RunJson[] }>('mlflow/runs-search.json'))?.runs ?? [];
        const ids = (body.experiment_ids as string[] | undefined) ?? [];
        const status = /attributes\.status\s*=\s*'(\w+)'/.exec(String(body.filter ?? ''))?.[1];
        const runs = all
          .filter(run => ids.includes(run.info.experiment_id) && (!status || run.info.status === status))
          .sort(comparator((body.order_by as string[] | undefined)?.[0]));
        const size = Number(body.max_results ?? 1000);
        const offset = body.page_token
          ? Number(JSON.parse(Buffer.from(String(body.page_token), 'base64').toString('utf8')).offset)
          : 0;
        const next = offset + size < runs.length ? Buffer.from(JSON.stringify({ offset: offset + size })).toString('base64') : undefined;
        return { runs: runs.slice(offset, offset + size), ...(next ? { next_page_token: next } : {}) };
      }
      case 'runs/get': {
        const all = (await files.read<{ runs: RunJson[] }>('mlflow/runs-search.json'))?.runs ?? [];
        const run = all.find(r => (r.info.run_id ?? r.info.run_uuid) === query.run_id);
        if (!run) throw notFound(`Run with id=${query.run_id} not found`);
        return { run };
      }
      case 'metrics/get-history': {
        const histories = await files.read<Record<string, Record<string, { metrics: unknown[] }>>>('mlflow/metric-histories.json');
        const history = histories?.[String(query.run_id)]?.[String(query.metric_key)];
        if (!histories?.[String(query.run_id)]) throw notFound(`Run with id=${query.run_id} not found`);
        return history ?? { metrics: [] };
      }
      case 'registered-models/get': {
        const answer = await files.read<{ registered_model: { name: string } }>('mlflow/registered-models-get.json');
        if (!answer || answer.registered_model.name !== query.name) {
          throw notFound(`Registered Model with name=${query.name} not found`);
        }
        return answer;
      }
      case 'model-versions/search': {
        const answer = await files.read<{ model_versions: Array<{ name: string }> }>('mlflow/model-versions-search.json');
        const name = /^name='(.*)'$/.exec(String(query.filter ?? ''))?.[1]?.replace(/\\'/g, "'");
        return { model_versions: (answer?.model_versions ?? []).filter(v => v.name === name) };
      }
      default:
        throw new MlflowApiError(`demo MLflow has no recording of ${path}`, 'ENDPOINT_NOT_FOUND', 404);
    }
  };
  return transport as MlflowTransport;
}
