import { screen, within } from '@testing-library/react';
import { itShowsCardStates } from '../../__testUtils__/cardStates';
import { pending, renderCard } from '../../__testUtils__/renderCard';
import { typedErrors } from '../../__testUtils__/typedErrors';
import {
  argoRollout,
  canaryProgressing,
} from '../CanaryCard/__fixtures__/canary';
import { MlflowModelCard } from './MlflowModelCard';
import { namesVersion } from './useMlflowModel';
import { fraudDetectorModel } from './__fixtures__/mlflowModel';
import { expectTexts } from '../../__testUtils__/expectTexts';

// Opens like every card test (import the fixtures, render the card on a recorded answer, find a region): alike in shape only.
describe('MlflowModelCard', () => {
  it('lists versions with aliases, stage, creation time and source run', async () => {
    await renderCard(<MlflowModelCard />, {
      getMlflowModel: async () => fraudDetectorModel,
      getCanary: async () => ({ ...canaryProgressing, rollouts: [] }),
    });
    const table = await screen.findByRole('table', {
      name: 'Versions of fraud-detector',
    });
    const [, v2, v1] = within(table).getAllByRole('row');
    expectTexts(v2, '@champion', 'Production', /2026/);
    expect(within(v2).getByRole('link', { name: 'ef3ddc34' })).toHaveAttribute(
      'href',
      fraudDetectorModel.versions[0].runUrl,
    );
    expect(within(v1).getByRole('link', { name: 'Version 1' })).toHaveAttribute(
      'href',
      fraudDetectorModel.versions[1].versionUrl,
    );
    expect(within(v1).queryByText('None')).not.toBeInTheDocument();
    expect(table.querySelector('[data-serving="true"]')).toBeNull();
  });

  it('highlights the version the canary serves', async () => {
    await renderCard(<MlflowModelCard />, {
      getMlflowModel: async () => fraudDetectorModel,
      getCanary: async () => canaryProgressing,
    });
    const chip = await screen.findByText(
      `serving in canary ${argoRollout.name} (20%)`,
    );
    expect(chip.closest('tr')).toHaveAttribute('data-serving', 'true');
    expect(
      within(chip.closest('tr')!).getByText('Version 2'),
    ).toBeInTheDocument();
  });

  it('still lists versions when the rollouts cannot be read', async () => {
    await renderCard(<MlflowModelCard />, {
      getMlflowModel: async () => fraudDetectorModel,
      getCanary: () => Promise.reject(typedErrors[1].error),
    });
    expect(await screen.findByText('Version 2')).toBeInTheDocument();
    expect(screen.queryByText(typedErrors[1].title)).not.toBeInTheDocument();
  });

  it('matches version labels written as 2, v2 or name/2', () => {
    expect(namesVersion('2', '2')).toBe(true);
    expect(namesVersion('v2', '2')).toBe(true);
    expect(namesVersion('fraud-detector/2', '2')).toBe(true);
    expect(namesVersion('12', '2')).toBe(false);
  });

  itShowsCardStates({
    card: <MlflowModelCard />,
    method: 'getMlflowModel',
    answer: fraudDetectorModel,
    annotation: /mlflow\.org\/registered-model/,
    missing: 'the entity names no model',
    others: { getCanary: pending },
  });
});
