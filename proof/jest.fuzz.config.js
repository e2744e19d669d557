/**
 * `npm run test:fuzz`: the property-based fuzz suite (proof/fuzz). Not part of
 * `npm test` (it sends ~11,000 requests); reuses the test stack's global
 * setup/teardown, which start and stop every server (honours NFF_PORT_OFFSET).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest configs are CommonJS
const { esmOnlyDependencies } = require('../test/jest-esm-only');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/proof/fuzz'],
  testMatch: ['**/*.test.ts'],
  ...esmOnlyDependencies(['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }]),
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 900000,
  maxWorkers: 1,
};
