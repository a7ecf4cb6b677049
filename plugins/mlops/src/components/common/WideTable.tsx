import { ComponentProps, useEffect, useRef, useState } from 'react';
import Table from '@material-ui/core/Table';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  frame: { position: 'relative' },
  // A shade on the right edge while columns are hidden there: headless and
  // overlay scrollbars are not always visible, this always is.
  more: {
    position: 'absolute',
    top: 0,
    right: 0,
    bottom: 0,
    width: 32,
    pointerEvents: 'none',
    zIndex: 2,
    background: `linear-gradient(to right, transparent, ${
      theme.palette.type === 'dark'
        ? 'rgba(255, 255, 255, 0.18)'
        : 'rgba(0, 0, 0, 0.14)'
    })`,
  },
  scroller: {
    overflowX: 'auto',
    // The scrollbar stays visible, so a user sees there is more to the right.
    scrollbarWidth: 'thin',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  table: {
    '& th, & td': { whiteSpace: 'nowrap' },
  },
  sticky: {
    // The identifying column stays in view while the others scroll under it.
    '& th:first-child, & td:first-child': {
      position: 'sticky',
      left: 0,
      zIndex: 1,
      background: theme.palette.background.paper,
      boxShadow: `inset -1px 0 0 ${theme.palette.divider}`,
    },
  },
  // A clear focus ring on sort headers and in-cell buttons.
  focusRing: {
    '& .MuiTableSortLabel-root.Mui-focusVisible, & .MuiButtonBase-root.Mui-focusVisible, & button:focus-visible, & a:focus-visible':
      {
        outline: `2px solid ${theme.palette.primary.main}`,
        outlineOffset: 2,
        borderRadius: 2,
      },
  },
}));

/**
 * A dense table whose cells never wrap: a narrow card scrolls it sideways
 * instead of breaking names and numbers into one character per line. The
 * first column (what identifies a row) stays fixed while the rest scrolls;
 * the scrolling region is labelled and reachable by keyboard, so it can be
 * scrolled with the arrow keys.
 */
export const WideTable = ({
  'aria-label': label,
  stickyFirstColumn = true,
  className,
  ...props
}: ComponentProps<typeof Table> & {
  'aria-label': string;
  stickyFirstColumn?: boolean;
}) => {
  const classes = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [hiddenRight, setHiddenRight] = useState(false);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const update = () =>
      setHiddenRight(
        element.scrollLeft + element.clientWidth < element.scrollWidth - 1,
      );
    update();
    element.addEventListener('scroll', update, { passive: true });
    const observer =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(update);
    observer?.observe(element);
    if (element.firstElementChild) observer?.observe(element.firstElementChild);
    return () => {
      element.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, []);
  return (
    <div className={classes.frame}>
      <div
        ref={scroller}
        className={classes.scroller}
        role="region"
        aria-label={label}
        // A scrolling region must be reachable by keyboard (WCAG 2.1.1, axe
        // scrollable-region-focusable); it is a labelled region, not a control.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        <Table
          size="small"
          aria-label={label}
          className={[
            classes.table,
            classes.focusRing,
            stickyFirstColumn ? classes.sticky : undefined,
            className,
          ]
            .filter(Boolean)
            .join(' ')}
          {...props}
        />
      </div>
      {hiddenRight && (
        <div className={classes.more} data-testid="more-columns" />
      )}
    </div>
  );
};
