import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ChainLinkStatus } from '@mlops-portal/plugin-mlops-common';

/** A link's or node's status as Backstage's status mark with its word. */
export const StatusMark = ({ status }: { status: ChainLinkStatus }) => {
  switch (status) {
    case 'ok':
      return <StatusOK>ok</StatusOK>;
    case 'warning':
      return <StatusWarning>warning</StatusWarning>;
    case 'failing':
      return <StatusError>failing</StatusError>;
    default:
      return <StatusPending>unknown</StatusPending>;
  }
};
