/**
 * The seed as a command (functions/lib/dev/seed.main.js), which the launcher
 * runs as a process (scripts/src/seed.ts): seeds the emulators named by
 * FIRESTORE_EMULATOR_HOST and FIREBASE_AUTH_EMULATOR_HOST and prints
 * `{"created":n,"existing":m}` as its last line.
 */
import { seed } from './seed';

if (!process.env.FIRESTORE_EMULATOR_HOST || !process.env.FIREBASE_AUTH_EMULATOR_HOST) {
  console.error('seed: FIRESTORE_EMULATOR_HOST and FIREBASE_AUTH_EMULATOR_HOST must name the local emulators.');
  process.exit(2);
}

seed().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
