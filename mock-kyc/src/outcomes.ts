/**
 * Deterministic sandbox outcomes. The decision depends only on the applicant's
 * data (and today's date for expiry/age), so a test picks its scenario by
 * choosing a last name or a document-number suffix. README.md mirrors this table.
 */
import type { HoldReview, Review } from './store';

/** What the sandbox will do with a check. */
export type SandboxPlan =
  | { kind: 'complete'; review: Review }
  | { kind: 'on_hold'; review: HoldReview }
  | { kind: 'late_red'; first: Review; later: Review }
  | { kind: 'none' };

/** One row of the trigger table: a last name (case-insensitive) or a document-number suffix. */
export interface SandboxRule {
  scenario: string;
  lastName: string;
  documentSuffix: string;
  plan: SandboxPlan;
}

const GREEN: Review = { answer: 'GREEN', labels: [], userMessage: 'Your identity has been verified.' };

/** The name/suffix triggers, checked in this order before the data-based rules. */
export const SANDBOX_RULES: readonly SandboxRule[] = [
  {
    scenario: 'RED + RETRY (resubmission)',
    lastName: 'Retry',
    documentSuffix: 'RETRY',
    plan: {
      kind: 'complete',
      review: {
        answer: 'RED',
        rejectType: 'RETRY',
        labels: ['DOCUMENT_UNREADABLE'],
        userMessage: 'We could not read your document. Please upload a clearer photo.',
      },
    },
  },
  {
    scenario: 'RED + FINAL (rejected)',
    lastName: 'Reject',
    documentSuffix: 'FINAL',
    plan: {
      kind: 'complete',
      review: {
        answer: 'RED',
        rejectType: 'FINAL',
        labels: ['FORGERY'],
        userMessage: 'We are unable to verify your identity.',
      },
    },
  },
  {
    scenario: 'on hold (manual review, until forced)',
    lastName: 'Review',
    documentSuffix: 'HOLD',
    plan: {
      kind: 'on_hold',
      review: { labels: ['MANUAL_REVIEW'], userMessage: 'Your documents are being reviewed by our team.' },
    },
  },
  {
    scenario: 'GREEN, then a late RED + FINAL',
    lastName: 'Late',
    documentSuffix: 'LATE',
    plan: {
      kind: 'late_red',
      first: GREEN,
      later: {
        answer: 'RED',
        rejectType: 'FINAL',
        labels: ['WATCHLIST_MATCH'],
        userMessage: 'We are unable to continue your verification.',
      },
    },
  },
  { scenario: 'no decision (stays pending until forced)', lastName: 'Pending', documentSuffix: 'PENDING', plan: { kind: 'none' } },
];

/** Whole years between an ISO date and today (UTC). */
function ageOn(dateOfBirth: string, today: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}

/** Decide what the sandbox does for an applicant. Returns a fresh object (callers may mutate it). */
export function sandboxPlan(
  applicant: { lastName: string; dateOfBirth: string; document: { number: string; expiresOn: string } },
  today: Date,
): SandboxPlan {
  const lastName = applicant.lastName.trim().toLowerCase();
  const number = applicant.document.number.trim().toUpperCase();
  const rule = SANDBOX_RULES.find((r) => r.lastName.toLowerCase() === lastName || number.endsWith(r.documentSuffix));
  if (rule) return structuredClone(rule.plan);
  if (applicant.document.expiresOn < today.toISOString().slice(0, 10)) {
    return {
      kind: 'complete',
      review: { answer: 'RED', rejectType: 'RETRY', labels: ['DOCUMENT_EXPIRED'], userMessage: 'Your document has expired. Please use a valid one.' },
    };
  }
  if (ageOn(applicant.dateOfBirth, today) < 18) {
    return {
      kind: 'complete',
      review: { answer: 'RED', rejectType: 'FINAL', labels: ['AGE_BELOW_MINIMUM'], userMessage: 'You must be at least 18 years old.' },
    };
  }
  return { kind: 'complete', review: structuredClone(GREEN) };
}
