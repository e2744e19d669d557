/**
 * Seeds the running emulators from emulator-data/seed.json: Auth users (with
 * role claims) and their Firestore profiles and KYC cases. Idempotent: a user
 * that already exists in Auth is left as it is, so seeding after an import (or
 * twice) never overwrites data.
 *
 * Seeded data must look exactly like data the API writes, or the API answers
 * outside its own contract (a history entry without `by`, a case without
 * `applicant`, an event id that sorts before the next real one). So nothing
 * here spells out a document shape: profiles go through UsersRepository, and
 * cases with their events and applicant head through KycRepository's
 * importHistory, from a history invented by dev/kyc-history.ts (shared with
 * the test fixtures). The seed writes through the owning repositories, not the
 * services: no service writes a finished case with its history in one go.
 * dev/ is built with the functions but never deployed (firebase.json's
 * functions `ignore`); scripts run it as a process (dev/seed.main.ts).
 *
 * A seeded case is written in its final state with its whole history in one
 * batch (no audit entries for that invented history); the onKycCaseWritten
 * trigger sees a single write of a status that needs no hand-over and finds
 * the profile already in step.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { initializeApp, deleteApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { createRepositories } from '../composition';
import type { UsersRepository } from '../users/users.repository';
import { inventCaseHistory } from './kyc-history';
import type { KycRepository } from '../kyc/kyc.repository';
import type { Applicant, KycCase, KycEventRecord } from '../kyc/kyc.model';
import { KycSubmissionSchema } from '../kyc/kyc.schemas';
import { isKycStatus, type KycStatus } from '../kyc/kyc.state';

/** The demo project: seeding is for the local emulators only. */
const PROJECT_ID = 'demo-nff';
/** emulator-data/seed.json, from functions/lib/dev/ or functions/src/dev/. */
const SEED_FILE = resolve(__dirname, '../../../emulator-data/seed.json');

interface SeedCase {
  caseId: string;
  attempt: number;
  /** Statuses in order, starting with `submitted`; the last one is the case's status. */
  history: string[];
  applicant: Applicant;
}

interface SeedUser {
  uid: string;
  email: string;
  password: string;
  displayName: string;
  roles: string[];
  kycStatus: string;
  kycCase?: SeedCase;
}

export interface SeedFile {
  users: SeedUser[];
}

const SEED_ACTOR = { type: 'system', id: 'seed' } as const;
/** Spacing of the invented history, so its events are in chronological order. */
const STEP_MS = 60_000;

export function readSeedFile(): SeedFile {
  return JSON.parse(readFileSync(SEED_FILE, 'utf8')) as SeedFile;
}

/** The statuses of `history`, as KycStatus (legality is checked when the history is built). */
function checkedStatuses(caseId: string, history: string[]): KycStatus[] {
  return history.map((status) => {
    if (!isKycStatus(status)) throw new Error(`seed case ${caseId}: unknown status ${status}`);
    return status;
  });
}

/** A seeded case and its event log, as the pipeline would have left them (dev/kyc-history.ts). */
export function seededCase(uid: string, seedCase: SeedCase, now: Date): { kycCase: KycCase; events: KycEventRecord[] } {
  const { caseId } = seedCase;
  const seeded = inventCaseHistory({
    uid,
    caseId,
    history: checkedStatuses(caseId, seedCase.history),
    applicant: KycSubmissionSchema.parse(seedCase.applicant) as Applicant,
    now,
    stepMs: STEP_MS,
    label: 'seed',
    providerRefsWhileInReview: false,
  });
  if (seeded.kycCase.attempt !== seedCase.attempt) {
    throw new Error(`seed case ${caseId}: its history is attempt ${seeded.kycCase.attempt}, the file says ${seedCase.attempt}`);
  }
  return seeded;
}

async function seedUser(users: UsersRepository, kycCases: KycRepository, user: SeedUser): Promise<void> {
  const seeded = user.kycCase ? seededCase(user.uid, user.kycCase, new Date()) : undefined;
  const kycStatus = seeded?.kycCase.status ?? 'none';
  if (user.kycStatus !== kycStatus) throw new Error(`seed user ${user.uid}: kycStatus ${user.kycStatus} does not match its case (${kycStatus})`);
  // The profile first: the Auth onCreate trigger then finds it and leaves it (with its roles) alone.
  await users.createIfMissing(
    { uid: user.uid, email: user.email, displayName: user.displayName, roles: user.roles, createdBy: 'seed' },
    { actor: SEED_ACTOR, action: 'user.profile.provisioned', target: { type: 'user', id: user.uid } },
  );
  if (seeded) {
    const { kycCase } = seeded;
    await kycCases.importHistory(kycCase, seeded.events);
    // What the trigger does for the case (kycStatus, kycStatusSource, version), done now so the seed is complete on return.
    await users.applyKycStatus(user.uid, { caseId: kycCase.id, status: kycCase.status, updatedAt: kycCase.updatedAt });
  }
}

/** Create whatever seed users are missing. Needs the *_EMULATOR_HOST env vars set. */
export async function seed(seedFile: SeedFile = readSeedFile()): Promise<{ created: number; existing: number }> {
  const app = initializeApp({ projectId: PROJECT_ID }, `seed-${Date.now()}`);
  try {
    const auth = getAuth(app);
    const firestore = getFirestore(app);
    const repositories = createRepositories(() => firestore);
    const [users, kycCases] = [repositories.users(), repositories.kycCases()];
    let created = 0;
    for (const user of seedFile.users) {
      const exists = await auth.getUser(user.uid).then(
        () => true,
        () => false,
      );
      if (exists) continue;
      await seedUser(users, kycCases, user);
      await auth.createUser({ uid: user.uid, email: user.email, password: user.password, displayName: user.displayName, emailVerified: true });
      // The claims the functions keep: roles, and `kyc` (the latest case's status) only for users with a case.
      await auth.setCustomUserClaims(user.uid, { roles: user.roles, ...(user.kycCase ? { kyc: user.kycStatus } : {}) });
      created++;
    }
    return { created, existing: seedFile.users.length - created };
  } finally {
    await deleteApp(app);
  }
}
