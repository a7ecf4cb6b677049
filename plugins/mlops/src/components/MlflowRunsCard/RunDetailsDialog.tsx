import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { Progress, StructuredMetadataTable } from '@backstage/core-components';
import { MlflowRunDetail } from '@mlops-portal/plugin-mlops-common';
import {
  formatDuration,
  formatNumber,
  formatTime,
  MlopsErrorPanel,
} from '../common';
import { RunStatus } from './RunStatus';
import { useMlflowRun } from './useMlflowRun';

// MLflow keys are shown as logged (`n_estimators`, `mlflow.user`).
const verbatim = { titleFormat: (key: string) => key };

const RunDetails = ({ run }: { run: MlflowRunDetail }) => (
  <>
    <StructuredMetadataTable
      dense
      options={verbatim}
      metadata={{
        'run id': run.runId,
        status: <RunStatus status={run.status} />,
        user: run.userId ?? '–',
        start: formatTime(run.startTime),
        duration: formatDuration(run.durationMs),
        'git commit': run.gitCommit ?? '–',
        'DVC stage': run.dvcStage ?? '–',
        artifacts: run.artifactUri ?? '–',
      }}
    />
    <Typography variant="h6" component="h3">
      Params
    </Typography>
    <StructuredMetadataTable dense options={verbatim} metadata={run.params} />
    <Typography variant="h6" component="h3">
      Metrics
    </Typography>
    <StructuredMetadataTable
      dense
      options={verbatim}
      metadata={Object.fromEntries(
        Object.entries(run.metrics).map(([k, v]) => [k, formatNumber(v)]),
      )}
    />
    <Typography variant="h6" component="h3">
      Tags
    </Typography>
    <StructuredMetadataTable dense options={verbatim} metadata={run.tags} />
  </>
);

const DialogBody = ({ runId }: { runId: string }) => {
  const { value, loading, error, retry } = useMlflowRun(runId);
  if (error) return <MlopsErrorPanel error={error} onRetry={retry} />;
  if (loading || !value) return <Progress />;
  return <RunDetails run={value.run} />;
};

/** Everything MLflow knows about one run, opened from the runs table. */
export const RunDetailsDialog = ({
  runId,
  runName,
  runUrl,
  onClose,
}: {
  runId: string;
  runName: string;
  runUrl: string;
  onClose: () => void;
}) => (
  <Dialog
    open
    onClose={onClose}
    maxWidth="md"
    fullWidth
    aria-labelledby="mlflow-run-title"
  >
    <DialogTitle id="mlflow-run-title">Run {runName}</DialogTitle>
    <DialogContent dividers>
      <DialogBody runId={runId} />
    </DialogContent>
    <DialogActions>
      <Button href={runUrl} target="_blank" rel="noopener noreferrer">
        Open in MLflow
      </Button>
      <Button onClick={onClose} color="primary">
        Close
      </Button>
    </DialogActions>
  </Dialog>
);
