/**
 * KYC case fixtures: a case and its transition log built with the production
 * mapping (caseToDoc / eventToDoc in src/kyc/kyc.mapping.ts) from a history
 * invented by src/dev/kyc-history.ts (shared with the seed, src/dev/seed.ts), so a
 * case a test writes straight to Firestore has exactly the stored shape and
 * every read of it answers inside the API contract. The history is checked
 * against the state machine: a fixture can only be in a state the pipeline
 * could have reached. As for seeded data, no audit entries are written for the
 * invented history.
 */
import { randomUUID } from 'node:crypto';
import { FieldValue, type DocumentData } from 'firebase-admin/firestore';
import { inventCaseHistory } from '../../src/dev/kyc-history';
import { caseToDoc, eventToDoc } from '../../src/kyc/kyc.mapping';
import type { Applicant, CaseFields, KycCase } from '../../src/kyc/kyc.model';
import type { KycStatus } from '../../src/kyc/kyc.state';
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

/**
 * Build a complete case in its final state with its whole, legal history
 * (src/kyc/kyc.history.ts, shared with the seed). Fields in `options`
 * override the derived ones. A case in review carries provider refs, so
 * tests can answer it with webhooks.
 */
export function buildKycCase(options: KycCaseOptions = {}): KycCaseFixture {
  const { uid = uniqueId('u'), caseId = uniqueId('kc'), status, history: given, ...fields } = options;
  const history = given ?? DEFAULT_HISTORY[status ?? 'submitted'];
  if (status && status !== history[history.length - 1]) throw new Error(`KYC fixture ${caseId}: history ends in ${history[history.length - 1]}, not ${status}`);
  const invented = inventCaseHistory({
    uid,
    caseId,
    history,
    applicant: applicant(),
    now: new Date(),
    stepMs: STEP_MS,
    label: 'fixture',
    providerRefsWhileInReview: true,
  });
  const kycCase: KycCase = { ...invented.kycCase, ...fields };
  return {
    kycCase,
    caseDoc: caseToDoc(kycCase),
    events: invented.events.map(({ id, ...event }) => ({ id, doc: eventToDoc(event) })),
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
  // The user's KYC head, as KycRepository.open keeps it (case count, latest case).
  const { uid, id, status, attempt } = fixture.kycCase;
  batch.set(db.doc(`kycApplicants/${uid}`), { cases: FieldValue.increment(1), latest: { caseId: id, status, attempt } }, { merge: true });
  await batch.commit();
  return fixture;
}
