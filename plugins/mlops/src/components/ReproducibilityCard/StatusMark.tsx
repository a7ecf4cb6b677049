import { ChainLinkStatus } from '@mlops-portal/plugin-mlops-common';
import { StatusKind, StatusText } from '../common';

const KINDS = new Map<string, StatusKind>([
  ['ok', 'ok'],
  ['warning', 'warning'],
  ['failing', 'error'],
]);

/** A link's or node's status as Backstage's status mark with its word. */
export const StatusMark = ({ status }: { status: ChainLinkStatus }) => {
  const kind = KINDS.get(status);
  return kind ? (
    <StatusText kind={kind}>{status}</StatusText>
  ) : (
    <StatusText kind="pending">unknown</StatusText>
  );
};
