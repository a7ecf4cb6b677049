import Chip from '@material-ui/core/Chip';
import { CanaryPhase } from '@mlops-portal/plugin-mlops-common';

const COLORS: Record<CanaryPhase, string> = {
  progressing: '#1565c0',
  paused: '#b45309', // white text on it: 5.0:1
  degraded: '#c62828',
  healthy: '#2e7d32',
  aborted: '#6d1b1b',
  unknown: '#757575',
};

/** A rollout's normalised phase, coloured, with its text. */
export const PhaseChip = ({ phase }: { phase: CanaryPhase }) => (
  <Chip
    size="small"
    label={phase}
    style={{ background: COLORS[phase], color: '#fff' }}
  />
);
