import Typography from '@material-ui/core/Typography';
import { StructuredMetadataTable } from '@backstage/core-components';
import {
  DvcParamChange,
  DvcStage,
  DvcStageLockState,
  formatDvcParamValue,
  formatParamRef,
} from '@mlops-portal/plugin-mlops-common';
import { LockStatusBadge } from './LockStatusBadge';

const list = (items: string[]) => (items.length ? items : ['–']);

/** `train.n_estimators: 200 → 300` (dvc.lock → params file). */
const paramChangeText = (change: DvcParamChange) => {
  const name = formatParamRef({ file: change.file, key: change.key });
  if (change.change === 'new') {
    return `${name}: not in dvc.lock → ${formatDvcParamValue(change.current)}`;
  }
  if (change.change === 'deleted') {
    return `${name}: ${formatDvcParamValue(change.locked)} → removed from ${
      change.file
    }`;
  }
  return `${name}: ${formatDvcParamValue(
    change.locked,
  )} → ${formatDvcParamValue(change.current)}`;
};

/** cmd, deps, outs, params, metrics and lock state of one stage. */
export const StageDetails = ({
  stage,
  lock,
}: {
  stage: DvcStage;
  lock?: DvcStageLockState;
}) => (
  <section aria-label={`Stage ${stage.name}`}>
    <Typography variant="subtitle1" component="h3">
      Stage {stage.name} {lock && <LockStatusBadge status={lock.status} />}
    </Typography>
    <StructuredMetadataTable
      dense
      options={{ titleFormat: key => key }}
      metadata={{
        cmd: stage.cmd,
        ...(stage.wdir ? { wdir: stage.wdir } : {}),
        deps: list(stage.deps),
        outs: list(stage.outs),
        params: list(stage.params),
        metrics: list(stage.metrics),
        ...(stage.plots.length ? { plots: stage.plots } : {}),
        ...(stage.generatedFrom
          ? { 'generated from': stage.generatedFrom }
          : {}),
        ...(stage.frozen ? { frozen: 'yes' } : {}),
        ...(stage.alwaysChanged ? { 'always changed': 'yes' } : {}),
        ...(lock?.reasons.length ? { 'lock state': lock.reasons } : {}),
        ...(lock?.paramChanges?.length
          ? {
              'params changed (dvc.lock → now)':
                lock.paramChanges.map(paramChangeText),
            }
          : {}),
        // Cached outputs and `dvc add`-tracked data: git holds no content to hash.
        ...(lock?.unchecked?.length
          ? { 'not in git (dvc status in CI checks them)': lock.unchecked }
          : {}),
      }}
    />
  </section>
);
