import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import { MlopsContent } from './MlopsContent';

const withAnnotations = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-detection', annotations },
  spec: { type: 'ml-project', owner: 'group:ml-team', lifecycle: 'production' },
});

describe('MlopsContent', () => {
  it('lists the contract annotations the entity carries', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={withAnnotations({
          'mlflow.org/experiment-name': 'fraud-detection',
        })}
      >
        <MlopsContent />
      </EntityProvider>,
    );
    expect(
      screen.getByText(/mlflow.org\/experiment-name: fraud-detection/),
    ).toBeInTheDocument();
  });

  it('tells the user which annotations to add when none is present', async () => {
    await renderInTestApp(
      <EntityProvider entity={withAnnotations({})}>
        <MlopsContent />
      </EntityProvider>,
    );
    expect(
      screen.getByText('No MLOps annotations on this entity'),
    ).toBeInTheDocument();
    expect(screen.getByText(/dvc.org\/pipeline/)).toBeInTheDocument();
  });
});
