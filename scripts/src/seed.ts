/**
 * Seeds the running emulators from emulator-data/seed.json: Auth users (with
 * role claims) and their Firestore profiles and KYC cases. Idempotent: a user
 * that already exists in Auth is left as it is, so seeding after an import (or
 * twice) never overwrites data.
 *
 * Seeded data must look exactly like data the API writes, or the API answers
 * outside its own contract (a history entry without `by`, a case without
 * `applicant`, an event id that sorts before the next real one). So nothing
 * here spells out a document shape: profiles go through the functions'
 * UsersRepository, and cases and their events through the same mapping the
 * KYC repository writes with (functions/src/kyc/kyc.mapping.ts), from the
 * built functions (functions/lib, built before this workspace).
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
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { PROJECT_ID, REPO_ROOT } from './config';
import { AuditRepository } from '../../functions/lib/audit/audit.repository';
import { UsersRepository } from '../../functions/lib/users/users.repository';
import { caseToDoc, eventId, eventToDoc } from '../../functions/lib/kyc/kyc.mapping';
import { SYSTEM_ACTORS, type Applicant, type KycCase, type KycEventRecord, type Review } from '../../functions/lib/kyc/kyc.model';
import { KycSubmissionSchema } from '../../functions/lib/kyc/kyc.schemas';
import { canTransition, isKycStatus, type KycStatus } from '../../functions/lib/kyc/kyc.state';

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

/** The provider result behind each decided status (what a webhook would have set). */
const PROVIDER_RESULTS: Partial<Record<KycStatus, Omit<Review, 'decidedAt' | 'source'>>> = {
  approved: { answer: 'GREEN', rejectType: null, labels: [], userMessage: null },
  rejected: { answer: 'RED', rejectType: 'FINAL', labels: ['FORGERY'], userMessage: 'We could not verify your identity.' },
  resubmission_required: { answer: 'RED', rejectType: 'RETRY', labels: ['DOCUMENT_UNREADABLE'], userMessage: 'We could not read your document. Please upload a clearer photo.' },
  on_hold: { answer: null, rejectType: null, labels: ['MANUAL_REVIEW'], userMessage: null },
};

export function readSeedFile(): SeedFile {
  return JSON.parse(readFileSync(resolve(REPO_ROOT, 'emulator-data/seed.json'), 'utf8')) as SeedFile;
}

/** The statuses of `history`, checked against the state machine (a seed can only hold reachable states). */
function checkedHistory(caseId: string, history: string[]): KycStatus[] {
  const statuses = history.map((status) => {
    if (!isKycStatus(status)) throw new Error(`seed case ${caseId}: unknown status ${status}`);
    return status;
  });
  if (statuses[0] !== 'submitted') throw new Error(`seed case ${caseId}: history must start with submitted`);
  statuses.slice(1).forEach((to, index) => {
    if (!canTransition(statuses[index], to)) throw new Error(`seed case ${caseId}: ${statuses[index]} → ${to} is not a legal transition`);
  });
  return statuses;
}

/** A seeded case and its event log, as the pipeline would have left them. */
export function seededCase(uid: string, seedCase: SeedCase, now: Date): { kycCase: KycCase; events: KycEventRecord[] } {
  const { caseId, attempt } = seedCase;
  const statuses = checkedHistory(caseId, seedCase.history);
  const applicant = KycSubmissionSchema.parse(seedCase.applicant) as Applicant;
  const at = (index: number) => new Date(now.getTime() - (statuses.length - 1 - index) * STEP_MS).toISOString();
  const submissionKey = `seed-${caseId}-${attempt}`;
  let lastProviderEvent: KycCase['lastProviderEvent'] = null;
  const events = statuses.map((to, index): KycEventRecord => {
    const base = { id: eventId(index + 1), from: index === 0 ? null : statuses[index - 1], to, attempt, at: at(index) };
    if (index === 0) return { ...base, by: 'applicant', actor: { type: 'user', id: uid }, reason: 'submitted by the applicant', sourceEventId: null };
    if (to === 'in_review') return { ...base, by: 'system', actor: SYSTEM_ACTORS.trigger, reason: 'handed over to the provider', sourceEventId: submissionKey };
    const sourceEventId = `evt_seed_${caseId}_${index + 1}`;
    lastProviderEvent = { id: sourceEventId, createdAt: base.at };
    return { ...base, by: 'provider', actor: SYSTEM_ACTORS.provider, reason: `provider result ${to} (seed)`, sourceEventId };
  });
  const status = statuses[statuses.length - 1];
  const result = PROVIDER_RESULTS[status];
  const handedOver = statuses.includes('in_review');
  const kycCase: KycCase = {
    id: caseId,
    uid,
    status,
    attempt,
    applicant,
    // No check exists at the mock provider for a seeded case: a case still in review has no refs,
    // so the sweep lets it expire instead of polling a check the provider does not know.
    provider: handedOver && status !== 'in_review' ? { applicantId: `app_seed_${caseId}`, checkId: `chk_seed_${caseId}`, attempt } : null,
    submission: handedOver ? { attempt, key: submissionKey, requestedAt: at(0), failures: 0, lastError: null } : null,
    review: result && lastProviderEvent ? { ...result, source: 'provider', decidedAt: at(statuses.length - 1) } : null,
    lastProviderEvent,
    note: null,
    version: statuses.length,
    createdAt: at(0),
    updatedAt: at(statuses.length - 1),
    statusChangedAt: at(statuses.length - 1),
  };
  return { kycCase, events };
}

async function seedUser(firestore: Firestore, users: UsersRepository, user: SeedUser): Promise<void> {
  const seeded = user.kycCase ? seededCase(user.uid, user.kycCase, new Date()) : undefined;
  const kycStatus = seeded?.kycCase.status ?? 'none';
  if (user.kycStatus !== kycStatus) throw new Error(`seed user ${user.uid}: kycStatus ${user.kycStatus} does not match its case (${kycStatus})`);
  // The profile first: the Auth onCreate trigger then finds it and leaves it (with its roles) alone.
  await users.createIfMissing(
    { uid: user.uid, email: user.email, displayName: user.displayName, roles: user.roles, createdBy: 'seed' },
    { actor: SEED_ACTOR, action: 'user.profile.provisioned', target: { type: 'user', id: user.uid } },
  );
  if (seeded) {
    const { kycCase, events } = seeded;
    const ref = firestore.doc(`kycCases/${kycCase.id}`);
    const batch = firestore.batch();
    batch.set(ref, caseToDoc(kycCase));
    for (const { id, ...event } of events) batch.set(ref.collection('events').doc(id), eventToDoc(event));
    await batch.commit();
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
    const users = new UsersRepository(firestore, new AuditRepository(firestore));
    let created = 0;
    for (const user of seedFile.users) {
      const exists = await auth.getUser(user.uid).then(
        () => true,
        () => false,
      );
      if (exists) continue;
      await seedUser(firestore, users, user);
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
