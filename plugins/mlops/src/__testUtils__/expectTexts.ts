import { Matcher, within } from '@testing-library/react';

/**
 * Expects each text to stand in `container`: one assertion per text, as
 * `expect(within(container).getByText(text)).toBeInTheDocument()` would make.
 */
export function expectTexts(container: HTMLElement, ...texts: Matcher[]) {
  for (const text of texts) {
    expect(within(container).getByText(text)).toBeInTheDocument();
  }
}
