import {
  MlflowModelResponse,
  MlflowModelVersion,
} from '@mlops-portal/plugin-mlops-common';
import { loggedModelIdOf } from './loggedModels';
import { MlflowApiError, MlflowCallOptions } from './mlflowFetch';
import { everyPage } from './searchPaging';
import { MlflowTransport } from './transport';
import {
  ModelVersionJson,
  RegisteredModelJson,
  toNumber,
  toRecord,
} from './wire';

/** A registered model: the API's `MlflowModelResponse.model` (mlops-common), as the client reads it. @public */
export type MlflowRegisteredModel = MlflowModelResponse['model'];

/**
 * A model version as the client reads it: the fields of the API's
 * `MlflowModelVersion` (mlops-common) without the UI links, plus its model's
 * name and its tags. `aliases` are those the server reports on the version.
 *
 * @public
 */
export interface MlflowModelVersionInfo
  extends Omit<MlflowModelVersion, 'runUrl' | 'versionUrl' | 'loggedModel'> {
  name: string;
  tags: Record<string, string>;
}

function toRegisteredModel(model: RegisteredModelJson): MlflowRegisteredModel {
  return {
    name: model.name,
    description: model.description || undefined,
    creationTime: toNumber(model.creation_timestamp),
    lastUpdatedTime: toNumber(model.last_updated_timestamp),
    aliases: Object.fromEntries(
      (model.aliases ?? []).map(a => [a.alias, a.version]),
    ),
    tags: toRecord(model.tags),
  };
}

/** `GET registered-models/get`. @public */
export async function getMlflowRegisteredModel(
  transport: MlflowTransport,
  name: string,
  options: MlflowCallOptions,
): Promise<MlflowRegisteredModel> {
  const body = await transport<{ registered_model: RegisteredModelJson }>(
    'registered-models/get',
    { ...options, query: { name } },
  );
  return toRegisteredModel(body.registered_model);
}

/**
 * A registered model as `registered-models/search` lists it: with the latest
 * version of each stage (MLflow's `latest_versions`, stage `None` included).
 *
 * @public
 */
export interface MlflowRegisteredModelSummary extends MlflowRegisteredModel {
  latestVersions: Array<{ version: string; stage?: string }>;
}

/** The most pages {@link searchMlflowRegisteredModels} reads. @public */
export const MAX_REGISTERED_MODEL_PAGES = 100;

/**
 * `GET registered-models/search`, every page (`max_results` per page),
 * in MLflow's order (by name). A server that still has pages after
 * {@link MAX_REGISTERED_MODEL_PAGES} is an error, not a silent cut: callers
 * that replace what they knew (the catalog's model provider) must not take a
 * partial list for the whole.
 *
 * @public
 */
export async function searchMlflowRegisteredModels(
  transport: MlflowTransport,
  options: MlflowCallOptions & { pageSize?: number },
): Promise<MlflowRegisteredModelSummary[]> {
  const { pageSize = 100, ...callOptions } = options;
  const { items, complete } = await everyPage(
    MAX_REGISTERED_MODEL_PAGES,
    async pageToken => {
      const body = await transport<{
        registered_models?: RegisteredModelJson[];
        next_page_token?: string;
      }>('registered-models/search', {
        ...callOptions,
        query: { max_results: pageSize, page_token: pageToken },
      });
      return { ...body, items: body.registered_models };
    },
  );
  if (!complete) {
    throw new MlflowApiError(
      `registered-models/search has more than ${MAX_REGISTERED_MODEL_PAGES} pages of ${pageSize}`,
      'TOO_MANY_PAGES',
    );
  }
  return items.map(model => ({
    ...toRegisteredModel(model),
    latestVersions: (model.latest_versions ?? []).map(v => ({
      version: v.version,
      stage:
        v.current_stage && v.current_stage !== 'None'
          ? v.current_stage
          : undefined,
    })),
  }));
}

const MAX_VERSION_PAGES = 20;

/**
 * `GET model-versions/search` for one model, every page joined, newest
 * version first.
 *
 * @public
 */
export async function searchMlflowModelVersions(
  transport: MlflowTransport,
  name: string,
  options: MlflowCallOptions,
): Promise<MlflowModelVersionInfo[]> {
  // Filter strings quote with single quotes; escape them in the name.
  const filter = `name='${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  // A server that pages on past MAX_VERSION_PAGES gives the versions read so far.
  const { items } = await everyPage(MAX_VERSION_PAGES, async pageToken => {
    const body = await transport<{
      model_versions?: ModelVersionJson[];
      next_page_token?: string;
    }>('model-versions/search', {
      ...options,
      query: { filter, max_results: 200, page_token: pageToken },
    });
    return { ...body, items: body.model_versions };
  });
  const versions: MlflowModelVersionInfo[] = items.map(v => ({
    name: v.name,
    version: v.version,
    aliases: v.aliases ?? [],
    stage:
      v.current_stage && v.current_stage !== 'None'
        ? v.current_stage
        : undefined,
    status: v.status,
    description: v.description || undefined,
    creationTime: toNumber(v.creation_timestamp),
    lastUpdatedTime: toNumber(v.last_updated_timestamp),
    source: v.source,
    runId: v.run_id || undefined,
    tags: toRecord(v.tags),
    loggedModelId: loggedModelIdOf({
      source: v.source,
      modelId: v.model_id,
    }),
  }));
  return versions.sort((a, b) => Number(b.version) - Number(a.version));
}
