/**
 * A case in its final state with a whole, legal, invented history: what the
 * pipeline would have left behind had the case really gone through those
 * statuses. Used by the seed (dev/seed.ts) and by test fixtures
 * (functions/test/kyc/kyc-fixtures.ts), so neither spells out the case's
 * derived fields (attempt, provider refs, review, version, timestamps) or the
 * event authors on its own. Not deployed (dev/ is in firebase.json's ignore).
 *
 * Every step is checked with the state machine (kyc.state.ts): an invented
 * case can only be in a state the pipeline could have reached.
 */
import { eventId } from '../kyc/kyc.mapping';
import { SYSTEM_ACTORS, type Applicant, type KycCase, type KycEventRecord, type Review } from '../kyc/kyc.model';
import { planTransition, type KycStatus } from '../kyc/kyc.state';

export interface InventedCaseInput {
  uid: string;
  caseId: string;
  /** Statuses in order, starting with `submitted`; the last one is the case's status. */
  history: readonly KycStatus[];
  applicant: Applicant;
  /** When the last transition happened; earlier ones are spaced stepMs apart before it. */
  now: Date;
  stepMs: number;
  /** Marks invented ids and reasons (submission keys, provider ids), e.g. 'seed' or 'fixture'. */
  label: string;
  /**
   * Whether a case still in review carries provider refs. The seed says no:
   * the mock provider holds no check for a seeded case, so the sweep must let
   * it expire instead of polling. Tests that answer with webhooks say yes.
   */
  providerRefsWhileInReview: boolean;
}

/** The provider result behind each status a provider event sets (what the webhook would have stored). */
const PROVIDER_RESULTS: Partial<Record<KycStatus, Omit<Review, 'source' | 'decidedAt'>>> = {
  approved: { answer: 'GREEN', rejectType: null, labels: [], userMessage: null },
  rejected: { answer: 'RED', rejectType: 'FINAL', labels: ['FORGERY'], userMessage: 'We could not verify your identity.' },
  resubmission_required: {
    answer: 'RED',
    rejectType: 'RETRY',
    labels: ['DOCUMENT_UNREADABLE'],
    userMessage: 'We could not read your document. Please upload a clearer photo.',
  },
  on_hold: { answer: null, rejectType: null, labels: ['MANUAL_REVIEW'], userMessage: null },
};

/** Who made a transition and why, as the pipeline records it. */
function transitionBy(
  uid: string,
  from: KycStatus | null,
  to: KycStatus,
  ids: { label: string; submissionKey: string; providerEventId: string },
): Pick<KycEventRecord, 'by' | 'actor' | 'reason' | 'sourceEventId'> {
  if (to === 'submitted') {
    return { by: 'applicant', actor: { type: 'user', id: uid }, reason: from ? 'resubmitted by the applicant' : 'submitted by the applicant', sourceEventId: null };
  }
  if (from === 'submitted' && to === 'in_review') {
    return { by: 'system', actor: SYSTEM_ACTORS.trigger, reason: 'handed over to the provider', sourceEventId: ids.submissionKey };
  }
  if (to === 'expired') return { by: 'system', actor: SYSTEM_ACTORS.sweep, reason: 'no decision within the time limit', sourceEventId: null };
  if (to === 'canceled') return { by: 'system', actor: { type: 'system', id: ids.label }, reason: `canceled (${ids.label})`, sourceEventId: null };
  return { by: 'provider', actor: SYSTEM_ACTORS.provider, reason: `provider result ${to} (${ids.label})`, sourceEventId: ids.providerEventId };
}

/** Builds the case and its event records (oldest first, ids eventId(version)); throws on an illegal history. */
export function inventCaseHistory(input: InventedCaseInput): { kycCase: KycCase; events: KycEventRecord[] } {
  const { uid, caseId, history, label } = input;
  const last = history.length - 1;
  if (history[0] !== 'submitted') throw new Error(`KYC case ${caseId}: a history starts with submitted`);
  const at = (index: number): string => new Date(input.now.getTime() - (last - index) * input.stepMs).toISOString();
  const submissionKey = (attempt: number): string => `${label}-${caseId}-${attempt}`;

  let attempt = 1;
  let attemptStart = 0; // index of the `submitted` that began the current attempt
  const events = history.map((to, index): KycEventRecord => {
    const from = index === 0 ? null : history[index - 1];
    if (from) {
      // The attempt limit is a deployment setting, not part of a history.
      const plan = planTransition({ from, to, attempt, maxAttempts: Number.POSITIVE_INFINITY });
      if (!plan.ok) throw new Error(`KYC case ${caseId}: ${from} → ${to} is refused (${plan.reason})`);
      attempt = plan.attempt;
    }
    if (to === 'submitted') attemptStart = index;
    const ids = { label, submissionKey: submissionKey(attempt), providerEventId: `evt_${label}_${caseId}_${index + 1}` };
    return { id: eventId(index + 1), from, to, attempt, at: at(index), ...transitionBy(uid, from, to, ids) };
  });

  // What the pipeline leaves on the case: provider refs once the current attempt was handed over
  // (a resubmission clears them), the provider's review of the final status, its newest event.
  const final = events[last];
  const handedOver = history.slice(attemptStart).includes('in_review');
  const hasProviderRefs = handedOver && (input.providerRefsWhileInReview || final.to !== 'in_review');
  const result = PROVIDER_RESULTS[final.to];
  const providerEvent = events.filter((event) => event.by === 'provider').at(-1);
  const kycCase: KycCase = {
    id: caseId,
    uid,
    status: final.to,
    attempt,
    applicant: input.applicant,
    provider: hasProviderRefs ? { applicantId: `app_${label}_${caseId}`, checkId: `chk_${label}_${caseId}`, attempt } : null,
    submission: handedOver ? { attempt, key: submissionKey(attempt), requestedAt: at(attemptStart), failures: 0, lastError: null } : null,
    review: final.by === 'provider' && result ? { ...result, source: 'provider', decidedAt: final.at } : null,
    lastProviderEvent: providerEvent?.sourceEventId ? { id: providerEvent.sourceEventId, createdAt: providerEvent.at } : null,
    note: null,
    version: history.length,
    createdAt: at(0),
    updatedAt: final.at,
    statusChangedAt: final.at,
  };
  return { kycCase, events };
}
