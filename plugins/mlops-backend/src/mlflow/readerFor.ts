import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_MLFLOW_INSTANCE } from '@mlops-portal/plugin-mlops-common';
import { optionalAnnotation } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';
import { RouteContext } from '../routes/RouteContext';
import { routeDeadline } from '../upstream/ResilientCaller';
import { MlflowReader } from './MlflowReader';

/**
 * The MLflow reader of one request for the entity's instance
 * (`mlflow.org/instance`, else the default one), with one deadline for the
 * whole answer however many MLflow calls it takes.
 */
export function mlflowReaderFor(
  ctx: Pick<RouteContext, 'upstreams' | 'caller'>,
  entity: Entity,
): MlflowReader {
  const requested = optionalAnnotation(entity, ANNOTATION_MLFLOW_INSTANCE);
  const instance = ctx.upstreams.mlflow.instance(requested);
  if (!instance && requested) {
    throw new MlopsError(
      'InvalidInput',
      `${ANNOTATION_MLFLOW_INSTANCE} '${requested}' is not among the configured MLflow instances (mlops.mlflow.instances)`,
      { annotation: ANNOTATION_MLFLOW_INSTANCE },
    );
  }
  if (!instance) {
    throw new MlopsError(
      'NotConfigured',
      'no MLflow instance is configured (mlops.mlflow.instances)',
      {
        upstream: 'mlflow',
      },
    );
  }
  return new MlflowReader({
    instance,
    transport: ctx.upstreams.mlflow.transport(instance),
    caller: ctx.caller,
    deadline: routeDeadline(ctx.caller.timeoutOf('mlflow')),
  });
}
