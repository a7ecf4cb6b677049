// Used through package.json `jest.resolver`, with its own `jest.id`: Backstage
// CLI derives a shared cache id from the transform config alone, and a project
// sharing that id with the other packages loses this resolver in `repo test`.
// The kubernetes-models packages are ESM-only: their package.json `exports`
// offer only an `import` condition, which Jest's CommonJS resolution does not
// try. Resolve just those packages with it; Jest's transform turns the ESM
// files into CommonJS as it does for any other node_modules file.
const ESM_ONLY = /^(?:@kubernetes-models\/|kubernetes-models(?:\/|$))/;

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    ESM_ONLY.test(request)
      ? { ...options, conditions: ['import', 'default'] }
      : options,
  );
