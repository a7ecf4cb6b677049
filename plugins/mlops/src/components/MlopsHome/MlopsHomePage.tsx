import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  Header,
  InfoCard,
  Link as RouterLink,
  LinkButton,
  Page,
  Progress,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { PhaseChip } from '../CanaryCard/PhaseChip';
import { RunStatus } from '../MlflowRunsCard/RunStatus';
import {
  DemoBadge,
  formatNumber,
  formatTime,
  Meter,
  MlopsErrorPanel,
  TableColumn,
  TableHeader,
  WideTable,
} from '../common';
import { projectFacts } from '../MlopsSummary/ProjectFacts';
import { isDemo, ProjectData, valueOf } from '../MlopsSummary/projectData';
import { useMlProjects } from './useMlProjects';

const titleOf = (data: ProjectData) =>
  data.entity.metadata.title ?? data.entity.metadata.name;

const Empty = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" color="textSecondary">
    {children}
  </Typography>
);

function useEntityLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (data: ProjectData, tab = '') =>
    `${entityRoute(entityRouteParams(data.entity))}${tab}`;
}

const ProjectsCard = ({
  projects,
  onlyOwn,
}: {
  projects: ProjectData[];
  onlyOwn: boolean;
}) => {
  const link = useEntityLink();
  const facts = projects.map(data => projectFacts(data, true));
  const labels = [...new Set(facts.flatMap(f => f.map(x => x.label)))];
  return (
    <InfoCard
      title={onlyOwn ? 'Your ML projects' : 'ML projects'}
      subheader={
        onlyOwn
          ? 'Owned by you or one of your teams'
          : 'You own none yet: every ML project in the catalog'
      }
    >
      {projects.length === 0 ? (
        <Empty>
          No ML projects in the catalog yet. Create one with the button above.
        </Empty>
      ) : (
        <WideTable aria-label="ML projects">
          <TableHeader columns={['Project', ...labels]} />
          <TableBody>
            {projects.map((data, i) => (
              <TableRow key={data.entity.metadata.uid ?? titleOf(data)}>
                <TableCell>
                  <RouterLink to={link(data, '/mlops')}>
                    {titleOf(data)}
                  </RouterLink>
                  {isDemo(data) && (
                    <Box component="span" ml={1}>
                      <DemoBadge meta={{ demo: true, fetchedAt: '' }} />
                    </Box>
                  )}
                </TableCell>
                {labels.map(label => (
                  <TableCell key={label}>
                    {facts[i].find(f => f.label === label)?.value ?? '–'}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </WideTable>
      )}
    </InfoCard>
  );
};

/** A card of the home page: `rows` in a table named by its title, or `empty` when there are none. */
function TableCard<T>({
  title,
  empty,
  head,
  rows,
  row,
}: {
  title: string;
  empty: string;
  head: TableColumn[];
  rows: T[];
  row: (item: T) => ReactNode;
}) {
  return (
    <InfoCard title={title}>
      {rows.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <WideTable aria-label={title}>
          <TableHeader columns={head} />
          <TableBody>{rows.map(row)}</TableBody>
        </WideTable>
      )}
    </InfoCard>
  );
}

const RecentRunsCard = ({ projects }: { projects: ProjectData[] }) => {
  const link = useEntityLink();
  const runs = projects
    .flatMap(data =>
      (valueOf(data.runs)?.runs ?? []).map(run => ({ run, data })),
    )
    .sort((a, b) => (b.run.startTime ?? 0) - (a.run.startTime ?? 0))
    .slice(0, 8);
  return (
    <TableCard
      title="Recent runs"
      empty="No MLflow runs yet."
      head={['Run', 'Project', 'Status', 'Started', 'Metric']}
      rows={runs}
      row={({ run, data }) => {
        const [metric] = Object.keys(run.metrics);
        return (
          <TableRow key={run.runId}>
            <TableCell>{run.runName}</TableCell>
            <TableCell>
              <RouterLink to={link(data, '/mlops')}>{titleOf(data)}</RouterLink>
            </TableCell>
            <TableCell>
              <RunStatus status={run.status} />
            </TableCell>
            <TableCell>{formatTime(run.startTime)}</TableCell>
            <TableCell>
              {metric ? `${metric} ${formatNumber(run.metrics[metric])}` : '–'}
            </TableCell>
          </TableRow>
        );
      }}
    />
  );
};

const CanaryModelsCard = ({ projects }: { projects: ProjectData[] }) => {
  const rollouts = projects.flatMap(data =>
    (valueOf(data.canary)?.rollouts ?? []).map(rollout => ({ rollout, data })),
  );
  return (
    <TableCard
      title="Models in canary"
      empty="No canary rollouts."
      head={[
        'Rollout',
        'Model version',
        'Phase',
        { label: 'Traffic', align: 'right' },
        'Cluster',
      ]}
      rows={rollouts}
      row={({ rollout }) => (
        <TableRow
          key={`${rollout.cluster}/${rollout.namespace}/${rollout.name}`}
        >
          <TableCell>{rollout.name}</TableCell>
          <TableCell>{rollout.modelVersion ?? '–'}</TableCell>
          <TableCell>
            <PhaseChip phase={rollout.phase} />
          </TableCell>
          <TableCell align="right">{rollout.currentWeight}%</TableCell>
          <TableCell>{rollout.cluster}</TableCell>
        </TableRow>
      )}
    />
  );
};

const GpuCard = ({ projects }: { projects: ProjectData[] }) => {
  const rows = projects.flatMap(data =>
    (valueOf(data.gpu)?.clusters ?? [])
      .filter(c => !c.error)
      .map(cluster => ({ cluster, data })),
  );
  return (
    <TableCard
      title="GPU use"
      empty="No GPU clusters configured."
      head={[
        'Cluster',
        'Project',
        { label: 'Held', align: 'right' },
        { label: 'Idle', align: 'right' },
        { label: 'Cluster allocated', minWidth: 180 },
      ]}
      rows={rows}
      row={({ cluster, data }) => (
        <TableRow key={`${titleOf(data)}/${cluster.cluster}`}>
          <TableCell>{cluster.cluster}</TableCell>
          <TableCell>{titleOf(data)}</TableCell>
          <TableCell align="right">
            {cluster.totals.requestedByEntity}
          </TableCell>
          <TableCell align="right">{cluster.totals.idleAllocated}</TableCell>
          <TableCell>
            <Meter
              label={`GPUs allocated on ${cluster.cluster}`}
              value={cluster.totals.allocated}
              max={cluster.totals.capacity}
              valueText={`${cluster.totals.allocated} of ${cluster.totals.capacity} GPUs`}
              warnAbove={0.9}
              errorAbove={1}
            />
          </TableCell>
        </TableRow>
      )}
    />
  );
};

/**
 * The portal's home page for ML engineers: their ML projects at a glance,
 * recent runs, models in canary, GPU use, and "Create new ML project".
 */
export const MlopsHomePage = ({
  title = 'MLOps Portal',
  createProjectPath = '/create/templates/default/mlops-platform-versioning',
  onboardRepoPath = '/create/templates/default/onboard-ml-repo',
}: {
  title?: string;
  /** The "Create new ML project" template's page. */
  createProjectPath?: string;
  /** The "Onboard an existing ML repo" template's page. */
  onboardRepoPath?: string;
}) => {
  const state = useMlProjects();
  const projects = state.value?.projects ?? [];
  return (
    <Page themeId="home">
      <Header
        title={title}
        subtitle="ML projects, their runs, models in canary and GPU use"
      />
      <Content>
        <Box display="flex" flexWrap="wrap" alignItems="center" mb={3}>
          <LinkButton
            variant="contained"
            color="primary"
            to={createProjectPath}
          >
            Create new ML project
          </LinkButton>
          <Box ml={2}>
            <LinkButton variant="outlined" to={onboardRepoPath}>
              Onboard an existing ML repo
            </LinkButton>
          </Box>
          <Box ml={2}>
            <RouterLink to="/catalog">Browse the catalog</RouterLink>
          </Box>
        </Box>
        {state.error && (
          <MlopsErrorPanel error={state.error} onRetry={state.retry} />
        )}
        {state.loading && !state.value && (
          <Progress aria-label="Loading ML projects" />
        )}
        {state.value && (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <ProjectsCard projects={projects} onlyOwn={state.value.onlyOwn} />
            </Grid>
            {/* Full rows: at 1440 px half a row cuts these tables' columns. */}
            <Grid item xs={12}>
              <RecentRunsCard projects={projects} />
            </Grid>
            <Grid item xs={12}>
              <CanaryModelsCard projects={projects} />
            </Grid>
            <Grid item xs={12}>
              <GpuCard projects={projects} />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
};
