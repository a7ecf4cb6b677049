/**
 * The annotation contract between the templates (which write these on an ML
 * project's catalog entity) and the plugins (which read them). Keep every
 * consumer on these constants so the names never drift.
 */

/** MLflow experiment whose runs the runs card shows. @public */
export const ANNOTATION_MLFLOW_EXPERIMENT_NAME = 'mlflow.org/experiment-name';

/** MLflow registered model whose versions the model registry card shows. @public */
export const ANNOTATION_MLFLOW_REGISTERED_MODEL = 'mlflow.org/registered-model';

/** Named MLflow instance from `mlops.mlflow.instances`; optional. @public */
export const ANNOTATION_MLFLOW_INSTANCE = 'mlflow.org/instance';

/** Path of `dvc.yaml`, relative to `backstage.io/source-location`. @public */
export const ANNOTATION_DVC_PIPELINE = 'dvc.org/pipeline';

/** Standard Kubernetes plugin annotation; selects GPU pods and rollouts. @public */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** Standard Kubernetes plugin annotation narrowing the namespace. @public */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/** Standard Kubernetes plugin annotation narrowing the label selector. @public */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';

/** Standard catalog annotation the DVC pipeline path is resolved against. @public */
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';

/**
 * Argo CD `Application` of the project (`name`, or `namespace/name`; the
 * namespace defaults to `argocd`), the key the community Argo CD plugin
 * reads too; the reproducibility card's GitOps link. @public
 */
export const ANNOTATION_ARGOCD_APP_NAME = 'argocd/app-name';

/**
 * Flux `Kustomization` of the project (`namespace/name`, or `name` in
 * `flux-system`); the reproducibility card's GitOps link. @public
 */
export const ANNOTATION_FLUX_KUSTOMIZATION = 'fluxcd.io/kustomization';

/** The `spec.type` of Components that are ML projects. @public */
export const ML_PROJECT_COMPONENT_TYPE = 'ml-project';

/**
 * Every annotation every ML project carries, with what it enables (the GitOps
 * ones above are one or the other, by engine, so they are not listed); the docs and the
 * empty states are generated from this list.
 *
 * @public
 */
export const MLOPS_ANNOTATIONS: ReadonlyArray<{
  key: string;
  example: string;
  enables: string;
  optional: boolean;
}> = [
  {
    key: ANNOTATION_MLFLOW_EXPERIMENT_NAME,
    example: 'fraud-detection',
    enables: 'MLflow runs card (runs, params, metrics, charts)',
    optional: false,
  },
  {
    key: ANNOTATION_MLFLOW_REGISTERED_MODEL,
    example: 'fraud-detector',
    enables: 'Model registry card (versions, aliases/stages, source run)',
    optional: false,
  },
  {
    key: ANNOTATION_MLFLOW_INSTANCE,
    example: 'default',
    enables: 'Picks a named MLflow instance from config',
    optional: true,
  },
  {
    key: ANNOTATION_DVC_PIPELINE,
    example: 'data-plane/dvc/dvc.yaml',
    enables: 'DVC pipeline card; path relative to backstage.io/source-location',
    optional: false,
  },
  {
    key: ANNOTATION_KUBERNETES_ID,
    example: 'fraud-detection',
    enables: 'GPU usage and canary cards',
    optional: false,
  },
];
