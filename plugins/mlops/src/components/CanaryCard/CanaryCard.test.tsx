import { screen, within } from '@testing-library/react';
import { itShowsCardStates } from '../../__testUtils__/cardStates';
import { renderCard } from '../../__testUtils__/renderCard';
import { CanaryCard } from './CanaryCard';
import { describeProgress } from './RolloutView';
import {
  argoRollout,
  canaryDone,
  canaryProgressing,
  canaryServing,
} from './__fixtures__/canary';
import { expectTexts } from '../../__testUtils__/expectTexts';

// Opens like every card test (import the fixtures, render the card on a recorded answer, find a region): alike in shape only.
describe('CanaryCard', () => {
  it('shows strategy, step progress, weights and the phase of each rollout', async () => {
    await renderCard(<CanaryCard />, {
      getCanary: async () => canaryProgressing,
    });
    const argo = await screen.findByRole('region', {
      name: 'Rollout fraud-detection-serving',
    });
    expectTexts(
      argo,
      'progressing',
      'Argo Rollouts canary',
      'step 3 of 6: analysis success-rate',
    );
    const weight = within(argo).getByRole('meter', {
      name: 'Canary traffic weight of fraud-detection-serving',
    });
    expect(weight).toHaveAttribute('aria-valuenow', '20');
    expect(
      within(argo).getByText('20% now of 100% desired'),
    ).toBeInTheDocument();

    const flagger = screen.getByRole('region', {
      name: 'Rollout fraud-detection-batch',
    });
    expectTexts(flagger, 'healthy', 'Flagger canary', '0 of 5 allowed');
  });

  it('shows KServe and Ray Serve rollouts with the model version they serve', async () => {
    await renderCard(<CanaryCard />, { getCanary: async () => canaryServing });
    const kserve = await screen.findByRole('region', {
      name: 'Rollout fraud-detection-kserve',
    });
    expectTexts(
      kserve,
      'KServe InferenceService',
      'step 1 of 2: canaryTrafficPercent 10%',
      'fraud-detector v5',
      's3://fraud-detection-artifacts/models/fraud-detector/5',
    );
    expect(
      within(kserve).getByRole('meter', {
        name: 'Canary traffic weight of fraud-detection-kserve',
      }),
    ).toHaveAttribute('aria-valuenow', '10');
    const ray = screen.getByRole('region', {
      name: 'Rollout fraud-detection-ray',
    });
    expectTexts(
      ray,
      'degraded',
      'Ray Serve (KubeRay RayService)',
      'fraud-detection-raycluster-7k2xq',
      'fraud-detection: DEPLOY_FAILED',
    );
  });

  it('shows the analysis metrics against their thresholds', async () => {
    await renderCard(<CanaryCard />, {
      getCanary: async () => canaryProgressing,
    });
    const table = await screen.findByRole('table', {
      name: `Metrics of analysis ${argoRollout.analysisRuns[0].name}`,
    });
    const latency = within(table).getByText('p95-latency-ms').closest('tr')!;
    expectTexts(latency, 'Failed', '412', 'result[0] < 300', '1 / 2 (2)');
    const success = within(table).getByText('success-rate').closest('tr')!;
    expectTexts(success, 'Successful', '0.991');
  });

  it('refreshes itself while a rollout progresses and stops when it is done', async () => {
    const getCanary = jest
      .fn()
      .mockResolvedValueOnce(canaryProgressing)
      .mockResolvedValue(canaryDone);
    await renderCard(<CanaryCard refreshMs={50} />, { getCanary });
    expect(await screen.findByText(/refreshing every/)).toBeInTheDocument();
    expect(await screen.findByText('all 6 steps done')).toBeInTheDocument();
    expect(screen.queryByText(/refreshing every/)).not.toBeInTheDocument();
    const calls = getCanary.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(getCanary).toHaveBeenCalledTimes(calls);
    // The cluster that could not be read is named, the others still show.
    const prodUs = screen.getByLabelText('Cluster prod-us');
    expect(
      within(prodUs).getByText('Kubernetes is unavailable'),
    ).toBeInTheDocument();
  });

  it('describes step progress for Argo and Flagger rollouts', () => {
    expect(describeProgress({ ...argoRollout, currentStepIndex: 0 })).toBe(
      'step 1 of 6: set weight 20%',
    );
    expect(describeProgress({ ...argoRollout, currentStepIndex: 6 })).toBe(
      'all 6 steps done',
    );
    expect(describeProgress({ ...argoRollout, steps: [], iterations: 4 })).toBe(
      'analysis iteration 4',
    );
  });

  itShowsCardStates({
    card: <CanaryCard />,
    method: 'getCanary',
    answer: canaryDone,
    annotation: /backstage\.io\/kubernetes-id/,
    missing: 'the entity is not on Kubernetes',
  });
});
