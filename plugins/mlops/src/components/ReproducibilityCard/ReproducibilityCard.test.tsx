import { screen, within } from '@testing-library/react';
import { ReproducibilityResponse } from '@mlops-portal/plugin-mlops-common';
import { itShowsCardStates } from '../../__testUtils__/cardStates';
import { mlProject, renderCard } from '../../__testUtils__/renderCard';
import { ReproducibilityCard, ageOf } from './ReproducibilityCard';
import { chainBroken, chainOk } from './__fixtures__/reproducibility';
import { expectTexts } from '../../__testUtils__/expectTexts';

const withSource = mlProject({
  'backstage.io/source-location':
    'url:https://github.com/example-org/fraud-detection/tree/main/',
  'mlflow.org/experiment-name': 'fraud-detection',
});

/** Renders the card for an entity with a source location, answering `chain`. */
const renderChain = (chain: ReproducibilityResponse) =>
  renderCard(
    <ReproducibilityCard />,
    { getReproducibility: async () => chain },
    withSource,
  );

describe('ReproducibilityCard', () => {
  it('shows the verdict, every link with its status and reason, and the canary lineage', async () => {
    await renderChain(chainOk);
    expect(await screen.findByLabelText('Verdict')).toHaveTextContent(
      'reproducible',
    );
    for (const title of [
      'Code',
      'GitOps',
      'Infrastructure',
      'Experiment',
      'Data',
      'Serving',
    ]) {
      expect(screen.getByText(title)).toBeInTheDocument();
    }
    expect(
      screen.getByText('main @ 1111111: 2 required checks passed').closest('a'),
    ).toHaveAttribute(
      'href',
      'https://github.com/example-org/fraud-detection/commit/1111111111111111111111111111111111111111',
    );
    const graph = screen.getByRole('figure', {
      name: 'Lineage of canary fraud-detector v4',
    });
    const nodes = within(graph)
      .getAllByRole('listitem')
      .map(li => li.getAttribute('aria-label'));
    expect(nodes).toEqual([
      'model version fraud-detector v4',
      'MLflow run run brave-owl-7',
      'git commit 9a8b7c6',
      'data data/raw.csv c3c3c3c3',
      'data models/model.pkl d4d4d4d4',
    ]);
    expect(
      within(graph).getByText('params: train.lr=0.05, train.n_estimators=300'),
    ).toBeInTheDocument();
  });

  it('names the first broken link, marks the broken node, and says why a link could not be read', async () => {
    await renderChain(chainBroken);
    expect(await screen.findByLabelText('Verdict')).toHaveTextContent(
      'broken at Serving: canary fraud-detector v4: dvc.lock at 9a8b7c6 was stale',
    );
    const code = screen
      .getByText(/no GitHub or GitLab integration for git\.example\.com/)
      .closest('tr')!;
    expect(within(code).getByText('unknown')).toBeInTheDocument();
    const commit = screen.getByRole('listitem', { name: 'git commit 9a8b7c6' });
    expectTexts(
      commit,
      'failing',
      /was stale: train: param train.n_estimators changed/,
    );
  });

  it('gives each link its age', () => {
    expect(
      ageOf('2026-11-30T08:00:00Z', Date.parse('2026-11-30T10:05:00Z')),
    ).toBe('2 h 5 min ago');
    expect(ageOf(undefined)).toBe('–');
    expect(ageOf('not a date')).toBe('–');
  });

  itShowsCardStates({
    card: <ReproducibilityCard />,
    method: 'getReproducibility',
    answer: chainOk,
    annotation: /backstage\.io\/source-location/,
    missing: 'the entity names no source repository',
    entity: withSource,
  });
});
