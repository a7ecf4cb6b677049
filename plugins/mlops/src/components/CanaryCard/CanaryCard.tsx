import Typography from '@material-ui/core/Typography';
import { CanaryResponse } from '@mlops-portal/plugin-mlops-common';
import { MlopsApiError } from '../../api';
import { withCardAnnotation, MlopsAsyncCard, MlopsErrorPanel } from '../common';
import { RolloutView } from './RolloutView';
import { useCanary } from './useCanary';

const TITLE = 'Canary rollouts';

const CanaryView = ({
  canary,
  refreshing,
  refreshMs,
}: {
  canary: CanaryResponse;
  refreshing: boolean;
  refreshMs: number;
}) => (
  <>
    {refreshing && (
      <Typography variant="caption" color="textSecondary" paragraph>
        A rollout is progressing: refreshing every{' '}
        {Math.round(refreshMs / 1000)} s.
      </Typography>
    )}
    {canary.clusterErrors.map(({ cluster, error }) => (
      <div key={cluster} aria-label={`Cluster ${cluster}`}>
        <Typography variant="subtitle2">Cluster {cluster}</Typography>
        <MlopsErrorPanel error={new MlopsApiError(error)} />
      </div>
    ))}
    {canary.rollouts.length === 0 && (
      <Typography variant="body2">
        No Argo Rollouts, Flagger canaries, KServe InferenceServices or Ray
        Serve RayServices select this project.
      </Typography>
    )}
    {canary.rollouts.map(rollout => (
      <RolloutView
        key={`${rollout.cluster}/${rollout.namespace}/${rollout.name}`}
        rollout={rollout}
      />
    ))}
  </>
);

const RolloutsCard = ({ refreshMs = 5000 }: { refreshMs?: number }) => {
  const state = useCanary(refreshMs);
  return (
    <MlopsAsyncCard title={TITLE} state={state} showRefreshing={false}>
      {canary => (
        <CanaryView
          canary={canary}
          refreshing={state.refreshing}
          refreshMs={refreshMs}
        />
      )}
    </MlopsAsyncCard>
  );
};

/**
 * Canary rollouts (Argo Rollouts, Flagger, KServe, Ray Serve) of the entity: phase, step
 * progress, weights and analysis results; refreshes while one progresses.
 */
export const CanaryCard = withCardAnnotation('canary', TITLE, RolloutsCard);
