import { ReactNode } from 'react';

const hidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: 1,
  margin: -1,
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: 1,
} as const;

/** Content for screen readers only (e.g. the data table behind a chart). */
export const VisuallyHidden = ({ children }: { children: ReactNode }) => (
  <div style={hidden}>{children}</div>
);
