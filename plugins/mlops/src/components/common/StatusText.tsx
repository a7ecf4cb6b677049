import { ReactNode } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';

const MARKS = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  aborted: StatusAborted,
  running: StatusRunning,
  pending: StatusPending,
};

/** The Backstage status marks the cards show. */
export type StatusKind = keyof typeof MARKS;

/** `children` behind Backstage's status mark of `kind`: the one place a card's status word gets its mark. */
export const StatusText = ({
  kind,
  children,
}: {
  kind: StatusKind;
  children: ReactNode;
}) => {
  const Mark = MARKS[kind];
  return <Mark>{children}</Mark>;
};
