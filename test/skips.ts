/**
 * Suites that cannot run on every machine, and why. Jest prints nothing for a
 * suite whose tests are all skipped, so global setup prints these reasons at
 * the start of every run; the suites use the same predicates to skip.
 */
export const rulesEmulatorHost = process.env.FIRESTORE_RULES_EMULATOR_HOST;

export const RULES_SKIP_REASON =
  'SKIPPED functions/test/rules (firestore.rules): it needs the official Firestore emulator (Java 21 + a download), ' +
  'unavailable offline. On a machine that has them: `npm run emulators`, then `npm run test:rules`.';

/** Reasons for every suite this run will skip. */
export function skippedSuites(): string[] {
  return rulesEmulatorHost ? [] : [RULES_SKIP_REASON];
}
