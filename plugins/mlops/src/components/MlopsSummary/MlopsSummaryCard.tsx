import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { mlopsApiRef } from '../../api';
import { DemoBadge, MlopsErrorPanel } from '../common';
import { isDemo, loadProjectData } from './projectData';
import { projectFacts } from './ProjectFacts';

/**
 * The ML project at a glance, for the entity's Overview tab: latest run,
 * the champion model version, canaries and GPUs held, with a link to the
 * MLOps tab.
 */
export const MlopsSummaryCard = () => {
  const { entity } = useEntity();
  const api = useApi(mlopsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const state = useAsyncRetry(
    () => loadProjectData(api, entity, 1),
    [api, entity],
  );
  const data = state.value;
  return (
    <InfoCard
      title="MLOps summary"
      action={
        data && isDemo(data) ? (
          <DemoBadge meta={{ demo: true, fetchedAt: '' }} />
        ) : undefined
      }
      deepLink={{
        title: 'Open the MLOps tab',
        link: `${entityRoute(entityRouteParams(entity))}/mlops`,
      }}
    >
      {state.error && (
        <MlopsErrorPanel error={state.error} onRetry={state.retry} />
      )}
      {!data && state.loading && (
        <Progress aria-label="Loading MLOps summary" />
      )}
      {data && (
        <Table size="small" aria-label="MLOps summary">
          <TableBody>
            {projectFacts(data).map(fact => (
              <TableRow key={fact.label}>
                <TableCell component="th" scope="row" style={{ width: 120 }}>
                  {fact.label}
                </TableCell>
                <TableCell>{fact.value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
};
