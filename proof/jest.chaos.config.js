/**
 * `npm run test:chaos`: 500 KYC submissions through the local stack with the
 * mock provider injecting faults and the function workers killed mid-run
 * (proof/chaos). One long test; it writes reports/chaos-latest.md itself.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest configs are CommonJS
const { esmOnlyDependencies } = require('../test/jest-esm-only');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/proof/chaos'],
  testMatch: ['**/*.test.ts'],
  ...esmOnlyDependencies(['ts-jest', { tsconfig: '<rootDir>/proof/chaos/tsconfig.json' }]),
  globalSetup: '<rootDir>/proof/chaos/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60 * 60 * 1000,
  maxWorkers: 1,
  // The functions' own structured logs (sweep, provider client) would bury the run's progress lines.
  silent: true,
};
