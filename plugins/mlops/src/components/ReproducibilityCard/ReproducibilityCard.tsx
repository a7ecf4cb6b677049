import { useApi } from '@backstage/core-plugin-api';
import { Link, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ChainLink,
  ReproducibilityResponse,
} from '@mlops-portal/plugin-mlops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlopsApiRef } from '../../api';
import {
  MlopsAsyncCard,
  withCardAnnotation,
  formatDuration,
  useMlopsEntityRef,
} from '../common';
import { LineageGraph } from './LineageGraph';
import { StatusMark } from './StatusMark';

const TITLE = 'Reproducibility';

/** `3 h 5 min ago`, or `–` without a time. */
export function ageOf(at: string | undefined, now: number = Date.now()) {
  if (!at) return '–';
  const ms = now - Date.parse(at);
  return Number.isNaN(ms) ? '–' : `${formatDuration(Math.max(ms, 0))} ago`;
}

const columns: TableColumn<ChainLink>[] = [
  { title: 'Link', field: 'title', width: '12%' },
  {
    title: 'Status',
    width: '12%',
    render: link => <StatusMark status={link.status} />,
  },
  {
    title: 'Why',
    render: link =>
      link.url ? <Link to={link.url}>{link.reason}</Link> : link.reason,
  },
  { title: 'Age', width: '14%', render: link => ageOf(link.at) },
];

const ChainView = ({ chain }: { chain: ReproducibilityResponse }) => (
  <>
    <Typography
      variant="h6"
      component="p"
      aria-label="Verdict"
      color={chain.verdict.reproducible ? 'textPrimary' : 'error'}
      gutterBottom
    >
      {/* The mark's word in body text colour: red body-size text fails AA contrast. */}
      <Box component="span" color="text.primary">
        <StatusMark status={chain.verdict.reproducible ? 'ok' : 'failing'} />
      </Box>{' '}
      {chain.verdict.summary}
    </Typography>
    {chain.head && (
      <Typography variant="body2" paragraph>
        Head of {chain.head.branch}:{' '}
        {chain.head.url ? (
          <Link to={chain.head.url}>{chain.head.sha.slice(0, 7)}</Link>
        ) : (
          chain.head.sha.slice(0, 7)
        )}
      </Typography>
    )}
    <Table<ChainLink>
      title="The chain"
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        toolbar: false,
        // Six links in chain order: no sorting or column dragging, whose
        // header buttons nest focusable elements (axe: no-focusable-content).
        sorting: false,
        draggable: false,
      }}
      columns={columns}
      data={chain.links}
    />
    {chain.lineage.map(lineage => (
      <LineageGraph
        key={`${lineage.servedBy}/${lineage.version}`}
        lineage={lineage}
      />
    ))}
  </>
);

// Ends like every card: its body through MlopsAsyncCard, exported behind withCardAnnotation (the shared wiring, called once per card).
const ChainCard = () => {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  const state = useAsyncRetry(
    () => api.getReproducibility(entityRef),
    [api, entityRef],
  );
  return (
    <MlopsAsyncCard title={TITLE} state={state}>
      {chain => <ChainView chain={chain} />}
    </MlopsAsyncCard>
  );
};

/**
 * "Is this model reproducible?": the chain code → GitOps → infrastructure →
 * experiment → data → serving with each link's status, reason, age and deep
 * link, the verdict, and the lineage of the served model versions.
 */
export const ReproducibilityCard = withCardAnnotation(
  'reproducibility',
  TITLE,
  ChainCard,
);
