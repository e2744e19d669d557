/**
 * Seeds the running emulators from emulator-data/seed.json: Auth users (with
 * role claims) and their Firestore profiles and KYC cases. Idempotent: a user
 * that already exists is left as it is, so seeding after an import (or twice)
 * never overwrites data.
 *
 * Seeded KYC cases are written with their whole history in one batch and
 * already in their final state; the trigger sees a single write and only syncs
 * the profile, which already matches.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { initializeApp, deleteApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, Timestamp } from 'firebase-admin/firestore';
import { PROJECT_ID, REPO_ROOT } from './config';

interface SeedUser {
  uid: string;
  email: string;
  password: string;
  displayName: string;
  roles: string[];
  kycStatus: string;
  kycCase?: { caseId: string; attempt: number; history: string[] };
}

export interface SeedFile {
  users: SeedUser[];
}

export function readSeedFile(): SeedFile {
  return JSON.parse(readFileSync(resolve(REPO_ROOT, 'emulator-data/seed.json'), 'utf8')) as SeedFile;
}

/** Create whatever seed users are missing. Needs the *_EMULATOR_HOST env vars set. */
export async function seed(seedFile: SeedFile = readSeedFile()): Promise<{ created: number; existing: number }> {
  const app = initializeApp({ projectId: PROJECT_ID }, `seed-${Date.now()}`);
  try {
    const auth = getAuth(app);
    const firestore = getFirestore(app);
    let created = 0;
    for (const user of seedFile.users) {
      const exists = await auth.getUser(user.uid).then(
        () => true,
        () => false,
      );
      if (exists) continue;
      await auth.createUser({ uid: user.uid, email: user.email, password: user.password, displayName: user.displayName, emailVerified: true });
      await auth.setCustomUserClaims(user.uid, { roles: user.roles, kyc: user.kycStatus });
      const now = Timestamp.now();
      const batch = firestore.batch();
      batch.set(firestore.doc(`users/${user.uid}`), {
        uid: user.uid,
        email: user.email,
        displayName: user.displayName,
        roles: user.roles,
        status: 'active',
        kycStatus: user.kycStatus,
        createdAt: now,
        createdBy: 'seed',
        updatedAt: now,
        updatedBy: 'seed',
      });
      if (user.kycCase) {
        const { caseId, attempt, history } = user.kycCase;
        batch.set(firestore.doc(`kycCases/${caseId}`), {
          uid: user.uid,
          attempt,
          status: history[history.length - 1],
          createdAt: now,
          updatedAt: now,
        });
        history.forEach((status, index) => {
          batch.set(firestore.doc(`kycCases/${caseId}/events/${String(index + 1).padStart(4, '0')}`), {
            from: index === 0 ? null : history[index - 1],
            to: status,
            actor: 'seed',
            at: now,
          });
        });
      }
      await batch.commit();
      created++;
    }
    return { created, existing: seedFile.users.length - created };
  } finally {
    await deleteApp(app);
  }
}
