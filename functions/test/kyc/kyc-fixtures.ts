/**
 * KYC case fixtures: a case and its transition log built with the production
 * mapping (caseToDoc / eventToDoc / eventId in src/kyc/kyc.mapping.ts), so a
 * case a test writes straight to Firestore has exactly the stored shape and
 * every read of it answers inside the API contract. The history is checked
 * against the state machine (src/kyc/kyc.state.ts): a fixture can only be in
 * a state the pipeline could have reached. As for seeded data
 * (scripts/src/seed.ts), no audit entries are written for the invented history.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentData } from 'firebase-admin/firestore';
import { caseToDoc, eventId, eventToDoc } from '../../src/kyc/kyc.mapping';
import { SYSTEM_ACTORS, type Applicant, type CaseFields, type KycCase, type KycEventRecord, type Review } from '../../src/kyc/kyc.model';
import { planTransition, type KycStatus } from '../../src/kyc/kyc.state';
import { testDb, uniqueId } from '../../../test/firestore';

/** Applicant data; the last name picks the sandbox outcome (Retry, Reject, Review, Late, Pending, anything else = GREEN). */
export function applicant(lastName = 'Lovelace', overrides: Partial<Applicant> = {}): Applicant {
  return {
    firstName: 'Ada',
    lastName,
    dateOfBirth: '1990-12-10',
    nationality: 'DE',
    address: { line1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', country: 'DE' },
    document: { type: 'id_card', number: `C01X${randomUUID().slice(0, 6).toUpperCase()}`, issuingCountry: 'DE', expiresOn: '2035-05-31' },
    ...overrides,
  };
}

/** The history a fixture gets when the test names only its status: the usual way there. */
const DEFAULT_HISTORY: Readonly<Record<KycStatus, readonly KycStatus[]>> = {
  submitted: ['submitted'],
  in_review: ['submitted', 'in_review'],
  on_hold: ['submitted', 'in_review', 'on_hold'],
  approved: ['submitted', 'in_review', 'approved'],
  resubmission_required: ['submitted', 'in_review', 'resubmission_required'],
  rejected: ['submitted', 'in_review', 'rejected'],
  expired: ['submitted', 'expired'],
  canceled: ['submitted', 'canceled'],
};

/** The provider result behind each status a provider event sets (what the webhook would have stored). */
const PROVIDER_RESULTS: Partial<Record<KycStatus, Omit<Review, 'source' | 'decidedAt'>>> = {
  approved: { answer: 'GREEN', rejectType: null, labels: [], userMessage: null },
  rejected: { answer: 'RED', rejectType: 'FINAL', labels: ['FORGERY'], userMessage: 'We could not verify your identity.' },
  resubmission_required: { answer: 'RED', rejectType: 'RETRY', labels: ['DOCUMENT_UNREADABLE'], userMessage: 'We could not read your document.' },
  on_hold: { answer: null, rejectType: null, labels: ['MANUAL_REVIEW'], userMessage: null },
};

/** Spacing of the invented history: events in chronological order, the last one now. */
const STEP_MS = 1000;

export interface KycCaseOptions extends CaseFields {
  /** The owner (default: a fresh uid without a profile). */
  uid?: string;
  caseId?: string;
  /** The case's status (default: the last of `history`, else `submitted`). */
  status?: KycStatus;
  /** Statuses in order, from `submitted`; every step must be legal (default: DEFAULT_HISTORY[status]). */
  history?: readonly KycStatus[];
}

/** A case as the repository would have written it: the plain case and its documents. */
export interface KycCaseFixture {
  kycCase: KycCase;
  /** kycCases/{kycCase.id}. */
  caseDoc: DocumentData;
  /** kycCases/{kycCase.id}/events/{id}, oldest first (id = eventId(version)). */
  events: Array<{ id: string; doc: DocumentData }>;
}

/** Who made a transition and why, as the pipeline records it. */
function transitionBy(uid: string, from: KycStatus | null, to: KycStatus, keys: { submission: string; providerEvent: string }): Pick<KycEventRecord, 'by' | 'actor' | 'reason' | 'sourceEventId'> {
  if (to === 'submitted') return { by: 'applicant', actor: { type: 'user', id: uid }, reason: from ? 'resubmitted by the applicant' : 'submitted by the applicant', sourceEventId: null };
  if (from === 'submitted' && to === 'in_review') return { by: 'system', actor: SYSTEM_ACTORS.trigger, reason: 'handed over to the provider', sourceEventId: keys.submission };
  if (to === 'expired') return { by: 'system', actor: SYSTEM_ACTORS.sweep, reason: 'no decision within the time limit', sourceEventId: null };
  if (to === 'canceled') return { by: 'system', actor: { type: 'system', id: 'test-fixture' }, reason: 'canceled (test fixture)', sourceEventId: null };
  return { by: 'provider', actor: SYSTEM_ACTORS.provider, reason: `provider result ${to} (test fixture)`, sourceEventId: keys.providerEvent };
}

/** Build a complete case in its final state with its whole, legal history. Fields in `options` override the derived ones. */
export function buildKycCase(options: KycCaseOptions = {}): KycCaseFixture {
  const { uid = uniqueId('u'), caseId = uniqueId('kc'), status, history: given, ...fields } = options;
  const history = given ?? DEFAULT_HISTORY[status ?? 'submitted'];
  const last = history.length - 1;
  if (history[0] !== 'submitted') throw new Error(`KYC fixture ${caseId}: a history starts with submitted`);
  if (status && status !== history[last]) throw new Error(`KYC fixture ${caseId}: history ends in ${history[last]}, not ${status}`);
  const now = Date.now();
  const at = (index: number) => new Date(now - (last - index) * STEP_MS).toISOString();
  const submissionKey = (attempt: number) => `fixture-${caseId}-${attempt}`;

  let attempt = 1;
  let attemptStart = 0; // index of the `submitted` that began the current attempt
  const records = history.map((to, index): KycEventRecord => {
    const from = index === 0 ? null : history[index - 1];
    if (from) {
      // The attempt limit is a deployment setting, not part of a fixture.
      const plan = planTransition({ from, to, attempt, maxAttempts: Number.POSITIVE_INFINITY });
      if (!plan.ok) throw new Error(`KYC fixture ${caseId}: ${from} → ${to} is refused (${plan.reason})`);
      attempt = plan.attempt;
    }
    if (to === 'submitted') attemptStart = index;
    const keys = { submission: submissionKey(attempt), providerEvent: `evt_fixture_${caseId}_${index + 1}` };
    return { id: eventId(index + 1), from, to, attempt, at: at(index), ...transitionBy(uid, from, to, keys) };
  });

  // What the pipeline leaves on the case: provider refs once the current attempt was handed over
  // (a resubmission clears them), the provider's review of the final status, its newest event.
  const handedOver = history.slice(attemptStart).includes('in_review');
  const final = records[last];
  const result = PROVIDER_RESULTS[final.to];
  const providerEvent = records.filter((record) => record.by === 'provider').at(-1);
  const kycCase: KycCase = {
    id: caseId,
    uid,
    status: final.to,
    attempt,
    applicant: applicant(),
    provider: handedOver ? { applicantId: `app_${caseId}`, checkId: `chk_${caseId}`, attempt } : null,
    submission: handedOver ? { attempt, key: submissionKey(attempt), requestedAt: at(attemptStart), failures: 0, lastError: null } : null,
    review: final.by === 'provider' && result ? { ...result, source: 'provider', decidedAt: final.at } : null,
    lastProviderEvent: providerEvent?.sourceEventId ? { id: providerEvent.sourceEventId, createdAt: providerEvent.at } : null,
    note: null,
    version: history.length,
    createdAt: at(0),
    updatedAt: final.at,
    statusChangedAt: final.at,
    ...fields,
  };
  return {
    kycCase,
    caseDoc: caseToDoc(kycCase),
    events: records.map(({ id, ...event }) => ({ id, doc: eventToDoc(event) })),
  };
}

/** Build a case (see buildKycCase) and write it with its events in one batch; returns what was written. */
export async function seedKycCase(options: KycCaseOptions = {}): Promise<KycCaseFixture> {
  const fixture = buildKycCase(options);
  const db = testDb();
  const ref = db.doc(`kycCases/${fixture.kycCase.id}`);
  const batch = db.batch();
  batch.set(ref, fixture.caseDoc);
  for (const { id, doc } of fixture.events) batch.set(ref.collection('events').doc(id), doc);
  await batch.commit();
  return fixture;
}
