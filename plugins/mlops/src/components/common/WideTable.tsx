import { ComponentProps } from 'react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  table: { '& th, & td': { whiteSpace: 'nowrap' } },
});

/**
 * A dense table whose cells never wrap: a narrow card scrolls it sideways
 * instead of breaking names and numbers into one character per line.
 */
export const WideTable = (props: ComponentProps<typeof Table>) => {
  const classes = useStyles();
  return (
    <Box overflow="auto">
      <Table size="small" className={classes.table} {...props} />
    </Box>
  );
};
