import Chip from '@material-ui/core/Chip';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  CanaryRollout,
  MlflowModelResponse,
} from '@mlops-portal/plugin-mlops-common';
import {
  formatTime,
  MlopsAsyncCard,
  TableHeader,
  UpstreamLink,
  WideTable,
  withCardAnnotation,
} from '../common';
import { LoggedModelFacts } from '../MlflowLoggedModels/LoggedModelFacts';
import {
  namesVersion,
  useMlflowModel,
  useServingRollouts,
} from './useMlflowModel';

const TITLE = 'Model registry';

const useStyles = makeStyles(theme => ({
  serving: {
    background: theme.palette.type === 'dark' ? '#1b3a24' : '#e8f5e9',
  },
  chip: { margin: theme.spacing(0.25, 0.5, 0.25, 0) },
}));

const VersionsTable = ({
  model,
  rollouts,
}: {
  model: MlflowModelResponse;
  rollouts: CanaryRollout[];
}) => {
  const classes = useStyles();
  const demo = model.meta.demo;
  if (model.versions.length === 0) {
    return <Typography variant="body2">No versions registered yet.</Typography>;
  }
  // MLflow 3 registers versions from LoggedModels; 2.x servers have none.
  const fromLoggedModels = model.versions.some(v => v.loggedModelId);
  return (
    <>
      {model.model.description && (
        <Typography variant="body2" paragraph>
          {model.model.description}
        </Typography>
      )}
      <WideTable aria-label={`Versions of ${model.model.name}`}>
        <TableHeader
          columns={[
            'Version',
            'Aliases / stage',
            'Status',
            'Created',
            'Source run',
            fromLoggedModels && 'LoggedModel',
          ]}
        />
        <TableBody>
          {model.versions.map(version => {
            const serving = rollouts.filter(r =>
              namesVersion(r.modelVersion!, version.version),
            );
            return (
              <TableRow
                key={version.version}
                className={serving.length ? classes.serving : undefined}
                data-serving={serving.length > 0}
              >
                <TableCell>
                  <UpstreamLink href={version.versionUrl} demo={demo}>
                    Version {version.version}
                  </UpstreamLink>
                  {Object.keys(version.tags ?? {}).length > 0 && (
                    <Typography
                      variant="caption"
                      component="div"
                      color="textSecondary"
                      aria-label={`Tags of version ${version.version}`}
                    >
                      {Object.entries(version.tags!)
                        .map(([key, value]) => `${key}=${value}`)
                        .join(', ')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {version.aliases.map(alias => (
                    <Chip
                      key={alias}
                      className={classes.chip}
                      size="small"
                      color="primary"
                      label={`@${alias}`}
                    />
                  ))}
                  {version.stage && version.stage !== 'None' && (
                    <Chip
                      className={classes.chip}
                      size="small"
                      variant="outlined"
                      label={version.stage}
                    />
                  )}
                  {serving.map(r => (
                    <Chip
                      key={`${r.cluster}/${r.namespace}/${r.name}`}
                      className={classes.chip}
                      size="small"
                      style={{ background: '#2e7d32', color: '#fff' }}
                      label={`serving in canary ${r.name} (${r.currentWeight}%)`}
                    />
                  ))}
                </TableCell>
                <TableCell>{version.status ?? '–'}</TableCell>
                <TableCell>{formatTime(version.creationTime)}</TableCell>
                <TableCell>
                  {version.runId && version.runUrl ? (
                    <UpstreamLink href={version.runUrl} demo={demo}>
                      <code>{version.runId.slice(0, 8)}</code>
                    </UpstreamLink>
                  ) : (
                    version.runId?.slice(0, 8) ?? '–'
                  )}
                </TableCell>
                {fromLoggedModels && (
                  <TableCell>
                    {version.loggedModel ? (
                      <LoggedModelFacts
                        model={version.loggedModel}
                        demo={demo}
                      />
                    ) : (
                      <code>{version.loggedModelId ?? '–'}</code>
                    )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </WideTable>
    </>
  );
};

const ModelCard = () => {
  const state = useMlflowModel();
  const rollouts = useServingRollouts();
  return (
    <MlopsAsyncCard
      title={TITLE}
      state={state}
      link={model => ({
        title: 'Open the model in MLflow',
        url: model.modelUrl,
      })}
    >
      {model => <VersionsTable model={model} rollouts={rollouts} />}
    </MlopsAsyncCard>
  );
};

/**
 * Versions of the entity's registered model with their aliases (and the
 * stage where the server still uses stages), creation time, source run
 * (linked through the run's own experiment) and, on MLflow 3, the
 * LoggedModel each was registered from; the version a canary serves is
 * highlighted.
 */
export const MlflowModelCard = withCardAnnotation(
  'mlflowModel',
  TITLE,
  ModelCard,
);
