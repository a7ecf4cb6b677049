module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // expectTexts (src/__testUtils__/expectTexts.ts) asserts each text it is given.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectTexts'] },
    ],
  },
});
