import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
});

/**
 * The portal's mark: a small neural network (three layers of nodes) in the
 * sidebar's accent colour. Decorative; the link around it carries the name.
 */
export const LogoIcon = () => {
  const classes = useStyles();
  const nodes = {
    input: [6, 16, 26],
    hidden: [11, 21],
    output: [16],
  };
  const stroke = '#7df3e1';
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <g stroke={stroke} strokeWidth={1.5} opacity={0.7}>
        {nodes.input.flatMap(a =>
          nodes.hidden.map(b => (
            <line key={`i${a}-${b}`} x1={5} y1={a} x2={16} y2={b} />
          )),
        )}
        {nodes.hidden.map(b => (
          <line key={`o${b}`} x1={16} y1={b} x2={27} y2={16} />
        ))}
      </g>
      <g fill={stroke}>
        {nodes.input.map(y => (
          <circle key={`n${y}`} cx={5} cy={y} r={3} />
        ))}
        {nodes.hidden.map(y => (
          <circle key={`h${y}`} cx={16} cy={y} r={3} />
        ))}
        <circle cx={27} cy={16} r={3.5} />
      </g>
    </svg>
  );
};
