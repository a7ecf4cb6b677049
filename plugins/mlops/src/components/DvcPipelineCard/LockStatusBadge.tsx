import Chip from '@material-ui/core/Chip';
import { DvcLockStatus } from '@mlops-portal/plugin-mlops-common';

export const LOCK_STATUS_TEXT: Record<DvcLockStatus, string> = {
  'up-to-date': 'up to date',
  stale: 'stale',
  'not-run': 'not run',
};

export const LOCK_STATUS_COLOR: Record<DvcLockStatus, string> = {
  'up-to-date': '#2e7d32',
  stale: '#b45309', // white text on it: 5.0:1 (WCAG AA)
  'not-run': '#757575',
};

/** A stage's state against dvc.lock, as a coloured badge with its text. */
export const LockStatusBadge = ({ status }: { status: DvcLockStatus }) => (
  <Chip
    size="small"
    label={LOCK_STATUS_TEXT[status]}
    style={{ background: LOCK_STATUS_COLOR[status], color: '#fff' }}
  />
);
