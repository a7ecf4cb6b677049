import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { MlopsResponseMeta } from '@mlops-portal/plugin-mlops-common';

/** Visible whenever the backend answered with recorded demo data. */
export const DemoBadge = ({ meta }: { meta?: MlopsResponseMeta }) =>
  meta?.demo ? (
    <Tooltip title="Recorded demo data, not a live system">
      <Chip label="demo data" color="secondary" size="small" />
    </Tooltip>
  ) : null;
