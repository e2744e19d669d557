/**
 * Seeds the running emulators from emulator-data/seed.json by running the
 * functions workspace's seed command (functions/src/dev/seed.ts, built to
 * functions/lib/dev/) as a process: the seed writes through the functions'
 * own repositories, and the launcher never imports another workspace's code.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './config';

const SEED_COMMAND = resolve(REPO_ROOT, 'functions/lib/dev/seed.main.js');

/** What the launcher prints of a seed user (the whole shape is functions/src/dev/seed.ts's SeedFile). */
export interface SeedUserCredentials {
  email: string;
  password: string;
  roles: string[];
}

export function seedUsers(): SeedUserCredentials[] {
  return (JSON.parse(readFileSync(resolve(REPO_ROOT, 'emulator-data/seed.json'), 'utf8')) as { users: SeedUserCredentials[] }).users;
}

/** Create whatever seed users are missing in the emulators at these hosts. */
export function seed(hosts: { firestoreHost: string; authHost: string }): Promise<{ created: number; existing: number }> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [SEED_COMMAND],
      { env: { ...process.env, FIRESTORE_EMULATOR_HOST: hosts.firestoreHost, FIREBASE_AUTH_EMULATOR_HOST: hosts.authHost }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`seeding failed: ${stderr.trim() || error.message}`));
        const last = stdout.trim().split('\n').pop() ?? '';
        resolvePromise(JSON.parse(last) as { created: number; existing: number });
      },
    );
  });
}
