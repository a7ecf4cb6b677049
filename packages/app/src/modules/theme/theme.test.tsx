import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { UnifiedTheme, UnifiedThemeProvider, themes } from '@backstage/theme';
import { render, screen } from '@testing-library/react';
import { portalThemes } from './index';

function cellsUnder(theme: UnifiedTheme) {
  const view = render(
    <UnifiedThemeProvider theme={theme}>
      <Table>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell>fraud-detection</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </UnifiedThemeProvider>,
  );
  const style = (text: string) => {
    const css = getComputedStyle(screen.getByText(text));
    return {
      wordBreak: css.getPropertyValue('word-break'),
      overflowWrap: css.getPropertyValue('overflow-wrap'),
    };
  };
  const result = { head: style('Name'), body: style('fraud-detection') };
  view.unmount();
  return result;
}

describe('the portal themes', () => {
  it.each(['light', 'dark'] as const)(
    'keep words whole in table cells (%s): no mid-word break of a catalog name',
    variant => {
      const whole = { wordBreak: 'normal', overflowWrap: 'break-word' };
      expect(cellsUnder(portalThemes[variant])).toEqual({
        head: whole,
        body: whole,
      });
    },
  );

  it("differ from Backstage's default, which breaks words anywhere to narrow a column (negative)", () => {
    expect(cellsUnder(themes.light).body.wordBreak).toBe('break-word');
  });

  it('keep the rest of the table cell style (vertical alignment)', () => {
    render(
      <UnifiedThemeProvider theme={portalThemes.light}>
        <Table>
          <TableBody>
            <TableRow>
              <TableCell>cell</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </UnifiedThemeProvider>,
    );
    const css = getComputedStyle(screen.getByText('cell'));
    expect(css.getPropertyValue('vertical-align')).toBe('middle');
  });
});
