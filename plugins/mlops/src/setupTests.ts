import '@testing-library/jest-dom';

// jsdom does not lay out SVG; DependencyGraph measures its nodes with getBBox.
if (typeof window !== 'undefined' && !('getBBox' in window.SVGElement.prototype)) {
  Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
    value: () => ({ x: 0, y: 0, width: 100, height: 40 }),
    configurable: true,
  });
}
