import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Role queries over a full card are slow on a busy CI machine; wait longer
// than the 1 s default before calling an element missing.
configure({ asyncUtilTimeout: 5000 });

// The first render of a test file pays for loading MUI and the test app: every
// test of the package may take 20 s (jest's default is 5 s).
jest.setTimeout(20_000);

// jsdom does not lay out SVG; DependencyGraph measures its nodes with getBBox.
if (
  typeof window !== 'undefined' &&
  !('getBBox' in window.SVGElement.prototype)
) {
  Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
    value: () => ({ x: 0, y: 0, width: 100, height: 40 }),
    configurable: true,
  });
}
