import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { makeStyles } from '@material-ui/core/styles';
import { Progress } from '@backstage/core-components';
import { MlflowRunDetail } from '@mlops-portal/plugin-mlops-common';
import {
  formatNumber,
  formatRunDuration,
  formatTime,
  MlopsErrorPanel,
  UpstreamLink,
} from '../common';
import {
  artifactsUrl,
  commitUrl,
  GIT_REPO_URL_TAG,
  RUN_DESCRIPTION_TAG,
} from './links';
import { LoggedModelFacts } from '../MlflowLoggedModels/LoggedModelFacts';
import { RunStatus } from './RunStatus';
import { useMlflowRun } from './useMlflowRun';

const useStyles = makeStyles(theme => ({
  // One column width for every table of the dialog, so their values align.
  table: {
    tableLayout: 'fixed',
    marginBottom: theme.spacing(2),
    '& th': { width: '30%', fontWeight: 'bold', verticalAlign: 'top' },
    '& td': { overflowWrap: 'anywhere' },
  },
}));

/** Key/value rows; MLflow keys are shown as logged (`n_estimators`). */
const DetailsTable = ({
  label,
  rows,
}: {
  label: string;
  rows: Array<[string, ReactNode]>;
}) => {
  const classes = useStyles();
  if (rows.length === 0) {
    return (
      <Typography variant="body2" paragraph>
        None logged.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={label} className={classes.table}>
      <TableBody>
        {rows.map(([key, value]) => (
          <TableRow key={key}>
            <TableCell component="th" scope="row">
              {key}
            </TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const Heading = ({ children }: { children: ReactNode }) => (
  <Typography variant="h6" component="h3">
    {children}
  </Typography>
);

const RunDetails = ({ run, demo }: { run: MlflowRunDetail; demo: boolean }) => {
  const description = run.tags[RUN_DESCRIPTION_TAG];
  const failed = run.status === 'FAILED' || run.status === 'KILLED';
  const commit = commitUrl(run.tags[GIT_REPO_URL_TAG], run.gitCommit);
  return (
    <>
      {failed && (
        <Alert severity="error" style={{ marginBottom: 16 }}>
          This run {run.status === 'FAILED' ? 'failed' : 'was killed'}
          {description
            ? `: ${description}`
            : '. MLflow holds no description of why.'}
        </Alert>
      )}
      <DetailsTable
        label="Run"
        rows={[
          ['run id', <code>{run.runId}</code>],
          ['status', <RunStatus status={run.status} />],
          ['user', run.userId ?? '–'],
          ['start', formatTime(run.startTime)],
          ['duration', formatRunDuration(run)],
          [
            'git commit',
            commit ? (
              <Link href={commit} target="_blank" rel="noopener noreferrer">
                <code>{run.gitCommit}</code>
              </Link>
            ) : (
              run.gitCommit ?? '–'
            ),
          ],
          ['DVC stage', run.dvcStage ?? '–'],
          [
            'artifacts',
            run.artifactUri ? (
              <UpstreamLink
                href={artifactsUrl(run.runUrl)}
                demo={demo}
                aria-label={`Artifacts of run ${run.runName} in MLflow: ${run.artifactUri}`}
              >
                {run.artifactUri}
              </UpstreamLink>
            ) : (
              '–'
            ),
          ],
          ...(description && !failed
            ? [['description', description] as [string, ReactNode]]
            : []),
        ]}
      />
      <Heading>Params</Heading>
      <DetailsTable label="Params" rows={Object.entries(run.params)} />
      <Heading>Metrics</Heading>
      <DetailsTable
        label="Metrics"
        rows={Object.entries(run.metrics).map(([k, v]) => [k, formatNumber(v)])}
      />
      {/* MLflow 2.4+ tracks datasets and MLflow 3 LoggedModels; older servers send neither. */}
      {run.datasets && run.datasets.length > 0 && (
        <>
          <Heading>Datasets</Heading>
          <DetailsTable
            label="Datasets"
            rows={run.datasets.map(d => [
              d.name,
              <>
                digest <code>{d.digest}</code>
                {d.context ? `, context ${d.context}` : ''}
                {d.sourceType ? `, source ${d.sourceType}` : ''}
              </>,
            ])}
          />
        </>
      )}
      {((run.loggedModelIds?.length ?? 0) > 0 ||
        (run.inputModelIds?.length ?? 0) > 0) && (
        <>
          <Heading>Logged models</Heading>
          <DetailsTable
            label="Logged models"
            rows={[
              ...(run.loggedModelIds ?? []).map((id): [string, ReactNode] => {
                const model = run.loggedModels?.find(m => m.modelId === id);
                return [
                  id,
                  model ? <LoggedModelFacts model={model} demo={demo} /> : '–',
                ];
              }),
              ...(run.inputModelIds ?? [])
                .filter(id => !run.loggedModelIds?.includes(id))
                .map((id): [string, ReactNode] => [id, 'used as input']),
            ]}
          />
        </>
      )}
      <Heading>Tags</Heading>
      <DetailsTable label="Tags" rows={Object.entries(run.tags)} />
    </>
  );
};

const DialogBody = ({ runId }: { runId: string }) => {
  const { value, loading, error, retry } = useMlflowRun(runId);
  if (error) return <MlopsErrorPanel error={error} onRetry={retry} />;
  if (loading || !value) return <Progress />;
  return <RunDetails run={value.run} demo={value.meta.demo} />;
};

/** Everything MLflow knows about one run, opened from the runs table. */
export const RunDetailsDialog = ({
  runId,
  runName,
  runUrl,
  demo,
  onClose,
}: {
  runId: string;
  runName: string;
  runUrl: string;
  demo?: boolean;
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
      {demo ? (
        <UpstreamLink href={runUrl} demo>
          Open in MLflow (demo)
        </UpstreamLink>
      ) : (
        <Button href={runUrl} target="_blank" rel="noopener noreferrer">
          Open in MLflow
        </Button>
      )}
      <Button onClick={onClose} color="primary">
        Close
      </Button>
    </DialogActions>
  </Dialog>
);
