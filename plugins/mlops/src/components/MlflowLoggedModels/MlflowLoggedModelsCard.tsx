import { useState } from 'react';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  latestLoggedModelMetrics,
  MlflowLoggedModelsResponse,
} from '@mlops-portal/plugin-mlops-common';
// Much the same parts of ../common as MlflowModelCard: both are tables of MLflow records in a card.
import {
  experimentLink,
  formatNumber,
  formatTime,
  menuItems,
  MlopsAsyncCard,
  TableHeader,
  UpstreamLink,
  WideTable,
  withCardAnnotation,
} from '../common';
import { LoggedModelLink, loggedModelParamsText } from './LoggedModelFacts';
import { useMlflowLoggedModels } from './useMlflowLoggedModels';

const TITLE = 'Logged models';
const NEWEST = '';

const LoggedModelsTable = ({ page }: { page: MlflowLoggedModelsResponse }) => {
  const demo = page.meta.demo;
  if (!page.supported) {
    return (
      <Typography variant="body2">
        This MLflow server has no LoggedModels: they arrived with MLflow 3. Runs
        and registered model versions are shown as usual.
      </Typography>
    );
  }
  if (page.models.length === 0) {
    return (
      <Typography variant="body2">
        No LoggedModels in this experiment yet.
      </Typography>
    );
  }
  return (
    <WideTable aria-label="LoggedModels of the experiment">
      <TableHeader
        columns={[
          'Model',
          'Status',
          'Created',
          'Source run',
          ...page.metricKeys.map(key => ({
            label: key,
            align: 'right' as const,
          })),
          'Params',
        ]}
      />
      <TableBody>
        {page.models.map(model => {
          const metrics = latestLoggedModelMetrics(model.metrics);
          return (
            <TableRow key={model.modelId}>
              <TableCell>
                <LoggedModelLink model={model} demo={demo} />
              </TableCell>
              <TableCell>
                {model.status?.replace(/^LOGGED_MODEL_/, '').toLowerCase() ??
                  '–'}
              </TableCell>
              <TableCell>{formatTime(model.creationTime)}</TableCell>
              <TableCell>
                {model.sourceRunId && model.sourceRunUrl ? (
                  <UpstreamLink href={model.sourceRunUrl} demo={demo}>
                    <code>{model.sourceRunId.slice(0, 8)}</code>
                  </UpstreamLink>
                ) : (
                  '–'
                )}
              </TableCell>
              {page.metricKeys.map(key => (
                <TableCell key={key} align="right">
                  {formatNumber(metrics[key])}
                </TableCell>
              ))}
              <TableCell>{loggedModelParamsText(model)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </WideTable>
  );
};

const LoggedModelsCard = () => {
  const [orderBy, setOrderBy] = useState(NEWEST);
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const state = useMlflowLoggedModels({
    ...(orderBy ? { orderBy: `metrics.${orderBy}`, order } : {}),
  });
  // Keys seen so far stay choosable while another order loads.
  const [keys, setKeys] = useState<string[]>([]);
  const seen = state.value?.metricKeys ?? [];
  if (seen.some(k => !keys.includes(k))) {
    setKeys([...new Set([...keys, ...seen])].sort());
  }
  return (
    <MlopsAsyncCard title={TITLE} state={state} link={experimentLink}>
      {page => (
        <>
          {page.supported && keys.length > 0 && (
            <Box display="flex" mb={1} style={{ gap: 16 }}>
              <FormControl size="small">
                <InputLabel id="logged-models-order-by" shrink>
                  Order by
                </InputLabel>
                <Select
                  labelId="logged-models-order-by"
                  displayEmpty
                  value={orderBy}
                  onChange={e => setOrderBy(String(e.target.value))}
                >
                  <MenuItem value={NEWEST}>newest first</MenuItem>
                  {menuItems(keys)}
                </Select>
              </FormControl>
              {orderBy !== NEWEST && (
                <FormControl size="small">
                  <InputLabel id="logged-models-order">Direction</InputLabel>
                  <Select
                    labelId="logged-models-order"
                    value={order}
                    onChange={e =>
                      setOrder(e.target.value === 'asc' ? 'asc' : 'desc')
                    }
                  >
                    <MenuItem value="desc">highest first</MenuItem>
                    <MenuItem value="asc">lowest first</MenuItem>
                  </Select>
                </FormControl>
              )}
            </Box>
          )}
          <LoggedModelsTable page={page} />
        </>
      )}
    </MlopsAsyncCard>
  );
};

/**
 * The experiment's MLflow 3 LoggedModels: status, source run, the latest
 * value of each metric (NaN and ∞ as MLflow stores them) and params, ordered
 * by MLflow by a chosen metric. On MLflow 2.x servers it says they have none.
 */
export const MlflowLoggedModelsCard = withCardAnnotation(
  'mlflowRuns',
  TITLE,
  LoggedModelsCard,
);
