/**
 * Response bodies built from cases: what the applicant sees (no personal data
 * echoed back) and what reviewers see. Pure functions.
 */
import type { KycCase, KycEventRecord } from './kyc.model';
import type { KycAdminCase, KycAdminCaseDetail, KycCaseDetail, KycCaseView } from './kyc.schemas';
import { nextActionFor } from './kyc.state';

/** The applicant's view of a case. */
export function caseView(kycCase: KycCase, maxAttempts: number): KycCaseView {
  return {
    id: kycCase.id,
    status: kycCase.status,
    attempt: kycCase.attempt,
    maxAttempts,
    nextAction: nextActionFor(kycCase.status, kycCase.attempt, maxAttempts),
    message: kycCase.review?.userMessage ?? null,
    labels: kycCase.review?.labels ?? [],
    createdAt: kycCase.createdAt,
    updatedAt: kycCase.updatedAt,
    statusChangedAt: kycCase.statusChangedAt,
  };
}

/** The applicant's view with the status history. */
export function caseDetailView(kycCase: KycCase, events: KycEventRecord[], maxAttempts: number): KycCaseDetail {
  return {
    ...caseView(kycCase, maxAttempts),
    history: events.map((event) => ({ from: event.from, to: event.to, attempt: event.attempt, by: event.by, at: event.at })),
  };
}

/** A reviewer's view (applicant data, review, provider refs, operational note). */
export function adminCaseView(kycCase: KycCase, maxAttempts: number): KycAdminCase {
  return {
    ...caseView(kycCase, maxAttempts),
    uid: kycCase.uid,
    applicant: kycCase.applicant,
    review: kycCase.review,
    provider: kycCase.provider,
    note: kycCase.note,
  };
}

/** A reviewer's view with the case's event log (oldest first), who and why included. */
export function adminCaseDetailView(kycCase: KycCase, events: KycEventRecord[], maxAttempts: number): KycAdminCaseDetail {
  return {
    ...adminCaseView(kycCase, maxAttempts),
    events: events.map((event) => ({
      id: event.id,
      from: event.from,
      to: event.to,
      attempt: event.attempt,
      by: event.by,
      actor: { type: event.actor.type, id: event.actor.id },
      reason: event.reason,
      sourceEventId: event.sourceEventId,
      at: event.at,
    })),
  };
}
