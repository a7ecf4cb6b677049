import { durationSeconds, normalizeArgoRollout } from './argoRollouts';
import { normalizeFlaggerCanary } from './flaggerCanaries';

describe('canary normalisation', () => {
  const steps = [
    { setWeight: 20 },
    { pause: { duration: '1h' } },
    { setWeight: 50 },
    { pause: {} },
  ];

  it('reads Argo pause durations', () => {
    expect(durationSeconds('30s')).toBe(30);
    expect(durationSeconds('5m')).toBe(300);
    expect(durationSeconds(45)).toBe(45);
    expect(durationSeconds('soon')).toBeUndefined();
  });

  it('gives an aborted Argo rollout phase aborted and the weight of the step reached', () => {
    const rollout = normalizeArgoRollout(
      'c',
      {
        metadata: { name: 'r', namespace: 'n', uid: 'u' },
        spec: { strategy: { canary: { steps } } },
        status: {
          phase: 'Degraded',
          abort: true,
          currentStepIndex: 2,
          stableRS: 'a',
          currentPodHash: 'b',
          message: 'RolloutAborted',
        },
      },
      [],
    );
    expect(rollout).toMatchObject({
      phase: 'aborted',
      aborted: true,
      currentWeight: 50,
      currentStepIndex: 2,
      paused: false,
    });
    expect(rollout.steps[1]).toMatchObject({
      kind: 'pause',
      durationSeconds: 3600,
    });
    expect(rollout.steps[3]).toMatchObject({
      kind: 'pause',
      description: 'pause until promoted',
    });
  });

  it('puts a finished Argo rollout at 100% and keeps only analysis runs it owns, newest first', () => {
    const owned = (name: string, startedAt: string, uid = 'u') => ({
      metadata: {
        name,
        ownerReferences: [{ kind: 'Rollout', name: 'r', uid }],
      },
      status: {
        phase: 'Successful',
        startedAt,
        metricResults: [
          {
            name: 'm',
            phase: 'Successful',
            measurements: [{ value: '[0.5]' }],
          },
        ],
      },
    });
    const rollout = normalizeArgoRollout(
      'c',
      {
        metadata: { name: 'r', namespace: 'n', uid: 'u' },
        spec: { strategy: { canary: { steps } } },
        status: { phase: 'Healthy', currentStepIndex: 4 },
      },
      [
        owned('old', '2026-01-01T00:00:00Z'),
        owned('new', '2026-02-01T00:00:00Z'),
        owned('other', '2026-03-01T00:00:00Z', 'x'),
      ],
    );
    expect(rollout).toMatchObject({ phase: 'healthy', currentWeight: 100 });
    expect(rollout.analysisRuns.map(r => r.name)).toEqual(['new', 'old']);
    expect(rollout.analysisRuns[0].metrics[0].value).toBe(0.5);
  });

  it('maps a failed Flagger canary to aborted with its failed checks against the threshold', () => {
    const canary = normalizeFlaggerCanary('c', {
      metadata: { name: 'f', namespace: 'n' },
      spec: { analysis: { threshold: 3, stepWeights: [5, 25, 50] } },
      status: {
        phase: 'Failed',
        canaryWeight: 0,
        failedChecks: 3,
        iterations: 4,
      },
    });
    expect(canary).toMatchObject({
      phase: 'aborted',
      aborted: true,
      failedChecks: 3,
      failedChecksThreshold: 3,
      desiredWeight: 50,
      currentStepIndex: 0,
    });
    expect(canary.steps.map(s => s.weight)).toEqual([5, 25, 50]);
  });
});
