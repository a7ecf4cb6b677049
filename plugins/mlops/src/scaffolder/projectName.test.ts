import { existingProjectProblem, ProjectNameCatalog } from './projectName';

const catalogWith = (names: string[]): ProjectNameCatalog => ({
  getEntities: jest.fn(async request => {
    const filter = request?.filter as Record<string, string>;
    const found =
      filter.kind === 'Component' &&
      filter['metadata.namespace'] === 'default' &&
      names.includes(filter['metadata.name']);
    return {
      items: found
        ? [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: filter['metadata.name'] },
              spec: { owner: 'group:default/ml-team' },
            },
          ]
        : [],
    };
  }),
});

describe('existingProjectProblem', () => {
  it('refuses the name of a project in the catalog, naming its owner', async () => {
    await expect(
      existingProjectProblem(
        'fraud-detection',
        catalogWith(['fraud-detection']),
      ),
    ).resolves.toBe(
      'A project named "fraud-detection" is in the catalog already (owner group:default/ml-team); choose another name',
    );
  });

  it('accepts a free name, and nothing to check', async () => {
    const catalog = catalogWith(['fraud-detection']);
    await expect(
      existingProjectProblem('churn', catalog),
    ).resolves.toBeUndefined();
    await expect(
      existingProjectProblem(undefined, catalog),
    ).resolves.toBeUndefined();
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
  });

  it('does not block the form when the catalog cannot be asked', async () => {
    const catalog: ProjectNameCatalog = {
      getEntities: async () => {
        throw new Error('503');
      },
    };
    await expect(
      existingProjectProblem('fraud-detection', catalog),
    ).resolves.toBeUndefined();
  });
});
