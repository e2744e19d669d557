/**
 * Applying a provider result to a case: from a signed webhook, or from the
 * sweep polling a check whose webhook never came. Both go through here, so a
 * result is applied exactly once whichever path sees it first.
 *
 * Rules:
 *   - an event id is processed once (webhookEvents/{id}, written in the same
 *     transaction as the change);
 *   - events of an older attempt, or not newer than the last applied provider
 *     event (createdAt), are stale: delivery may be duplicated and reordered;
 *   - an event created at or before a reviewer's decision on this attempt is
 *     stale too: the reviewer decided with that result already possible, and
 *     a late delivery must not silently overturn a human decision (a newer
 *     provider event still applies, e.g. a RED after a manual approval);
 *   - GREEN → approved, RED+RETRY → resubmission_required, RED+FINAL →
 *     rejected, kyc.check.on_hold → on_hold; a RED after approved → rejected;
 *   - a result for a case still `submitted` (the callback overtook the
 *     trigger's own write) first moves it to in_review, as the provider
 *     evidently has the check;
 *   - anything the state machine refuses is logged and acknowledged, never
 *     applied (the provider must not retry it forever).
 */
import { logger } from 'firebase-functions/logger';
import type { CaseChange, KycCase, TransitionMeta } from './kyc.model';
import { SYSTEM_ACTORS } from './kyc.model';
import type { KycRepository } from './kyc.repository';
import type { KycWebhookEvent, WebhookOutcome } from './kyc.schemas';
import { canTransition, type KycStatus } from './kyc.state';

/** The status a provider event asks for, or undefined for event types we do not act on. */
function targetStatus(event: Pick<KycWebhookEvent, 'type' | 'review'>, current: KycStatus): KycStatus | undefined {
  if (event.type === 'kyc.check.on_hold') return 'on_hold';
  if (event.type !== 'kyc.check.completed') return undefined;
  if (event.review.answer === 'GREEN') return 'approved';
  if (event.review.answer !== 'RED') return undefined;
  // A negative result after approval revokes it, whatever the reject type.
  if (current === 'approved') return 'rejected';
  // A RED without a reject type is treated as final: never approve or re-open on doubt.
  return event.review.rejectType === 'RETRY' ? 'resubmission_required' : 'rejected';
}

/** Decide what `event` does to `current` (pure). */
function decideProviderEvent(
  current: KycCase | undefined,
  event: KycWebhookEvent,
  via: 'webhook' | 'poll',
): { outcome: WebhookOutcome; why?: string; change?: CaseChange } {
  if (!current) return { outcome: 'ignored', why: 'unknown_case' };
  if (event.attempt < current.attempt) return { outcome: 'stale', why: 'older_attempt' };
  if (event.attempt > current.attempt) return { outcome: 'ignored', why: 'unknown_attempt' };
  if (current.lastProviderEvent && Date.parse(event.createdAt) <= Date.parse(current.lastProviderEvent.createdAt)) {
    return { outcome: 'stale', why: 'older_than_last_applied' };
  }
  // A resubmission clears `review`, so a reviewer's decision here is always one on the current attempt.
  if (current.review?.source === 'reviewer' && Date.parse(event.createdAt) <= Date.parse(current.review.decidedAt)) {
    return { outcome: 'stale', why: 'older_than_reviewer_decision' };
  }
  const to = targetStatus(event, current.status);
  if (!to) return { outcome: 'ignored', why: 'unhandled_event_type' };
  if (to === current.status) return { outcome: 'ignored', why: 'no_change' };
  const meta: TransitionMeta = {
    actor: SYSTEM_ACTORS.provider,
    by: 'provider',
    reason: `provider ${event.type}${event.review.answer ? ` ${event.review.answer}` : ''}${event.review.rejectType ? `/${event.review.rejectType}` : ''} (${via})`,
    sourceEventId: event.id,
  };
  const transitions: NonNullable<CaseChange['transitions']> = [];
  let from = current.status;
  if (from === 'submitted' && canTransition('submitted', 'in_review') && canTransition('in_review', to)) {
    transitions.push({ to: 'in_review', attempt: current.attempt, meta: { ...meta, by: 'system', reason: 'provider result arrived before the hand-over was recorded' } });
    from = 'in_review';
  }
  if (!canTransition(from, to)) {
    logger.warn('kyc_transition_refused', { caseId: current.id, from, to, source: 'provider', eventId: event.id });
    return { outcome: 'ignored', why: 'illegal_transition' };
  }
  transitions.push({ to, attempt: current.attempt, meta });
  return {
    outcome: 'applied',
    change: {
      transitions,
      set: {
        review: {
          source: 'provider',
          answer: event.review.answer ?? null,
          rejectType: event.review.answer === 'RED' ? (event.review.rejectType ?? 'FINAL') : null,
          labels: event.review.labels ?? [],
          userMessage: event.review.userMessage ?? null,
          decidedAt: event.createdAt,
        },
        lastProviderEvent: { id: event.id, createdAt: event.createdAt },
      },
    },
  };
}

/** Apply one provider event (webhook or poll), idempotently. */
export async function applyProviderEvent(repo: KycRepository, event: KycWebhookEvent, via: 'webhook' | 'poll'): Promise<WebhookOutcome> {
  let why: string | undefined;
  let from: KycStatus | undefined;
  const result = await repo.mutate(
    event.caseId,
    (current) => {
      const decision = decideProviderEvent(current, event, via);
      why = decision.why;
      from = current?.status;
      return { change: decision.change, result: decision.outcome };
    },
    { dedupeEventId: event.id, eventSummary: { type: event.type, createdAt: event.createdAt, attempt: event.attempt, via } },
  );
  const outcome: WebhookOutcome = result.duplicate ? 'duplicate' : result.result;
  logger.info('kyc_provider_event', {
    eventId: event.id,
    caseId: event.caseId,
    type: event.type,
    answer: event.review.answer,
    rejectType: event.review.rejectType,
    via,
    outcome,
    why,
    from,
    to: result.duplicate ? undefined : result.case?.status,
  });
  return outcome;
}
