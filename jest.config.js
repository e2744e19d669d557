/**
 * One jest run for the whole repository. `test/global-setup.ts` starts every
 * server the suites need (embedded Firestore emulator, Auth + Functions
 * emulators, mock KYC server) on loopback and `test/global-teardown.ts` stops
 * them by PID, so `npm test` leaves nothing behind.
 */
/**
 * ES-module-only dependencies that CommonJS code requires. Node 22+ loads them
 * with require(esm), but jest's own module loader does not, so jest compiles
 * them to CommonJS (jose: pulled in by firebase-admin 14 through jwks-rsa).
 */
const ESM_ONLY = ['jose'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/emulator/test', '<rootDir>/mock-kyc/test', '<rootDir>/functions/test', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  // Network guard and structured-log capture for every suite (test/jest-setup.ts).
  setupFilesAfterEnv: ['<rootDir>/test/jest-setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
