import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_MLFLOW_INSTANCE,
  ANNOTATION_MLFLOW_REGISTERED_MODEL,
} from '@mlops-portal/plugin-mlops-common';
import {
  MlflowInstanceConfig,
  MlflowRegisteredModelSummary,
  mlflowUiLinks,
} from '@mlops-portal/plugin-mlops-node';

/** `spec.type` of a registered model's catalog entity. @public */
export const ML_MODEL_RESOURCE_TYPE = 'ml-model';
/** Annotation: the model's aliases, `alias=version` joined by commas. @public */
export const ANNOTATION_MLFLOW_MODEL_ALIASES = 'mlflow.org/model-aliases';
/** Annotation: the latest version per stage, `stage=version` joined by commas. @public */
export const ANNOTATION_MLFLOW_LATEST_VERSIONS = 'mlflow.org/latest-versions';

/** Owner of a model no catalog entity names (MLflow's own `owner` tag is not a catalog ref). */
export const UNCLAIMED_MODEL_OWNER = 'group:default/unknown';

const NAME_MAX = 63;

/** A catalog entity name for `value`, or `undefined` when none can be made. */
export function toEntityName(value: string): string | undefined {
  const name = value
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, NAME_MAX)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return name || undefined;
}

/** A catalog tag (`[a-z0-9:+#]` words joined by `-`) for `value`, or `undefined`. */
function toTag(value: string): string | undefined {
  const tag = value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9:+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, NAME_MAX)
    .replace(/-+$/, '');
  return tag || undefined;
}

/** The key of one instance's model in {@link modelClaims}. */
export const claimKey = (instance: string, model: string) =>
  `${instance}\u0000${model}`;

/** What the catalog says of the entities that name a model. */
export interface ModelClaims {
  /** Entity refs of the entities whose `mlflow.org/registered-model` names the model, sorted. */
  claimedBy: string[];
  /** The owner of the first of them. */
  owner?: string;
}

/**
 * The catalog entity of one registered model of one instance: kind
 * Resource, spec.type ml-model, owned by the owner of the entity that names
 * it (the project Component) and `dependencyOf` it, with the annotations the
 * MLOps model card reads, aliases and latest versions as annotations and
 * links into MLflow.
 */
export function modelEntity(
  instance: MlflowInstanceConfig,
  model: MlflowRegisteredModelSummary,
  name: string,
  claims: ModelClaims,
  location: string,
): Entity {
  const ui = instance.uiUrl;
  const aliases = Object.entries(model.aliases).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  const latest = [...model.latestVersions].sort(
    (a, b) => Number(b.version) - Number(a.version),
  );
  const tags = Object.entries(model.tags)
    .map(([key, value]) => toTag(value ? `${key}:${value}` : key))
    .filter((t): t is string => t !== undefined);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      title: model.name,
      ...(model.description ? { description: model.description } : {}),
      tags: [...new Set([ML_MODEL_RESOURCE_TYPE, 'mlflow', ...tags])],
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        [ANNOTATION_MLFLOW_REGISTERED_MODEL]: model.name,
        [ANNOTATION_MLFLOW_INSTANCE]: instance.name,
        ...(aliases.length
          ? {
              [ANNOTATION_MLFLOW_MODEL_ALIASES]: aliases
                .map(([a, v]) => `${a}=${v}`)
                .join(','),
            }
          : {}),
        ...(latest.length
          ? {
              [ANNOTATION_MLFLOW_LATEST_VERSIONS]: latest
                .map(v => `${v.stage ?? 'None'}=${v.version}`)
                .join(','),
            }
          : {}),
      },
      links: [
        {
          url: mlflowUiLinks.model(ui, model.name),
          title: 'MLflow registered model',
        },
        ...aliases.map(([alias, version]) => ({
          url: mlflowUiLinks.version(ui, model.name, version),
          title: `${alias}: version ${version}`,
        })),
      ],
    },
    spec: {
      type: ML_MODEL_RESOURCE_TYPE,
      owner: claims.owner ?? UNCLAIMED_MODEL_OWNER,
      ...(claims.claimedBy.length ? { dependencyOf: claims.claimedBy } : {}),
    },
  };
}

/** Which entities name which model of which instance, from the catalog's entities. */
export function modelClaims(
  entities: Entity[],
  defaultInstance: string | undefined,
): Map<string, ModelClaims> {
  const claims = new Map<string, ModelClaims>();
  const sorted = [...entities].sort((a, b) =>
    stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
  );
  for (const entity of sorted) {
    const annotations = entity.metadata.annotations ?? {};
    const model = annotations[ANNOTATION_MLFLOW_REGISTERED_MODEL];
    const instance = annotations[ANNOTATION_MLFLOW_INSTANCE] ?? defaultInstance;
    if (!model || !instance) continue;
    const key = claimKey(instance, model);
    const claim = claims.get(key) ?? { claimedBy: [] };
    claim.claimedBy.push(stringifyEntityRef(entity));
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (claim.owner === undefined && typeof owner === 'string')
      claim.owner = owner;
    claims.set(key, claim);
  }
  return claims;
}
