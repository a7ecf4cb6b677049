import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Entity } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { ML_PROJECT_COMPONENT_TYPE } from '@mlops-portal/plugin-mlops-common';
import { mlopsApiRef } from '../../api';
import { loadProjectData, ProjectData } from '../MlopsSummary/projectData';

/** Entity refs that own each entity (`ownedBy` relations), lower-cased. */
const ownersOf = (entity: Entity) =>
  (entity.relations ?? [])
    .filter(r => r.type === 'ownedBy')
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));

/**
 * The catalog's ML projects with their MLOps data: the signed-in user's own
 * (owned by them or one of their groups) when they have any, else all of
 * them, so a new user still sees what the portal holds.
 */
export function useMlProjects() {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  const mlopsApi = useApi(mlopsApiRef);
  return useAsyncRetry(async () => {
    const [{ items }, identity] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'Component', 'spec.type': ML_PROJECT_COMPONENT_TYPE },
      }),
      identityApi.getBackstageIdentity(),
    ]);
    const mine = new Set(
      identity.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
    );
    const owned = items.filter(e => ownersOf(e).some(o => mine.has(o)));
    const shown = owned.length > 0 ? owned : items;
    const projects: ProjectData[] = await Promise.all(
      shown.map(entity => loadProjectData(mlopsApi, entity)),
    );
    return { projects, onlyOwn: owned.length > 0, total: items.length };
  }, [catalogApi, identityApi, mlopsApi]);
}
