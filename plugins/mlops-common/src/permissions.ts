import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  ResourcePermission,
  createPermission,
} from '@backstage/plugin-permission-common';

/**
 * The MLOps permissions: each is a `read` of one kind of MLOps data about a
 * catalog entity, a resource permission on `catalog-entity`, so a policy can
 * answer it with the catalog's conditions (`isEntityOwner`, `hasAnnotation`,
 * ...). The backend checks one of them on every entity route, after the
 * caller may see the entity (`catalog.entity.read`). See
 * docs/permissions.md.
 */

/** A permission of the MLOps plugin: a read on a catalog entity. @public */
export type MlopsPermission = ResourcePermission<
  typeof RESOURCE_TYPE_CATALOG_ENTITY
>;

/** A read of one kind of MLOps data about a catalog entity. */
const entityRead = (name: string): MlopsPermission =>
  createPermission({
    name,
    attributes: { action: 'read' },
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  });

/**
 * Reading an entity's MLflow data: its experiment, runs, metric histories,
 * registered model and logged models. @public
 */
export const mlopsMlflowReadPermission: MlopsPermission =
  entityRead('mlops.mlflow.read');

/** Reading an entity's DVC pipeline (stages, hashes, staleness). @public */
export const mlopsDvcReadPermission: MlopsPermission =
  entityRead('mlops.dvc.read');

/** Reading an entity's GPU usage and cost. @public */
export const mlopsGpuReadPermission: MlopsPermission =
  entityRead('mlops.gpu.read');

/** Reading an entity's canary rollouts (state, weights, analysis). @public */
export const mlopsCanaryReadPermission: MlopsPermission =
  entityRead('mlops.canary.read');

/**
 * Reading an entity's reproducibility chain and lineage (it summarises the
 * code, GitOps, infrastructure, MLflow, DVC and serving state). @public
 */
export const mlopsReproducibilityReadPermission: MlopsPermission = entityRead(
  'mlops.reproducibility.read',
);

/** Every MLOps permission, for the permission registry. @public */
export const mlopsPermissions: MlopsPermission[] = [
  mlopsMlflowReadPermission,
  mlopsDvcReadPermission,
  mlopsGpuReadPermission,
  mlopsCanaryReadPermission,
  mlopsReproducibilityReadPermission,
];

const BY_AREA: Record<string, MlopsPermission> = {
  mlflow: mlopsMlflowReadPermission,
  dvc: mlopsDvcReadPermission,
  gpu: mlopsGpuReadPermission,
  canary: mlopsCanaryReadPermission,
  reproducibility: mlopsReproducibilityReadPermission,
};

/**
 * The permission an entity route of the MLOps API needs, from the area its
 * path names after the entity (`/entity/:namespace/:kind/:name/<area>/...`).
 * Throws for a path with no known area, so a new route cannot go unchecked.
 *
 * @public
 */
export function mlopsPermissionForRoute(pattern: string): MlopsPermission {
  const area = /^\/entity\/:namespace\/:kind\/:name\/([^/]+)/.exec(
    pattern,
  )?.[1];
  const permission = area === undefined ? undefined : BY_AREA[area];
  if (!permission) {
    throw new Error(
      `MLOps route '${pattern}' has no permission: its path names no known area (${Object.keys(
        BY_AREA,
      ).join(', ')})`,
    );
  }
  return permission;
}
