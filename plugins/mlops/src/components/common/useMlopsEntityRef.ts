import { useMemo } from 'react';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MlopsEntityRef } from '@mlops-portal/plugin-mlops-common';

/** The current entity as the MLOps API addresses it; stable across renders. */
export function useMlopsEntityRef(): MlopsEntityRef {
  const { entity } = useEntity();
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const { kind } = entity;
  const { name } = entity.metadata;
  return useMemo(() => ({ namespace, kind, name }), [namespace, kind, name]);
}
