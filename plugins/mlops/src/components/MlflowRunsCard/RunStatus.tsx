import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import { MlflowRunStatus } from '@mlops-portal/plugin-mlops-common';

/** An MLflow run status as a Backstage status indicator with its text. */
export const RunStatus = ({ status }: { status: MlflowRunStatus }) => {
  const text = status.toLocaleLowerCase('en-US');
  switch (status) {
    case 'FINISHED':
      return <StatusOK>{text}</StatusOK>;
    case 'FAILED':
      return <StatusError>{text}</StatusError>;
    case 'KILLED':
      return <StatusAborted>{text}</StatusAborted>;
    case 'RUNNING':
      return <StatusRunning>{text}</StatusRunning>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
};
