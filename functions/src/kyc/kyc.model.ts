/**
 * Plain shapes of the KYC domain, shared by the service, the repository, the
 * trigger and the webhook. Dates are ISO-8601 strings here; Firestore
 * Timestamps exist only inside kyc.repository.ts.
 */
import type { Actor } from '../kernel/principal';
import type { KycStatus } from './kyc.state';

export const DOCUMENT_TYPES = ['passport', 'id_card', 'driving_licence'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Postal address of the applicant. */
export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  region?: string;
  country: string;
}

/** The identity document the applicant submits. */
export interface IdentityDocument {
  type: DocumentType;
  number: string;
  issuingCountry: string;
  expiresOn: string;
}

/** Personal data of a submission. Stored only in the case; never logged. */
export interface Applicant {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationality: string;
  address: Address;
  document: IdentityDocument;
}

/** The result of a review, from the provider or a reviewer. */
export interface Review {
  source: 'provider' | 'reviewer';
  answer: 'GREEN' | 'RED' | null;
  rejectType: 'RETRY' | 'FINAL' | null;
  labels: string[];
  /** Text meant for the applicant (provider message or reviewer reason). */
  userMessage: string | null;
  decidedAt: string;
}

/** The provider's identifiers for the current attempt. */
export interface ProviderRefs {
  applicantId: string;
  checkId: string;
  attempt: number;
}

/**
 * Bookkeeping of the hand-over to the provider for one attempt: the
 * Idempotency-Key every call for this attempt reuses (the trigger event id
 * that first handled it), and failures so far.
 */
export interface Submission {
  attempt: number;
  key: string;
  requestedAt: string;
  failures: number;
  lastError: string | null;
}

/** The newest provider event applied to the case (events older than it are stale). */
export interface ProviderEventMark {
  id: string;
  createdAt: string;
}

/** kycCases/{caseId}. */
export interface KycCase {
  id: string;
  uid: string;
  status: KycStatus;
  attempt: number;
  applicant: Applicant;
  provider: ProviderRefs | null;
  submission: Submission | null;
  review: Review | null;
  lastProviderEvent: ProviderEventMark | null;
  /** Operational note, e.g. why the hand-over to the provider failed. */
  note: string | null;
  /** Number of transitions applied so far; also the id of the last event. */
  version: number;
  createdAt: string;
  updatedAt: string;
  statusChangedAt: string;
}

/** Who caused a transition, as shown in the case history. */
export type TransitionBy = 'applicant' | 'provider' | 'reviewer' | 'system';

/** kycCases/{caseId}/events/{eventId}: one applied transition. */
export interface KycEventRecord {
  id: string;
  from: KycStatus | null;
  to: KycStatus;
  attempt: number;
  by: TransitionBy;
  actor: { type: Actor['type']; id: string };
  reason: string;
  sourceEventId: string | null;
  at: string;
}

/** Context of a transition: who, why, and what caused it (for the event log and audit). */
export interface TransitionMeta {
  actor: Actor;
  by: TransitionBy;
  reason: string;
  sourceEventId?: string;
  requestId?: string;
}

/** Fields a change may set besides the status. */
export type CaseFields = Partial<Pick<KycCase, 'applicant' | 'provider' | 'submission' | 'review' | 'lastProviderEvent' | 'note'>>;

/**
 * A change decided by the service and applied atomically by the repository:
 * transitions (each written with its event record and audit entry) and
 * fields to set. `audit` records a change that is not a transition.
 */
export interface CaseChange {
  /** Status changes applied in order (usually one), each with its own event and audit entry. */
  transitions?: { to: KycStatus; attempt: number; meta: TransitionMeta }[];
  set?: CaseFields;
  audit?: { actor: Actor; action: string; after?: unknown; requestId?: string };
}

/** System actors (the `id` says which part of the pipeline acted). */
export const SYSTEM_ACTORS = {
  provider: { type: 'system', id: 'kyc-provider' },
  trigger: { type: 'system', id: 'kyc-trigger' },
  sweep: { type: 'system', id: 'kyc-sweep' },
} as const satisfies Record<string, Actor>;
