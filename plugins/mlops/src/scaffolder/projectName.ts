import type { CatalogApi } from '@backstage/plugin-catalog-react';

/** The part of the catalog API the project name check uses. @public */
export type ProjectNameCatalog = Pick<CatalogApi, 'getEntities'>;

/**
 * Why `name` cannot be a new ML project's name: a Component of that name is
 * in the catalog already (the template registers the project as
 * `component:default/<name>`). `undefined` when the name is free, and when
 * the catalog cannot be asked: the register step still refuses a duplicate
 * then, and a catalog outage must not block the form.
 *
 * @public
 */
export async function existingProjectProblem(
  name: string | undefined,
  catalog: ProjectNameCatalog,
): Promise<string | undefined> {
  if (!name) return undefined;
  let entity;
  try {
    // A filtered list, not getEntityByRef: a free name answers 200 with no
    // items instead of a 404 the browser logs as an error.
    const { items } = await catalog.getEntities({
      filter: {
        kind: 'Component',
        'metadata.namespace': 'default',
        'metadata.name': name,
      },
      fields: ['metadata.name', 'spec.owner'],
      limit: 1,
    });
    entity = items[0];
  } catch {
    return undefined;
  }
  if (!entity) return undefined;
  const owner =
    typeof entity.spec?.owner === 'string'
      ? ` (owner ${entity.spec.owner})`
      : '';
  return `A project named "${name}" is in the catalog already${owner}; choose another name`;
}
