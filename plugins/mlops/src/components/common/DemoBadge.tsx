import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { MlopsResponseMeta } from '@mlops-portal/plugin-mlops-common';

// White on Material pink 800: 7.1:1, above WCAG AA's 4.5:1 for small text
// (the theme's secondary pink gave 4.18:1).
export const DEMO_BADGE_COLORS = { background: '#ad1457', text: '#ffffff' };

/** Visible whenever the backend answered with demo data (synthetic, not from a live system). */
export const DemoBadge = ({ meta }: { meta?: MlopsResponseMeta }) =>
  meta?.demo ? (
    <Tooltip title="Synthetic demo data, not a live system">
      <Chip
        label="demo data"
        size="small"
        style={{
          backgroundColor: DEMO_BADGE_COLORS.background,
          color: DEMO_BADGE_COLORS.text,
        }}
      />
    </Tooltip>
  ) : null;
