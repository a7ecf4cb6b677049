import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DVC_PIPELINE,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MLFLOW_EXPERIMENT_NAME,
  ANNOTATION_MLFLOW_REGISTERED_MODEL,
  ML_PROJECT_COMPONENT_TYPE,
} from '@mlops-portal/plugin-mlops-common';

const hasAnnotation = (entity: Entity, key: string) =>
  Boolean(entity.metadata.annotations?.[key]);

/** True for Components of `spec.type: ml-project`. @public */
export const isMlProject = (entity: Entity): boolean =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  entity.spec?.type === ML_PROJECT_COMPONENT_TYPE;

/** True when the entity names an MLflow experiment or registered model. @public */
export const isMlflowAvailable = (entity: Entity): boolean =>
  hasAnnotation(entity, ANNOTATION_MLFLOW_EXPERIMENT_NAME) ||
  hasAnnotation(entity, ANNOTATION_MLFLOW_REGISTERED_MODEL);

/** True when the entity names an MLflow experiment (runs card). @public */
export const isMlflowRunsAvailable = (entity: Entity): boolean =>
  hasAnnotation(entity, ANNOTATION_MLFLOW_EXPERIMENT_NAME);

/** True when the entity names an MLflow registered model (model card). @public */
export const isMlflowModelAvailable = (entity: Entity): boolean =>
  hasAnnotation(entity, ANNOTATION_MLFLOW_REGISTERED_MODEL);

/** True when the entity names a DVC pipeline. @public */
export const isDvcAvailable = (entity: Entity): boolean =>
  hasAnnotation(entity, ANNOTATION_DVC_PIPELINE);

/** True when the entity is selected on Kubernetes (GPU usage). @public */
export const isGpuAvailable = (entity: Entity): boolean =>
  hasAnnotation(entity, ANNOTATION_KUBERNETES_ID);

/** True when the entity is selected on Kubernetes (canary rollouts). @public */
export const isCanaryAvailable = (entity: Entity): boolean =>
  hasAnnotation(entity, ANNOTATION_KUBERNETES_ID);
