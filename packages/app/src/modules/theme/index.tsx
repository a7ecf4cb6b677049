import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import {
  UnifiedThemeProvider,
  createUnifiedTheme,
  defaultComponentThemes,
  palettes,
} from '@backstage/theme';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';

type CellStyle = Record<string, unknown>;
type CellOverride = CellStyle | ((props: object) => CellStyle);

/**
 * Backstage's table cells set `word-break: break-word`, which lets the
 * browser size a column below its longest word, so names in the catalog table
 * and the cards' tables break mid-word ("fraud-detecti|on"). Words stay whole
 * (`word-break: normal`); only a word longer than the whole cell wraps
 * (`overflow-wrap: break-word`, which does not shrink the column).
 */
export const WHOLE_WORDS = {
  wordBreak: 'normal',
  overflowWrap: 'break-word',
} as const;

const keepWordsWhole =
  (override: unknown) =>
  (props: object): CellStyle => ({
    ...(typeof override === 'function'
      ? (override as (p: object) => CellStyle)(props)
      : (override as CellStyle | undefined)),
    ...WHOLE_WORDS,
  });

const cell = (defaultComponentThemes?.MuiTableCell?.styleOverrides ?? {}) as {
  root?: CellOverride;
  head?: CellOverride;
};

/** Backstage's components themes, table cells keeping their words whole. */
export const portalComponentThemes = {
  ...defaultComponentThemes,
  MuiTableCell: {
    ...defaultComponentThemes?.MuiTableCell,
    styleOverrides: {
      ...cell,
      root: keepWordsWhole(cell.root),
      head: keepWordsWhole(cell.head),
    },
  },
} as typeof defaultComponentThemes;

export const portalThemes = {
  light: createUnifiedTheme({
    // Material UI's error colour is the palette's own error text colour
    // (#CA001B, 5.95:1 on white): its default #f44336 (3.7:1) left the label
    // and message of a form field in error below WCAG AA's 4.5:1 (axe
    // color-contrast, serious, on the Create form).
    palette: { ...palettes.light, error: { main: palettes.light.errorText } },
    components: portalComponentThemes,
  }),
  dark: createUnifiedTheme({
    palette: palettes.dark,
    components: portalComponentThemes,
  }),
};

const themeExtension = (
  variant: 'light' | 'dark',
  title: string,
  icon: JSX.Element,
) =>
  ThemeBlueprint.make({
    name: variant,
    params: {
      theme: {
        id: variant,
        title,
        variant,
        icon,
        Provider: ({ children }) => (
          <UnifiedThemeProvider theme={portalThemes[variant]}>
            {children}
          </UnifiedThemeProvider>
        ),
      },
    },
  });

/** The app's light and dark themes (the same ids, so they replace the defaults). */
export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    themeExtension('light', 'Light Theme', <LightIcon />),
    themeExtension('dark', 'Dark Theme', <DarkIcon />),
  ],
});
