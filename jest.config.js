/**
 * One jest run for the whole repository. `test/global-setup.ts` starts every
 * server the suites need (embedded Firestore emulator, Auth + Functions
 * emulators, mock KYC server) on loopback and `test/global-teardown.ts` stops
 * them by PID, so `npm test` leaves nothing behind.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest configs are CommonJS
const { esmOnlyDependencies } = require('./test/jest-esm-only');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/emulator/test', '<rootDir>/mock-kyc/test', '<rootDir>/functions/test', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  ...esmOnlyDependencies(['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }]),
  // Network guard and structured-log capture for every suite (test/jest-setup.ts).
  setupFilesAfterEnv: ['<rootDir>/test/jest-setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
