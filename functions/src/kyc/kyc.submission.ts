/**
 * Hand-over of a `submitted` case to the provider (create applicant, start
 * check), then submitted → in_review with the provider's refs. Used by the
 * trigger and, for cases stuck in `submitted`, by the sweep.
 *
 * Safe under repeated and concurrent runs:
 *   1. the first run for an attempt records the Idempotency-Key it will use
 *      (the trigger event id) on the case; every later run for that attempt
 *      (redelivery, platform retry, sweep) reuses it, so the provider replays
 *      instead of creating a second applicant or check, even when a process
 *      died between the provider call and our write;
 *   2. a case already past `submitted`, or on another attempt, is left alone —
 *      except one the provider's result moved on while the hand-over's own
 *      answer was lost: its refs are fetched again with the same key and
 *      recorded, without a transition (awaitsHandover);
 *   3. failures are counted on the case; transient ones are rethrown (the
 *      platform retries, retry: true) until MAX_HANDOVER_FAILURES, then, like
 *      a permanent failure, surfaced as a note on the case plus an audit entry
 *      and left to the sweep (which restarts the series, same key) or a reviewer.
 */
import { logger } from 'firebase-functions/logger';
import type { Actor } from '../kernel/principal';
import type { KycWorkerDeps } from './kyc.worker';
import type { KycCase } from './kyc.model';
import type { KycStatus } from './kyc.state';
import { ProviderError } from './kyc.provider';

/** Failed hand-overs of one attempt before the failure is surfaced and retries stop. */
export const MAX_HANDOVER_FAILURES = 5;

export type HandoverOutcome = 'handed_over' | 'refs_recorded' | 'skipped' | 'gave_up';

type Claim = { skip: true } | { skip: false; kycCase: KycCase; key: string };

/** Statuses only the provider's result (or a hand-over) can have put the current attempt in. */
const PAST_HANDOVER: ReadonlySet<KycStatus> = new Set(['in_review', 'on_hold', 'approved', 'rejected', 'resubmission_required']);

/**
 * Whether the current attempt still needs (part of) its hand-over: it is
 * `submitted`, or the provider's result overtook our write (the webhook moved
 * the case on) while the hand-over's own answer was lost, so the refs were
 * never recorded. The second case re-runs the calls with the attempt's
 * recorded key (the provider replays the same applicant and check) and only
 * records the refs; without it a lost startCheck response left a decided
 * case without refs for good.
 */
function awaitsHandover(current: KycCase): boolean {
  if (current.status === 'submitted') return true;
  return PAST_HANDOVER.has(current.status) && current.provider?.attempt !== current.attempt && current.submission?.attempt === current.attempt;
}

/** Hand the case's current attempt to the provider. Rethrows transient failures for the platform to retry. */
export async function handOverToProvider(
  deps: KycWorkerDeps,
  caseId: string,
  candidateKey: string,
  actor: Actor,
  options: { restart?: boolean } = {},
): Promise<HandoverOutcome> {
  const cases = deps.cases();
  const claimed = await cases.mutate<Claim>(caseId, (current) => {
    if (!current || !awaitsHandover(current)) return { result: { skip: true } };
    if (current.provider?.attempt === current.attempt) return { result: { skip: false, kycCase: current, key: current.submission?.key ?? candidateKey } };
    const mine = current.submission?.attempt === current.attempt ? current.submission : null;
    if (mine && mine.failures >= MAX_HANDOVER_FAILURES) {
      // Surfaced already: redeliveries stop here; the sweep restarts the series (same key).
      if (!options.restart) return { result: { skip: true } };
      return { result: { skip: false, kycCase: current, key: mine.key }, change: { set: { submission: { ...mine, failures: 0 } } } };
    }
    if (mine) return { result: { skip: false, kycCase: current, key: mine.key } };
    const submission = { attempt: current.attempt, key: candidateKey, requestedAt: new Date().toISOString(), failures: 0, lastError: null };
    return { result: { skip: false, kycCase: current, key: candidateKey }, change: { set: { submission } } };
  });
  if (claimed.duplicate || claimed.result.skip) return 'skipped';
  const { kycCase, key } = claimed.result;
  const attempt = kycCase.attempt;

  let refs = kycCase.provider?.attempt === attempt ? kycCase.provider : null;
  if (!refs) {
    try {
      const provider = deps.provider();
      const applicant = await provider.createApplicant(kycCase.id, kycCase.applicant, key);
      const callbackUrl = deps.settings().callbackUrl;
      const check = await provider.startCheck(applicant.id, { caseId: kycCase.id, attempt, ...(callbackUrl ? { callbackUrl } : {}) }, key);
      refs = { applicantId: applicant.id, checkId: check.id, attempt };
    } catch (error) {
      return recordFailure(deps, kycCase, error, actor);
    }
  }

  const providerRefs = refs;
  const recorded = await cases.mutate<HandoverOutcome>(caseId, (current) => {
    if (!current || current.attempt !== attempt) return { result: 'skipped' };
    const set = { provider: providerRefs, note: null };
    if (current.status === 'submitted') {
      const meta = { actor, by: 'system' as const, reason: 'handed over to the provider', sourceEventId: key };
      return { result: 'handed_over', change: { set, transitions: [{ to: 'in_review' as const, attempt, meta }] } };
    }
    // The provider's result overtook this write (the webhook already moved the case on): keep its refs anyway.
    if (current.provider?.attempt !== attempt) return { result: 'refs_recorded', change: { set } };
    return { result: 'skipped' };
  });
  const outcome = recorded.duplicate ? 'skipped' : recorded.result;
  logger.info('kyc_handover', { caseId, attempt, outcome, applicantId: providerRefs.applicantId, checkId: providerRefs.checkId, actor: actor.id });
  return outcome;
}

async function recordFailure(deps: KycWorkerDeps, kycCase: KycCase, error: unknown, actor: Actor): Promise<HandoverOutcome> {
  const transient = !(error instanceof ProviderError) || error.transient;
  const message = error instanceof Error ? error.message : String(error);
  const recorded = await deps.cases().mutate<number>(kycCase.id, (current) => {
    if (!current || !awaitsHandover(current) || current.attempt !== kycCase.attempt || !current.submission) return { result: -1 };
    // A permanent failure counts as the last one: retrying the same request cannot succeed.
    const failures = transient ? current.submission.failures + 1 : Math.max(current.submission.failures + 1, MAX_HANDOVER_FAILURES);
    const giveUp = failures >= MAX_HANDOVER_FAILURES;
    return {
      result: giveUp ? failures : 0,
      change: {
        set: {
          submission: { ...current.submission, failures, lastError: message },
          ...(giveUp ? { note: `Hand-over to the KYC provider failed ${failures} time(s): ${message}` } : {}),
        },
        ...(giveUp ? { audit: { actor, action: 'kyc.case.handover_failed', after: { attempt: current.attempt, failures, error: message, transient } } } : {}),
      },
    };
  });
  const failures = recorded.duplicate ? -1 : recorded.result;
  logger.error('kyc_handover_failed', { caseId: kycCase.id, attempt: kycCase.attempt, transient, error: message, surfaced: failures > 0 });
  if (failures > 0) return 'gave_up';
  if (failures < 0) return 'skipped';
  // Let the platform retry the whole event (retry: true); the next run reuses the same key.
  throw error;
}
