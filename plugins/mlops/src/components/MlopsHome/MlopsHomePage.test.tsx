import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { mlopsApiRef } from '../../api';
import { mlProject, mockMlopsApi } from '../../__testUtils__/renderCard';
import { runsPage1 } from '../MlflowRunsCard/__fixtures__/mlflowRuns';
import { fraudDetectorModel } from '../MlflowModelCard/__fixtures__/mlflowModel';
import { canaryProgressing } from '../CanaryCard/__fixtures__/canary';
import { gpuUsage } from '../GpuUsageCard/__fixtures__/gpuUsage';
import { MlopsHomePage } from './MlopsHomePage';

const project = (name: string, owner: string): Entity => ({
  ...mlProject(),
  metadata: { ...mlProject().metadata, name, title: `Project ${name}` },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const render = (entities: Entity[], ownershipEntityRefs: string[]) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [
          mlopsApiRef,
          mockMlopsApi({
            getMlflowRuns: async () => runsPage1,
            getMlflowModel: async () => fraudDetectorModel,
            getCanary: async () => canaryProgressing,
            getGpuUsage: async () => gpuUsage,
          }),
        ],
        [catalogApiRef, catalogApiMock({ entities })],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/guest',
            ownershipEntityRefs: ownershipEntityRefs,
          }),
        ],
      ]}
    >
      <MlopsHomePage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('MlopsHomePage', () => {
  it("lists the user's ML projects with runs, canaries and GPUs", async () => {
    await render(
      [
        project('fraud-detection', 'group:default/ml-team'),
        project('churn', 'group:default/other-team'),
      ],
      ['user:default/guest', 'group:default/ml-team'],
    );
    const projects = await screen.findByRole('table', { name: 'ML projects' });
    expect(screen.getByText('Your ML projects')).toBeInTheDocument();
    expect(
      within(projects).getByRole('link', { name: 'Project fraud-detection' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-detection/mlops',
    );
    expect(within(projects).queryByText('Project churn')).toBeNull();

    const runs = screen.getByRole('table', { name: 'Recent runs' });
    const rows = within(runs).getAllByRole('row').slice(1);
    // Newest first, over every project shown.
    expect(rows[0]).toHaveTextContent('gbm-candidate');
    expect(rows[1]).toHaveTextContent('rf-tuned');

    expect(
      screen.getByRole('table', { name: 'Models in canary' }),
    ).toHaveTextContent('fraud-detection-serving');
    expect(screen.getByRole('table', { name: 'GPU use' })).toHaveTextContent(
      'prod-eu',
    );
    expect(
      screen.getByRole('button', { name: 'Create new ML project' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/mlops-platform-versioning',
    );
  });

  it('shows every ML project to a user who owns none', async () => {
    await render(
      [project('churn', 'group:default/other-team')],
      ['user:default/newcomer'],
    );
    const projects = await screen.findByRole('table', { name: 'ML projects' });
    expect(screen.getByText('ML projects')).toBeInTheDocument();
    expect(
      screen.getByText('You own none yet: every ML project in the catalog'),
    ).toBeInTheDocument();
    expect(within(projects).getByText('Project churn')).toBeInTheDocument();
  });

  it('says so when the catalog holds no ML project', async () => {
    await render([], ['user:default/guest']);
    expect(
      await screen.findByText(/No ML projects in the catalog yet/),
    ).toBeInTheDocument();
  });
});
