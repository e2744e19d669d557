/**
 * Jest global setup: starts the real local stack (embedded Firestore emulator,
 * mock KYC server, firebase-tools Auth + Functions emulators) exactly as
 * `npm start` does, minus the seed data, and exports its coordinates through
 * env vars that the test workers inherit. global-teardown.ts stops it by PID.
 *
 * Set NFF_TEST_STACK=off to run only suites that need no servers (they then
 * start what they need themselves, e.g. the emulator conformance harness).
 */
import { startStack } from '../scripts/src/stack';
import { PROJECT_ID } from '../scripts/src/config';
import { skippedSuites } from './skips';

declare global {
  // `var` is required to declare a global; jest shares globalThis between global setup and teardown.
  var __NFF_STACK__: { stop(): Promise<void> } | undefined;
}

export default async function globalSetup(): Promise<void> {
  // As test/jest-setup.ts does for the main suite: the proof suites (security, fuzz,
  // chaos) share this setup but not that file, and their workers and the stack's
  // processes inherit this, so no one probes the GCE metadata server off loopback.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  for (const reason of skippedSuites()) console.log(`\n${reason}`);
  if (process.env.NFF_TEST_STACK === 'off') return;
  const startedAt = Date.now();
  const lines: string[] = [];
  try {
    const stack = await startStack({ log: (service, line) => lines.push(`[${service}] ${line}`) });
    globalThis.__NFF_STACK__ = stack;
    const { urls } = stack;
    Object.assign(process.env, {
      GCLOUD_PROJECT: PROJECT_ID,
      FIRESTORE_EMULATOR_HOST: urls.firestoreHost,
      FIREBASE_AUTH_EMULATOR_HOST: urls.authHost,
      NFF_API_URL: urls.api,
      NFF_FUNCTIONS_URL: urls.functions,
      NFF_FIRESTORE_URL: urls.firestore,
      NFF_AUTH_URL: urls.auth,
      NFF_MOCK_KYC_URL: urls.mockKyc,
      NFF_CONSOLE_URL: urls.console,
    });
    console.log(`\nlocal stack up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${urls.api})`);
  } catch (error) {
    console.error(lines.slice(-40).join('\n'));
    throw error;
  }
}
