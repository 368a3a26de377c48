/** Three kinds of test, told apart by suffix: *.spec.ts (pure), *.int-spec.ts (real store), *.e2e-spec.ts (HTTP). */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // jose ships ES modules only: Node loads it with require(esm), jest's module system needs it as CommonJS.
    '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/jose/).*/node_modules/'],
  testEnvironment: 'node',
  // A test that cannot run here is skipped, never passed: the list below jest's summary says which, and why.
  reporters: ['default', '<rootDir>/test/support/skipped-reporter.js'],
  testTimeout: 30000,
};
