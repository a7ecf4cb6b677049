import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 10,
    color: '#ffffff',
    whiteSpace: 'nowrap',
  },
  text: { fontSize: 20, fontWeight: 700, letterSpacing: 0.2 },
});

/** The sidebar logo when the sidebar is open: the mark and the portal's name. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <LogoIcon />
      <span className={classes.text}>MLOps Portal</span>
    </span>
  );
};
