import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_MLFLOW_EXPERIMENT_NAME,
  ANNOTATION_MLFLOW_REGISTERED_MODEL,
  mlopsRoutePatterns,
} from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { requireAnnotation } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';
import { mlflowReaderFor } from '../mlflow/readerFor';
import { parseLoggedModelsQuery } from '../mlflow/loggedModelsQuery';
import { parseRunsQuery } from '../mlflow/runsQuery';
import { getForEntity } from './entityRoute';
import { RouteContext } from './RouteContext';

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const METRIC_KEY = /^[\w\-./ :]{1,250}$/;

/** MLflow experiment, runs, run, metric history and registered model routes. */
export function mlflowRoutes(ctx: RouteContext) {
  const router = Router();

  const readerFor = (entity: Entity) => mlflowReaderFor(ctx, entity);
  const experimentOf = (entity: Entity) =>
    requireAnnotation(
      entity,
      ANNOTATION_MLFLOW_EXPERIMENT_NAME,
      'MLflow runs card',
    );
  const runIdOf = (value: string) => {
    if (!RUN_ID.test(value))
      throw new MlopsError('InvalidInput', 'runId is not an MLflow run id');
    return value;
  };

  getForEntity(router, ctx, mlopsRoutePatterns.mlflowExperiment, entity =>
    readerFor(entity).experiment(experimentOf(entity)),
  );

  getForEntity(
    router,
    ctx,
    mlopsRoutePatterns.mlflowRuns,
    async (entity, req) => {
      const query = parseRunsQuery(req.query as Record<string, unknown>);
      return readerFor(entity).runs(experimentOf(entity), query);
    },
  );

  getForEntity(
    router,
    ctx,
    mlopsRoutePatterns.mlflowMetricHistory,
    async (entity, req) => {
      if (!METRIC_KEY.test(req.params.key))
        throw new MlopsError('InvalidInput', 'key is not an MLflow metric key');
      return readerFor(entity).metricHistory(
        experimentOf(entity),
        runIdOf(req.params.runId),
        req.params.key,
      );
    },
  );

  getForEntity(router, ctx, mlopsRoutePatterns.mlflowRun, (entity, req) =>
    readerFor(entity).run(experimentOf(entity), runIdOf(req.params.runId)),
  );

  getForEntity(router, ctx, mlopsRoutePatterns.mlflowModel, async entity => {
    const name = requireAnnotation(
      entity,
      ANNOTATION_MLFLOW_REGISTERED_MODEL,
      'model registry card',
    );
    return readerFor(entity).model(name);
  });

  getForEntity(
    router,
    ctx,
    mlopsRoutePatterns.mlflowLoggedModels,
    async (entity, req) => {
      const query = parseLoggedModelsQuery(
        req.query as Record<string, unknown>,
      );
      return readerFor(entity).loggedModels(experimentOf(entity), query);
    },
  );

  return router;
}
