import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  track: {
    flex: 1,
    minWidth: 60,
    height: 8,
    borderRadius: 4,
    background: theme.palette.action.hover,
    overflow: 'hidden',
  },
  bar: { height: '100%', borderRadius: 4 },
  text: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
}));

/**
 * A labelled gauge (`role="meter"`) with its value as visible text. `warnAbove`
 * and `errorAbove` colour the bar by the fraction of `max`.
 */
export const Meter = ({
  label,
  value,
  max,
  valueText,
  warnAbove = 0.75,
  errorAbove = 0.95,
}: {
  label: string;
  value: number;
  max: number;
  valueText: string;
  warnAbove?: number;
  errorAbove?: number;
}) => {
  const classes = useStyles();
  const fraction = max > 0 ? Math.min(Math.max(value / max, 0), 1) : 0;
  let color = '#2e7d32';
  if (fraction >= errorAbove) color = '#c62828';
  else if (fraction >= warnAbove) color = '#ef6c00';
  return (
    <div
      className={classes.root}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={valueText}
    >
      <div className={classes.track}>
        <div
          className={classes.bar}
          style={{ width: `${fraction * 100}%`, background: color }}
        />
      </div>
      <span className={classes.text}>{valueText}</span>
    </div>
  );
};
