import { MlflowRunStatus } from '@mlops-portal/plugin-mlops-common';
import { StatusKind, StatusText } from '../common';

const KINDS = new Map<string, StatusKind>([
  ['FINISHED', 'ok'],
  ['FAILED', 'error'],
  ['KILLED', 'aborted'],
  ['RUNNING', 'running'],
]);

/** An MLflow run status as a Backstage status indicator with its text. */
export const RunStatus = ({ status }: { status: MlflowRunStatus }) => (
  <StatusText kind={KINDS.get(status) ?? 'pending'}>
    {status.toLocaleLowerCase('en-US')}
  </StatusText>
);
