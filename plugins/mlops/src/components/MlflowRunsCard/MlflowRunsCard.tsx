import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  MlflowRunsResponse,
  MlflowRunSummary,
} from '@mlops-portal/plugin-mlops-common';
import {
  experimentLink,
  withCardAnnotation,
  MlopsAsyncCard,
  useStableHeight,
} from '../common';
import { BarChart } from '../charts/BarChart';
import { CompareRuns } from './CompareRuns';
import { KeyPicker } from './KeyPicker';
import { MetricHistoryChart } from './MetricHistoryChart';
import { RunDetailsDialog } from './RunDetailsDialog';
import { RunsFilterBar } from './RunsFilterBar';
import { RunsTable } from './RunsTable';
import { useMlflowRuns } from './useMlflowRuns';

const TITLE = 'MLflow runs';
const union = (a: string[], b: string[] = []) => [...new Set([...a, ...b])];

/** The current time, ticking every second while `live` (a run is running). */
function useNow(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  return now;
}

const RunsView = ({
  page,
  runs,
}: {
  page: MlflowRunsResponse;
  runs: ReturnType<typeof useMlflowRuns>;
}) => {
  const paramKeys = union(page.paramKeys, runs.chosenParams);
  const metricKeys = union(page.metricKeys, runs.chosenMetrics);
  const params = runs.chosenParams ?? page.paramKeys.slice(0, 3);
  const metrics = runs.chosenMetrics ?? page.metricKeys.slice(0, 4);
  const [chartMetric, setChartMetric] = useState<string | undefined>();
  // Nothing is ticked until the user ticks runs to compare.
  const [comparedRuns, setCompared] = useState<MlflowRunSummary[]>([]);
  const [openRun, setOpenRun] = useState<MlflowRunSummary | undefined>();
  const stable = useStableHeight<HTMLDivElement>();
  const now = useNow(page.runs.some(r => r.status === 'RUNNING'));

  const metric =
    chartMetric && metricKeys.includes(chartMetric)
      ? chartMetric
      : metrics[0] ?? metricKeys[0];
  const toggleCompare = (runId: string) => {
    const run = page.runs.find(r => r.runId === runId);
    if (!run) return;
    setCompared(
      comparedRuns.some(r => r.runId === runId)
        ? comparedRuns.filter(r => r.runId !== runId)
        : [...comparedRuns, run],
    );
  };

  const searching = Boolean(runs.filter || runs.status);
  const filterBar = (
    <RunsFilterBar
      filter={runs.filter}
      filterError={runs.filterError}
      onFilter={runs.setFilter}
      status={runs.status}
      onStatus={runs.setStatus}
      pageSize={runs.pageSize}
      onPageSize={runs.setPageSize}
    />
  );

  if (page.runs.length === 0 && runs.page === 1) {
    return searching ? (
      <>
        {filterBar}
        <Typography variant="body2">No run matches this search.</Typography>
      </>
    ) : (
      <Typography variant="body2">
        No runs in this experiment yet. Runs logged to MLflow appear here.
      </Typography>
    );
  }

  return (
    <div ref={stable.ref} style={stable.style}>
      {filterBar}
      <Box display="flex" flexWrap="wrap" mb={1}>
        {/* One picker per column kind, params then metrics: parallel on purpose. */}
        <KeyPicker
          id="mlflow-param-columns"
          label="Param columns"
          keys={paramKeys}
          multiple
          value={params}
          onChange={value => runs.chooseColumns({ params: value })}
        />
        <KeyPicker
          id="mlflow-metric-columns"
          label="Metric columns"
          keys={metricKeys}
          multiple
          value={metrics}
          onChange={value => runs.chooseColumns({ metrics: value })}
        />
        {metric && (
          <KeyPicker
            id="mlflow-chart-metric"
            label="Charted metric"
            keys={metricKeys}
            value={metric}
            onChange={setChartMetric}
          />
        )}
      </Box>
      <RunsTable
        runs={page.runs}
        params={params}
        metrics={metrics}
        orderBy={runs.orderBy}
        order={runs.order}
        onSort={runs.sortBy}
        compared={comparedRuns.map(r => r.runId)}
        onToggleCompare={toggleCompare}
        onOpenRun={runId => setOpenRun(page.runs.find(r => r.runId === runId))}
        demo={page.meta.demo}
        now={now}
      />
      <Box display="flex" alignItems="center" justifyContent="flex-end" mt={1}>
        <Typography variant="body2" aria-live="polite">
          Page {runs.page} · {page.runs.length} run
          {page.runs.length === 1 ? '' : 's'}
          {runs.hasNext ? ', more on the next pages' : ''}
        </Typography>
        {(
          [
            ['Previous page', runs.hasPrevious, runs.previousPage],
            ['Next page', runs.hasNext, runs.nextPage],
          ] as const
        ).map(([label, enabled, go]) => (
          <Button
            key={label}
            size="small"
            disabled={!enabled || runs.loading}
            onClick={go}
          >
            {label}
          </Button>
        ))}
      </Box>
      {metric && (
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2" component="h3">
              {metric} across runs (this page)
            </Typography>
            <BarChart
              title={`${metric} of each run on this page`}
              itemLabel="run"
              valueLabel={metric}
              bars={page.runs.flatMap(r => {
                const value = r.metrics[metric];
                // NaN and ±∞ have no bar; the table shows them.
                return typeof value === 'number'
                  ? [{ label: r.runName, value }]
                  : [];
              })}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2" component="h3">
              {metric} history of the compared runs
            </Typography>
            <MetricHistoryChart runs={comparedRuns} metric={metric} />
          </Grid>
        </Grid>
      )}
      {comparedRuns.length >= 2 && (
        <Box mt={2}>
          <CompareRuns runs={comparedRuns} />
        </Box>
      )}
      {openRun && (
        <RunDetailsDialog
          runId={openRun.runId}
          runName={openRun.runName}
          runUrl={openRun.runUrl}
          demo={page.meta.demo}
          onClose={() => setOpenRun(undefined)}
        />
      )}
    </div>
  );
};

const RunsCard = ({ pageSize = 10 }: { pageSize?: number }) => {
  const runs = useMlflowRuns(pageSize);
  return (
    <MlopsAsyncCard title={TITLE} state={runs} link={experimentLink}>
      {page => <RunsView page={page} runs={runs} />}
    </MlopsAsyncCard>
  );
};

/**
 * Runs of the entity's MLflow experiment: a server-side sorted and paginated
 * table, a chart of a metric across runs and a metric history comparison.
 */
export const MlflowRunsCard = withCardAnnotation('mlflowRuns', TITLE, RunsCard);
