import Typography from '@material-ui/core/Typography';
import { StructuredMetadataTable } from '@backstage/core-components';
import { DvcStage, DvcStageLockState } from '@mlops-portal/plugin-mlops-common';
import { LockStatusBadge } from './LockStatusBadge';

const list = (items: string[]) => (items.length ? items : ['–']);

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
        // Cached outputs and `dvc add`-tracked data: git holds no content to hash.
        ...(lock?.unchecked?.length
          ? { 'not in git (dvc status in CI checks them)': lock.unchecked }
          : {}),
      }}
    />
  </section>
);
