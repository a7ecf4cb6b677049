import { lazy, ReactNode, Suspense } from 'react';
import Grid from '@material-ui/core/Grid';
import { EmptyState, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';
import {
  isCanaryAvailable,
  isDvcAvailable,
  isGpuAvailable,
  isMlflowModelAvailable,
  isMlflowRunsAvailable,
  isReproducibilityAvailable,
} from '../../conditions';

// Each card is its own chunk: the tab paints its grid at once and the cards
// (with their charts) arrive as they load.
const MlflowRunsCard = lazy(() =>
  import('../MlflowRunsCard').then(m => ({ default: m.MlflowRunsCard })),
);
const MlflowLoggedModelsCard = lazy(() =>
  import('../MlflowLoggedModels').then(m => ({
    default: m.MlflowLoggedModelsCard,
  })),
);
const MlflowModelCard = lazy(() =>
  import('../MlflowModelCard').then(m => ({ default: m.MlflowModelCard })),
);
const DvcPipelineCard = lazy(() =>
  import('../DvcPipelineCard').then(m => ({ default: m.DvcPipelineCard })),
);
const GpuUsageCard = lazy(() =>
  import('../GpuUsageCard').then(m => ({ default: m.GpuUsageCard })),
);
const CanaryCard = lazy(() =>
  import('../CanaryCard').then(m => ({ default: m.CanaryCard })),
);
const ReproducibilityCard = lazy(() =>
  import('../ReproducibilityCard').then(m => ({
    default: m.ReproducibilityCard,
  })),
);

const Slot = ({ children }: { children: ReactNode }) => (
  <Grid item xs={12}>
    <Suspense fallback={<Progress />}>{children}</Suspense>
  </Grid>
);

/**
 * The MLOps tab of an ML project: every card whose annotation the entity
 * carries, or what to add when it carries none.
 */
export const MlopsContent = () => {
  const { entity } = useEntity();
  const runs = isMlflowRunsAvailable(entity);
  const model = isMlflowModelAvailable(entity);
  const dvc = isDvcAvailable(entity);
  const gpu = isGpuAvailable(entity);
  const canary = isCanaryAvailable(entity);
  // The chain needs the source repository (its head commit and dvc.lock).
  const chain = isReproducibilityAvailable(entity);

  if (!runs && !model && !dvc && !gpu && !canary) {
    return (
      <EmptyState
        missing="field"
        title="No MLOps annotations on this entity"
        description={`Add ${MLOPS_ANNOTATIONS.filter(a => !a.optional)
          .map(a => a.key)
          .join(', ')} to the entity's catalog-info.yaml.`}
      />
    );
  }
  return (
    <Grid container spacing={3} alignItems="flex-start">
      {chain && (
        <Slot>
          <ReproducibilityCard />
        </Slot>
      )}
      {runs && (
        <Slot>
          <MlflowRunsCard />
        </Slot>
      )}
      {runs && (
        <Slot>
          <MlflowLoggedModelsCard />
        </Slot>
      )}
      {/* Full rows: a short model card beside the tall canary card left a
          hole, and cut the registry's columns at 1440 px. */}
      {model && (
        <Slot>
          <MlflowModelCard />
        </Slot>
      )}
      {canary && (
        <Slot>
          <CanaryCard />
        </Slot>
      )}
      {dvc && (
        <Slot>
          <DvcPipelineCard />
        </Slot>
      )}
      {gpu && (
        <Slot>
          <GpuUsageCard />
        </Slot>
      )}
    </Grid>
  );
};
