/**
 * Suites that cannot run on every machine, and why. Jest prints nothing for a
 * suite whose tests are all skipped, so global setup prints these reasons at
 * the start of every run; the suites use the same predicates to skip.
 */

/**
 * The emulator functions/test/rules runs against: an official emulator named
 * by FIRESTORE_RULES_EMULATOR_HOST (`npm run test:rules`), else the embedded
 * emulator global setup started (FIRESTORE_EMULATOR_HOST, set in the workers).
 */
export const rulesEmulatorHost = process.env.FIRESTORE_RULES_EMULATOR_HOST ?? process.env.FIRESTORE_EMULATOR_HOST;

export const RULES_SKIP_REASON =
  'SKIPPED functions/test/rules (firestore.rules): no Firestore emulator to run it against (NFF_TEST_STACK=off and no ' +
  'FIRESTORE_RULES_EMULATOR_HOST / FIRESTORE_EMULATOR_HOST). Run it inside `npm test`, or `npm run test:rules` against a running emulator.';

/** Reasons for every suite this run will skip. */
export function skippedSuites(): string[] {
  const stackStarts = process.env.NFF_TEST_STACK !== 'off';
  return stackStarts || process.env.FIRESTORE_RULES_EMULATOR_HOST || process.env.FIRESTORE_EMULATOR_HOST ? [] : [RULES_SKIP_REASON];
}
