import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DVC_PIPELINE,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MLFLOW_EXPERIMENT_NAME,
  ANNOTATION_MLFLOW_REGISTERED_MODEL,
  ANNOTATION_SOURCE_LOCATION,
  ML_PROJECT_COMPONENT_TYPE,
} from '@mlops-portal/plugin-mlops-common';

/**
 * The annotation each card needs: the one place that says it, for the
 * `is*Available` conditions and for the cards' "missing annotation" state.
 */
export const CARD_ANNOTATIONS = {
  mlflowRuns: ANNOTATION_MLFLOW_EXPERIMENT_NAME,
  mlflowModel: ANNOTATION_MLFLOW_REGISTERED_MODEL,
  dvcPipeline: ANNOTATION_DVC_PIPELINE,
  gpuUsage: ANNOTATION_KUBERNETES_ID,
  canary: ANNOTATION_KUBERNETES_ID,
  reproducibility: ANNOTATION_SOURCE_LOCATION,
} as const;

/** A card named in {@link CARD_ANNOTATIONS}. */
export type MlopsCardName = keyof typeof CARD_ANNOTATIONS;

/** True when the entity carries the annotation the card needs. */
export const hasCardAnnotation = (entity: Entity, card: MlopsCardName) =>
  Boolean(entity.metadata.annotations?.[CARD_ANNOTATIONS[card]]);

/** True for Components of `spec.type: ml-project`. @public */
export const isMlProject = (entity: Entity): boolean =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  entity.spec?.type === ML_PROJECT_COMPONENT_TYPE;

// One exported condition per card, as the entity page's `if` props take them; each reads CARD_ANNOTATIONS.
/** True when the entity names an MLflow experiment (runs card). @public */
export const isMlflowRunsAvailable = (entity: Entity): boolean =>
  hasCardAnnotation(entity, 'mlflowRuns');

/** True when the entity names an MLflow registered model (model card). @public */
export const isMlflowModelAvailable = (entity: Entity): boolean =>
  hasCardAnnotation(entity, 'mlflowModel');

/** True when the entity names a DVC pipeline. @public */
export const isDvcAvailable = (entity: Entity): boolean =>
  hasCardAnnotation(entity, 'dvcPipeline');

/** True when the entity is selected on Kubernetes (GPU usage). @public */
export const isGpuAvailable = (entity: Entity): boolean =>
  hasCardAnnotation(entity, 'gpuUsage');

/** True when the entity is selected on Kubernetes (canary rollouts). @public */
export const isCanaryAvailable = (entity: Entity): boolean =>
  hasCardAnnotation(entity, 'canary');

/** True when the entity names its source repository (reproducibility chain). @public */
export const isReproducibilityAvailable = (entity: Entity): boolean =>
  hasCardAnnotation(entity, 'reproducibility');
