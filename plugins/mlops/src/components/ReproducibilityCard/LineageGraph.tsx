import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { LineageNode, ModelLineage } from '@mlops-portal/plugin-mlops-common';
import { StatusMark } from './StatusMark';

const useStyles = makeStyles(theme => ({
  chain: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'stretch',
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
    gap: theme.spacing(1),
  },
  node: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0.5, 1),
    minWidth: 120,
  },
  broken: { borderColor: theme.palette.error.main },
  arrow: { alignSelf: 'center', color: theme.palette.text.secondary },
}));

const KIND: Record<LineageNode['kind'], string> = {
  'model-version': 'model version',
  run: 'MLflow run',
  commit: 'git commit',
  data: 'data',
};

/**
 * The lineage of one served model version as a small graph, left to right:
 * model version → run → commit → the data versions it was trained on.
 */
export const LineageGraph = ({ lineage }: { lineage: ModelLineage }) => {
  const classes = useStyles();
  const name = `${lineage.role} ${lineage.modelName} v${lineage.version}`;
  return (
    <Box component="figure" m={0} mb={2} aria-label={`Lineage of ${name}`}>
      <Typography variant="subtitle2" component="figcaption">
        Lineage of the {name} ({lineage.servedBy})
      </Typography>
      <ol className={classes.chain}>
        {lineage.nodes.map((node, index) => (
          <li
            key={`${node.kind}:${node.id}`}
            style={{ display: 'contents' }}
            aria-label={`${KIND[node.kind]} ${node.label}`}
          >
            {index > 0 && (
              <span className={classes.arrow} aria-hidden>
                →
              </span>
            )}
            <div
              className={`${classes.node} ${
                node.status === 'failing' ? classes.broken : ''
              }`}
            >
              <Typography variant="caption" color="textSecondary">
                {KIND[node.kind]}
              </Typography>
              <Typography variant="body2">
                {node.url ? (
                  <Link to={node.url}>{node.label}</Link>
                ) : (
                  node.label
                )}
              </Typography>
              <StatusMark status={node.status} />
              {node.reason && (
                <Typography variant="caption" display="block">
                  {node.reason}
                </Typography>
              )}
            </div>
          </li>
        ))}
      </ol>
      {Object.keys(lineage.params).length > 0 && (
        <Typography variant="caption" display="block">
          params:{' '}
          {Object.entries(lineage.params)
            .map(([key, value]) => `${key}=${value}`)
            .join(', ')}
        </Typography>
      )}
    </Box>
  );
};
