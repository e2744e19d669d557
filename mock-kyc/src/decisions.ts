/**
 * Turns checks into decisions: schedules the sandbox outcome after the
 * configured delay, applies forced outcomes, updates the check and emits the
 * callback events. All of a check's decision timers share one scheduler group
 * so a forced outcome can cancel whatever the sandbox still had planned.
 */
import type { Dispatcher } from './dispatcher';
import type { Logger } from './log';
import { sandboxPlan, type SandboxPlan } from './outcomes';
import type { Scheduler } from './scheduler';
import { newId, type Check, type HoldReview, type KycEvent, type Review, type Store } from './store';
import type { ForcedOutcome } from './validation';

/** Dependencies of the decider. */
export interface DeciderDeps {
  store: Store;
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  log: Logger;
  decisionDelayMs: number;
  lateRedDelayMs: number;
}

const FORCED_MESSAGES = {
  GREEN: 'Your identity has been verified.',
  RED: 'We are unable to verify your identity.',
  ON_HOLD: 'Your documents are being reviewed by our team.',
} as const;

const group = (checkId: string) => `decision:${checkId}`;

/** Schedules and applies check decisions. */
export class Decider {
  private lastEventMs = 0;

  constructor(private readonly deps: DeciderDeps) {}

  /** Strictly increasing timestamps, so receivers ordering events by createdAt never see a tie. */
  private nextTimestamp(): string {
    this.lastEventMs = Math.max(Date.now(), this.lastEventMs + 1);
    return new Date(this.lastEventMs).toISOString();
  }

  /** Plan the sandbox decision of a newly created check. */
  schedule(check: Check): void {
    const { scheduler, decisionDelayMs, store } = this.deps;
    scheduler.schedule(
      () => {
        const applicant = store.applicants.get(check.applicantId);
        if (applicant) this.apply(check, sandboxPlan(applicant, new Date()));
      },
      decisionDelayMs,
      group(check.id),
    );
  }

  /** Apply a forced outcome now, cancelling any pending sandbox decision; returns the event sent. */
  force(check: Check, outcome: ForcedOutcome): KycEvent {
    this.deps.scheduler.cancelGroup(group(check.id));
    const userMessage = outcome.userMessage ?? FORCED_MESSAGES[outcome.answer];
    if (outcome.answer === 'ON_HOLD') return this.hold(check, { labels: outcome.labels, userMessage });
    return this.complete(check, {
      answer: outcome.answer,
      ...(outcome.rejectType ? { rejectType: outcome.rejectType } : {}),
      labels: outcome.labels,
      userMessage,
    });
  }

  private apply(check: Check, plan: SandboxPlan): void {
    switch (plan.kind) {
      case 'none':
        this.deps.log('check.no_decision', { checkId: check.id });
        return;
      case 'on_hold':
        this.hold(check, plan.review);
        return;
      case 'complete':
        this.complete(check, plan.review);
        return;
      case 'late_red':
        this.complete(check, plan.first);
        this.deps.scheduler.schedule(() => this.complete(check, plan.later), this.deps.lateRedDelayMs, group(check.id));
        return;
    }
  }

  private hold(check: Check, review: HoldReview): KycEvent {
    check.status = 'on_hold';
    return this.emit(check, 'kyc.check.on_hold', review);
  }

  private complete(check: Check, review: Review): KycEvent {
    const event = this.emit(check, 'kyc.check.completed', review);
    check.status = 'completed';
    check.result = { ...review, labels: [...review.labels], decidedAt: event.createdAt };
    this.deps.log('check.decided', { checkId: check.id, answer: review.answer, rejectType: review.rejectType });
    return event;
  }

  private emit(check: Check, type: KycEvent['type'], review: Review | HoldReview): KycEvent {
    const now = this.nextTimestamp();
    const event: KycEvent = {
      id: newId('evt'),
      type,
      createdAt: now,
      caseId: check.caseId,
      applicantId: check.applicantId,
      attempt: check.attempt,
      review: { ...review, labels: [...review.labels] },
    };
    check.updatedAt = now;
    check.eventIds.push(event.id);
    this.deps.store.events.set(event.id, event);
    this.deps.dispatcher.enqueue(event, check.callbackUrl, check.id);
    return event;
  }
}
