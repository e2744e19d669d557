/**
 * `npm run test:security`: the OWASP API Security Top 10 (2023) suite in
 * proof/security, against the same local stack `npm test` starts (jest's
 * global setup), on its own because it is slower than CI wants. The reporter
 * writes what every test tried and saw to reports/security-latest.md.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest configs are CommonJS
const { esmOnlyDependencies } = require('../test/jest-esm-only');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/proof/security'],
  testMatch: ['**/*.test.ts'],
  ...esmOnlyDependencies(['ts-jest', { tsconfig: '<rootDir>/proof/security/tsconfig.json' }]),
  globalSetup: '<rootDir>/proof/security/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  reporters: ['default', ['<rootDir>/proof/security/reporter.js', { title: 'Security proof: OWASP API Security Top 10 (2023)', out: 'reports/security-latest.md' }]],
  testTimeout: 120000,
  // One file at a time: some files inject provider faults or count rate limits on shared state.
  maxWorkers: 1,
};
