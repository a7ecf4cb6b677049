import { useState } from 'react';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  DvcParamChange,
  DvcPipelineResponse,
  formatDvcParamValue,
} from '@mlops-portal/plugin-mlops-common';
import {
  formatValue,
  MlopsAsyncCard,
  withCardAnnotation,
  TableHeader,
  WideTable,
} from '../common';
import { DvcPlots } from './DvcPlots';
import { LockStatusBadge } from './LockStatusBadge';
import { StageDetails } from './StageDetails';
import { StageGraph } from './StageGraph';
import { useDvcPipeline } from './useDvcPipeline';

const TITLE = 'DVC pipeline';

/** What dvc.lock recorded for each param that changed since, by `file:key`. */
function lockedParams(
  lock: DvcPipelineResponse['lock'],
): Map<string, DvcParamChange> {
  const changed = new Map<string, DvcParamChange>();
  for (const state of Object.values(lock)) {
    for (const change of state.paramChanges ?? []) {
      changed.set(`${change.file}:${change.key}`, change);
    }
  }
  return changed;
}

const ParamsTable = ({
  params,
  lock,
}: {
  params: DvcPipelineResponse['params'];
  lock: DvcPipelineResponse['lock'];
}) => {
  const changed = lockedParams(lock);
  const rows = Object.entries(params).flatMap(([file, values]) =>
    Object.entries(values).map(([key, value]) => ({
      file,
      key,
      value,
      change: changed.get(`${file}:${key}`),
    })),
  );
  if (rows.length === 0) {
    return <Typography variant="body2">No params.</Typography>;
  }
  return (
    <WideTable aria-label="Pipeline params">
      <TableHeader columns={['File', 'Param', 'Value']} />
      <TableBody>
        {rows.map(row => (
          <TableRow key={`${row.file}:${row.key}`}>
            <TableCell>{row.file}</TableCell>
            <TableCell>{row.key}</TableCell>
            {/* Shown as written in params.yaml (a seed of 20170428 is not "20.2M"). */}
            <TableCell>
              {formatDvcParamValue(row.value)}
              {row.change && 'locked' in row.change && (
                <Typography variant="caption" display="block">
                  dvc.lock: {formatDvcParamValue(row.change.locked)} (stale)
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </WideTable>
  );
};

const MetricsTable = ({
  metrics,
}: {
  metrics: DvcPipelineResponse['metrics'];
}) => {
  if (metrics.length === 0) {
    return (
      <Typography variant="body2">
        No committed metrics files. DVC metrics appear here once committed.
      </Typography>
    );
  }
  return (
    <WideTable aria-label="Pipeline metrics">
      <TableHeader
        columns={['File', 'Metric', { label: 'Value', align: 'right' }]}
      />
      <TableBody>
        {metrics.flatMap(file =>
          Object.entries(file.values).map(([key, value]) => (
            <TableRow key={`${file.path}:${key}`}>
              <TableCell>{file.path}</TableCell>
              <TableCell>{key}</TableCell>
              <TableCell align="right">{formatValue(value)}</TableCell>
            </TableRow>
          )),
        )}
      </TableBody>
    </WideTable>
  );
};

const PipelineView = ({ pipeline }: { pipeline: DvcPipelineResponse }) => {
  const [selected, setSelected] = useState<string | undefined>();
  const stage = pipeline.stages.find(s => s.name === selected);
  if (pipeline.stages.length === 0) {
    return (
      <Typography variant="body2">
        {pipeline.pipelinePath} declares no stages.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      {!pipeline.lockFileFound && (
        <Grid item xs={12}>
          <Alert severity="info">
            No dvc.lock next to {pipeline.pipelinePath}: no stage has been run
            and committed yet.
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        <StageGraph
          pipeline={pipeline}
          selected={selected}
          onSelect={setSelected}
        />
      </Grid>
      <Grid item xs={12} md={stage ? 6 : 12}>
        <WideTable aria-label="Pipeline stages">
          <TableHeader columns={['Stage', 'Lock status', 'Why']} />
          <TableBody>
            {pipeline.stages.map(s => {
              const lock = pipeline.lock[s.name];
              return (
                <TableRow key={s.name} selected={s.name === selected}>
                  <TableCell>
                    <Link
                      component="button"
                      variant="body2"
                      onClick={() => setSelected(s.name)}
                      aria-label={`Show stage ${s.name}`}
                    >
                      {s.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {lock ? <LockStatusBadge status={lock.status} /> : '–'}
                  </TableCell>
                  <TableCell>{lock?.reasons.join('; ') || '–'}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </WideTable>
      </Grid>
      {stage && (
        <Grid item xs={12} md={6}>
          <StageDetails stage={stage} lock={pipeline.lock[stage.name]} />
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <Typography variant="subtitle1" component="h3">
          Params
        </Typography>
        <ParamsTable params={pipeline.params} lock={pipeline.lock} />
      </Grid>
      <Grid item xs={12} md={6}>
        <Typography variant="subtitle1" component="h3">
          Metrics
        </Typography>
        <MetricsTable metrics={pipeline.metrics} />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="subtitle1" component="h3">
          Plots
        </Typography>
        <DvcPlots plots={pipeline.plots ?? []} />
      </Grid>
    </Grid>
  );
};

const PipelineCard = () => {
  const state = useDvcPipeline();
  return (
    <MlopsAsyncCard
      title={TITLE}
      state={state}
      link={p =>
        p.sourceUrl
          ? { title: `Open ${p.pipelinePath}`, url: p.sourceUrl }
          : undefined
      }
    >
      {pipeline => <PipelineView pipeline={pipeline} />}
    </MlopsAsyncCard>
  );
};

/**
 * The entity's DVC pipeline: the stage graph, each stage's lock state, stage
 * details on click, params, metrics and the declared plots.
 */
export const DvcPipelineCard = withCardAnnotation(
  'dvcPipeline',
  TITLE,
  PipelineCard,
);
