import TextField from '@material-ui/core/TextField';
import { UnifiedTheme, UnifiedThemeProvider, themes } from '@backstage/theme';
import { render, screen } from '@testing-library/react';
import { portalThemes } from './index';

/** The colour of a field-in-error's label and message under a theme. */
function errorColours(theme: UnifiedTheme) {
  render(
    <UnifiedThemeProvider theme={theme}>
      <TextField id="name" label="Project name" error helperText="Bad name" />
    </UnifiedThemeProvider>,
  );
  const colour = (text: string) =>
    getComputedStyle(screen.getByText(text)).getPropertyValue('color');
  return { label: colour('Project name'), message: colour('Bad name') };
}

describe('the light theme’s error colour', () => {
  it('is the palette’s error text colour, 5.95:1 on white (WCAG AA)', () => {
    expect(errorColours(portalThemes.light)).toEqual({
      label: 'rgb(202, 0, 27)',
      message: 'rgb(202, 0, 27)',
    });
  });

  it('is not Material UI’s default #f44336 (3.7:1), which Backstage’s own theme keeps', () => {
    expect(errorColours(themes.light).label).toBe('rgb(244, 67, 54)');
  });
});
