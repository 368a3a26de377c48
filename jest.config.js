/** Three kinds of test, told apart by suffix: *.spec.ts (pure), *.int-spec.ts (real store), *.e2e-spec.ts (HTTP). */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // jose, openid-client (with oauth4webapi) and content-disposition (of @fastify/static) ship ES modules
    // only: Node loads them with require(esm), jest's module system needs them as CommonJS.
    '^.+/node_modules/(jose|content-disposition|openid-client|oauth4webapi)/.+\\.js$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true } },
    ],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/(jose|content-disposition|openid-client|oauth4webapi)/).*/node_modules/'],
  testEnvironment: 'node',
  // A test that cannot run here is skipped, never passed: the list below jest's summary says which, and why.
  reporters: ['default', '<rootDir>/test/support/skipped-reporter.js'],
  testTimeout: 30000,
};
