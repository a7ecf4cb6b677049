import { screen } from '@testing-library/react';
import { renderCard } from './__testUtils__/renderCard';
import { canaryDone } from './components/CanaryCard/__fixtures__/canary';
import { fraudPipeline } from './components/DvcPipelineCard/__fixtures__/dvcPipeline';
import { EntityCanaryCard, EntityDvcPipelineCard, mlopsPlugin } from './plugin';
import { mlopsApiRef } from './api';

describe('mlops plugin (legacy frontend system)', () => {
  it('registers the API client factory', () => {
    const factories = [...mlopsPlugin.getApis()];
    expect(factories.map(f => f.api.id)).toEqual([mlopsApiRef.id]);
  });

  it('loads each card lazily through its extension', async () => {
    await renderCard(
      <>
        <EntityCanaryCard />
        <EntityDvcPipelineCard />
      </>,
      {
        getCanary: async () => canaryDone,
        getDvcPipeline: async () => fraudPipeline,
      },
    );
    expect(await screen.findByText('all 6 steps done')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Pipeline stages' }),
    ).toBeInTheDocument();
  });
});
