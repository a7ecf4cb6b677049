import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { StructuredMetadataTable } from '@backstage/core-components';
import { CanaryRollout } from '@mlops-portal/plugin-mlops-common';
import { Meter } from '../common';
import { AnalysisTable } from './AnalysisTable';
import { PhaseChip } from './PhaseChip';

/** "step 3 of 6: analysis success-rate", or Flagger's iteration count. */
export function describeProgress(rollout: CanaryRollout): string {
  const total = rollout.steps.length;
  if (total > 0) {
    const index = rollout.currentStepIndex ?? 0;
    if (index >= total) return `all ${total} steps done`;
    return `step ${index + 1} of ${total}: ${rollout.steps[index].description}`;
  }
  if (rollout.iterations !== undefined) {
    return `analysis iteration ${rollout.iterations}`;
  }
  return 'no steps';
}

const STRATEGY: Record<CanaryRollout['source'], string> = {
  'argo-rollouts': 'Argo Rollouts canary',
  flagger: 'Flagger canary',
  kserve: 'KServe InferenceService',
  'ray-serve': 'Ray Serve (KubeRay RayService)',
};

/** One rollout: phase, step progress, weights and its analysis runs. */
export const RolloutView = ({ rollout }: { rollout: CanaryRollout }) => {
  const details: Record<string, string> = {
    strategy: STRATEGY[rollout.source],
    progress: describeProgress(rollout),
  };
  if (rollout.rawPhase) details['controller phase'] = rollout.rawPhase;
  if (rollout.modelVersion) {
    details['model version'] = rollout.modelName
      ? `${rollout.modelName} v${rollout.modelVersion}`
      : rollout.modelVersion;
  }
  if (rollout.modelUri) details['storage URI'] = rollout.modelUri;
  if (rollout.activeCluster) details['active cluster'] = rollout.activeCluster;
  if (rollout.pendingCluster)
    details['pending cluster'] = rollout.pendingCluster;
  if (rollout.serveApplications?.length) {
    details['serve applications'] = rollout.serveApplications
      .map(app => `${app.name}: ${app.status}`)
      .join(', ');
  }
  if (rollout.stableRevision && !rollout.activeCluster)
    details['stable revision'] = rollout.stableRevision;
  if (rollout.canaryRevision && !rollout.pendingCluster)
    details['canary revision'] = rollout.canaryRevision;
  if (rollout.failedChecksThreshold !== undefined) {
    details['failed checks'] = `${rollout.failedChecks ?? 0} of ${
      rollout.failedChecksThreshold
    } allowed`;
  }
  if (rollout.message) details.message = rollout.message;

  return (
    <Box component="section" mb={3} aria-label={`Rollout ${rollout.name}`}>
      <Typography variant="subtitle1" component="h3">
        {rollout.name}{' '}
        <Typography variant="caption" component="span">
          {rollout.cluster} / {rollout.namespace}
        </Typography>{' '}
        <PhaseChip phase={rollout.phase} />
      </Typography>
      <Box my={1} maxWidth={480}>
        <Meter
          label={`Canary traffic weight of ${rollout.name}`}
          value={rollout.currentWeight}
          max={100}
          valueText={`${rollout.currentWeight}% now of ${
            rollout.desiredWeight
          }% desired${
            rollout.actualWeight !== undefined &&
            rollout.actualWeight !== rollout.currentWeight
              ? ` (${rollout.actualWeight}% observed)`
              : ''
          }`}
          warnAbove={2}
          errorAbove={2}
        />
      </Box>
      <StructuredMetadataTable
        dense
        options={{ titleFormat: key => key }}
        metadata={details}
      />
      {rollout.analysisRuns.map(run => (
        <AnalysisTable key={run.name} run={run} />
      ))}
    </Box>
  );
};
