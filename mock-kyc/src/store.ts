/**
 * In-memory state: applicants, checks, events. A mock has no durability
 * requirement, and keeping everything in process memory keeps runs isolated
 * (one instance per test) and start-up instant.
 */
import { randomBytes } from 'node:crypto';
import { problems } from './problem';

/** Final answer of a check. */
export type ReviewAnswer = 'GREEN' | 'RED';
/** RETRY: the user may resubmit; FINAL: no further attempt will pass. */
export type RejectType = 'RETRY' | 'FINAL';

/** The `review` of a completed event (rejectType only when RED). */
export interface Review {
  answer: ReviewAnswer;
  rejectType?: RejectType;
  labels: string[];
  userMessage: string;
}

/** The `review` of an on-hold event: no answer yet, only why. */
export interface HoldReview {
  labels: string[];
  userMessage: string;
}

/** Callback event types. */
export type KycEventType = 'kyc.check.completed' | 'kyc.check.on_hold';

/** A callback body, exactly as sent. */
export interface KycEvent {
  id: string;
  type: KycEventType;
  createdAt: string;
  caseId: string;
  applicantId: string;
  attempt: number;
  review: Review | HoldReview;
}

/** Postal address (all parts optional). */
export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  postalCode?: string;
  region?: string;
  country?: string;
}

/** Identity document. */
export interface IdentityDocument {
  type: 'PASSPORT' | 'ID_CARD' | 'DRIVERS_LICENSE' | 'RESIDENCE_PERMIT';
  number: string;
  issuingCountry: string;
  expiresOn: string;
}

/** Validated input of POST /v1/applicants. */
export interface ApplicantInput {
  externalId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationality: string;
  address?: Address;
  document: IdentityDocument;
}

/** A stored applicant. */
export interface Applicant extends ApplicantInput {
  id: string;
  createdAt: string;
  checkIds: string[];
}

/** Check lifecycle: pending → on_hold? → completed (a completed check may still receive a late RED). */
export type CheckStatus = 'pending' | 'on_hold' | 'completed';

/** A stored check. */
export interface Check {
  id: string;
  applicantId: string;
  caseId: string;
  attempt: number;
  callbackUrl: string;
  status: CheckStatus;
  createdAt: string;
  updatedAt: string;
  result?: Review & { decidedAt: string };
  eventIds: string[];
}

/** Prefixed random id, e.g. `app_3f9c...` — the prefix makes ids self-describing in logs. */
export function newId(prefix: 'app' | 'chk' | 'evt'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** The maps plus lookups that throw the right 404. */
export class Store {
  readonly applicants = new Map<string, Applicant>();
  readonly checks = new Map<string, Check>();
  readonly events = new Map<string, KycEvent>();

  /** Applicant by id or 404 APPLICANT_NOT_FOUND. */
  applicant(id: string): Applicant {
    const a = this.applicants.get(id);
    if (!a) throw problems.notFound('APPLICANT_NOT_FOUND', 'Applicant');
    return a;
  }

  /** Check by id or 404 CHECK_NOT_FOUND. */
  check(id: string): Check {
    const c = this.checks.get(id);
    if (!c) throw problems.notFound('CHECK_NOT_FOUND', 'Check');
    return c;
  }

  /** Create an applicant. */
  addApplicant(input: ApplicantInput, now: Date): Applicant {
    const applicant: Applicant = { id: newId('app'), ...input, createdAt: now.toISOString(), checkIds: [] };
    this.applicants.set(applicant.id, applicant);
    return applicant;
  }

  /** Create a pending check for an existing applicant. */
  addCheck(applicant: Applicant, input: { caseId: string; attempt: number; callbackUrl: string }, now: Date): Check {
    const at = now.toISOString();
    const check: Check = { id: newId('chk'), applicantId: applicant.id, ...input, status: 'pending', createdAt: at, updatedAt: at, eventIds: [] };
    this.checks.set(check.id, check);
    applicant.checkIds.push(check.id);
    return check;
  }
}

/** Public JSON of an applicant. */
export function applicantView(a: Applicant): Record<string, unknown> {
  const { checkIds, ...rest } = a;
  return { ...rest, checks: [...checkIds] };
}

/** Public JSON of a check, with the list of events sent for it. */
export function checkView(c: Check, store: Store): Record<string, unknown> {
  const { eventIds, ...rest } = c;
  const events = eventIds.flatMap((id) => {
    const e = store.events.get(id);
    return e ? [{ id: e.id, type: e.type, createdAt: e.createdAt }] : [];
  });
  return { ...rest, events };
}
