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

jest.setTimeout(20_000);

describe('CanaryCard', () => {
  it('shows strategy, step progress, weights and the phase of each rollout', async () => {
    await renderCard(<CanaryCard />, {
      getCanary: async () => canaryProgressing,
    });
    const argo = await screen.findByRole('region', {
      name: 'Rollout fraud-detection-serving',
    });
    expect(within(argo).getByText('progressing')).toBeInTheDocument();
    expect(within(argo).getByText('Argo Rollouts canary')).toBeInTheDocument();
    expect(
      within(argo).getByText('step 3 of 6: analysis success-rate'),
    ).toBeInTheDocument();
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
    expect(within(flagger).getByText('healthy')).toBeInTheDocument();
    expect(within(flagger).getByText('Flagger canary')).toBeInTheDocument();
    expect(within(flagger).getByText('0 of 5 allowed')).toBeInTheDocument();
  });

  it('shows KServe and Ray Serve rollouts with the model version they serve', async () => {
    await renderCard(<CanaryCard />, { getCanary: async () => canaryServing });
    const kserve = await screen.findByRole('region', {
      name: 'Rollout fraud-detection-kserve',
    });
    expect(
      within(kserve).getByText('KServe InferenceService'),
    ).toBeInTheDocument();
    expect(
      within(kserve).getByText('step 1 of 2: canaryTrafficPercent 10%'),
    ).toBeInTheDocument();
    expect(within(kserve).getByText('fraud-detector v5')).toBeInTheDocument();
    expect(
      within(kserve).getByText(
        's3://fraud-detection-artifacts/models/fraud-detector/5',
      ),
    ).toBeInTheDocument();
    expect(
      within(kserve).getByRole('meter', {
        name: 'Canary traffic weight of fraud-detection-kserve',
      }),
    ).toHaveAttribute('aria-valuenow', '10');
    const ray = screen.getByRole('region', {
      name: 'Rollout fraud-detection-ray',
    });
    expect(within(ray).getByText('degraded')).toBeInTheDocument();
    expect(
      within(ray).getByText('Ray Serve (KubeRay RayService)'),
    ).toBeInTheDocument();
    expect(
      within(ray).getByText('fraud-detection-raycluster-7k2xq'),
    ).toBeInTheDocument();
    expect(
      within(ray).getByText('fraud-detection: DEPLOY_FAILED'),
    ).toBeInTheDocument();
  });

  it('shows the analysis metrics against their thresholds', async () => {
    await renderCard(<CanaryCard />, {
      getCanary: async () => canaryProgressing,
    });
    const table = await screen.findByRole('table', {
      name: `Metrics of analysis ${argoRollout.analysisRuns[0].name}`,
    });
    const latency = within(table).getByText('p95-latency-ms').closest('tr')!;
    expect(within(latency).getByText('Failed')).toBeInTheDocument();
    expect(within(latency).getByText('412')).toBeInTheDocument();
    expect(within(latency).getByText('result[0] < 300')).toBeInTheDocument();
    expect(within(latency).getByText('1 / 2 (2)')).toBeInTheDocument();
    const success = within(table).getByText('success-rate').closest('tr')!;
    expect(within(success).getByText('Successful')).toBeInTheDocument();
    expect(within(success).getByText('0.991')).toBeInTheDocument();
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
