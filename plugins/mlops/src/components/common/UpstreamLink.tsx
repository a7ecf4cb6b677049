import { ReactNode, useId, useState } from 'react';
import Link, { LinkProps } from '@material-ui/core/Link';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';

/** What a demo link says instead of opening a system that is not there. */
export function demoLinkExplanation(href: string): string {
  return `The demo profile shows recorded data: there is no MLflow or other live system behind it, so this link leads nowhere here. With a real system configured in app-config.local.yaml it opens ${href}.`;
}

/**
 * A link into an upstream UI (MLflow, a repository host), opened in a new
 * tab. On demo data the target does not exist: the link then opens a short
 * note saying so, instead of a browser error page.
 */
export const UpstreamLink = ({
  href,
  demo,
  children,
  variant,
  'aria-label': ariaLabel,
}: {
  href: string;
  demo?: boolean;
  children: ReactNode;
  variant?: LinkProps['variant'];
  'aria-label'?: string;
}) => {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const noteId = useId();
  if (!demo) {
    return (
      <Link
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        variant={variant}
        aria-label={ariaLabel}
      >
        {children}
      </Link>
    );
  }
  return (
    <>
      <Link
        component="button"
        variant={variant}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        aria-expanded={Boolean(anchor)}
        onClick={event => setAnchor(event.currentTarget)}
        style={{ verticalAlign: 'baseline' }}
        data-demo-link={href}
      >
        {children}
      </Link>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        PaperProps={{
          role: 'dialog',
          'aria-labelledby': noteId,
          style: { maxWidth: 360, padding: 12 },
        }}
      >
        <Typography variant="subtitle2" id={noteId}>
          Demo link
        </Typography>
        <Typography variant="body2">{demoLinkExplanation(href)}</Typography>
      </Popover>
    </>
  );
};
