import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import { MlflowRunSummary } from '@mlops-portal/plugin-mlops-common';
import { MlopsErrorPanel } from '../common';
import { LineChart } from '../charts/LineChart';
import { useMetricHistories } from './useMetricHistories';

/** One metric's history (value per step) for the compared runs. */
export const MetricHistoryChart = ({
  runs,
  metric,
}: {
  runs: MlflowRunSummary[];
  metric: string;
}) => {
  const { value, loading, error } = useMetricHistories(
    runs.map(r => r.runId),
    metric,
  );
  if (runs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Tick two or more runs to compare the history of {metric}.
      </Typography>
    );
  }
  if (error) return <MlopsErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  const nameOf = (runId: string) =>
    runs.find(r => r.runId === runId)?.runName ?? runId;
  return (
    <LineChart
      title={`History of ${metric} per step for ${runs
        .map(r => r.runName)
        .join(', ')}`}
      xLabel="step"
      yLabel={metric}
      series={value.map(history => ({
        name: nameOf(history.runId),
        // NaN and ±∞ (a diverged loss) cannot be plotted: the chart leaves them out.
        points: history.points.flatMap(p =>
          typeof p.value === 'number' ? [{ x: p.step, y: p.value }] : [],
        ),
      }))}
    />
  );
};
