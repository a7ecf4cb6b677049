import Grid from '@material-ui/core/Grid';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DvcPlot } from '@mlops-portal/plugin-mlops-common';
import { LineChart } from '../charts/LineChart';
import { formatNumber, WideTable } from '../common';

const titleOf = (plot: DvcPlot) => plot.title ?? plot.path;

/** A `confusion` plot as DVC's template shows it: actual in rows, predicted in columns. */
const ConfusionMatrix = ({
  plot,
  confusion,
}: {
  plot: DvcPlot;
  confusion: NonNullable<DvcPlot['confusion']>;
}) => (
  <WideTable aria-label={`Confusion matrix ${titleOf(plot)}`}>
    <TableHead>
      <TableRow>
        <TableCell>
          {plot.x} \ {plot.y}
        </TableCell>
        {confusion.labels.map(label => (
          <TableCell key={label} align="right">
            {label}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
    <TableBody>
      {confusion.labels.map((actual, i) => (
        <TableRow key={actual}>
          <TableCell component="th" scope="row">
            {actual}
          </TableCell>
          {confusion.counts[i].map((count, j) => (
            <TableCell key={confusion.labels[j]} align="right">
              {formatNumber(count)}
            </TableCell>
          ))}
        </TableRow>
      ))}
    </TableBody>
  </WideTable>
);

const PlotView = ({ plot }: { plot: DvcPlot }) => {
  if (plot.error) return <Alert severity="info">{plot.error}</Alert>;
  if (plot.confusion) {
    return <ConfusionMatrix plot={plot} confusion={plot.confusion} />;
  }
  if (plot.points?.length) {
    const xLabel = plot.xLabel ?? plot.x ?? 'step';
    const yLabel = plot.yLabel ?? plot.y ?? '';
    return (
      <LineChart
        title={`${titleOf(plot)}: ${yLabel} against ${xLabel}`}
        xLabel={xLabel}
        yLabel={yLabel}
        series={[{ name: yLabel, points: plot.points }]}
      />
    );
  }
  return <Alert severity="info">{plot.path} has no points to draw.</Alert>;
};

/** The plots the pipeline declares, drawn from the files in the repository. */
export const DvcPlots = ({ plots }: { plots: DvcPlot[] }) => {
  if (plots.length === 0) {
    return (
      <Typography variant="body2">The pipeline declares no plots.</Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      {plots.map(plot => (
        <Grid item xs={12} md={6} key={plot.path}>
          <section aria-label={`Plot ${titleOf(plot)}`}>
            <Typography variant="body2" component="h4" gutterBottom>
              {titleOf(plot)}
              {plot.stage && (
                <Typography variant="caption" component="span">
                  {' '}
                  (stage {plot.stage})
                </Typography>
              )}
            </Typography>
            <PlotView plot={plot} />
          </section>
        </Grid>
      ))}
    </Grid>
  );
};
