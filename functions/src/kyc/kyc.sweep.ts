/**
 * The KYC sweep (scheduled every few minutes): the safety net for everything
 * the event-driven path can lose.
 *   - `submitted` past the submit deadline: the trigger never finished (process
 *     killed, retries exhausted) → hand over again, idempotently (same key);
 *   - `in_review` past the review deadline: the webhook may be lost → poll the
 *     check and apply its result as if it had been delivered (same event id,
 *     so a late webhook is a duplicate);
 *   - `submitted` or `in_review` past the expiry limit → expired.
 * Each case is handled on its own; one failure does not stop the sweep.
 */
import { logger } from 'firebase-functions/logger';
import type { KycWorkerDeps } from './kyc.worker';
import type { KycCase } from './kyc.model';
import { SYSTEM_ACTORS } from './kyc.model';
import { applyProviderEvent } from './kyc.provider-events';
import type { ProviderCheck } from './kyc.provider';
import type { KycWebhookEvent } from './kyc.schemas';
import { handOverToProvider } from './kyc.submission';
import { canTransition } from './kyc.state';

export interface SweepOptions {
  /** The sweep's notion of now (tests pass a later instant instead of waiting). */
  now?: Date;
  /** Only cases of these users (tests, support tooling); all when omitted. */
  uids?: string[];
  /** Cases per status and run. */
  limit?: number;
}

export interface SweepReport {
  resubmitted: number;
  polled: number;
  applied: number;
  expired: number;
  failed: number;
}

/** The provider event a polled check amounts to, or undefined while it is pending. */
function eventFromCheck(check: ProviderCheck): KycWebhookEvent | undefined {
  const latest = check.events.at(-1);
  if (!latest) return undefined;
  const result = check.status === 'completed' ? check.result : undefined;
  return {
    id: latest.id,
    type: latest.type,
    createdAt: latest.createdAt,
    caseId: check.caseId,
    applicantId: check.applicantId,
    attempt: check.attempt,
    review: { labels: result?.labels ?? [], answer: result?.answer, rejectType: result?.rejectType, userMessage: result?.userMessage },
  };
}

/** Move a stale open case to `expired` if it is still where the sweep saw it. */
async function expire(deps: KycWorkerDeps, seen: KycCase): Promise<boolean> {
  const result = await deps.cases().mutate(seen.id, (current) => {
    if (!current || current.version !== seen.version || !canTransition(current.status, 'expired')) return { result: false };
    const meta = { actor: SYSTEM_ACTORS.sweep, by: 'system' as const, reason: `no decision within the time limit (was ${current.status})` };
    return { result: true, change: { transitions: [{ to: 'expired' as const, attempt: current.attempt, meta }] } };
  });
  return !result.duplicate && result.result;
}

/** Run one sweep. */
export async function sweepKycCases(deps: KycWorkerDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const settings = deps.settings();
  const limit = options.limit ?? 200;
  const report: SweepReport = { resubmitted: 0, polled: 0, applied: 0, expired: 0, failed: 0 };
  const mine = (kycCase: KycCase) => !options.uids || options.uids.includes(kycCase.uid);
  const pastExpiry = (kycCase: KycCase) => now.getTime() - Date.parse(kycCase.statusChangedAt) >= settings.expiryMs;

  const submitted = await deps.cases().idleSince('submitted', new Date(now.getTime() - settings.submitDeadlineMs), limit);
  for (const kycCase of submitted.filter(mine)) {
    try {
      if (pastExpiry(kycCase)) {
        if (await expire(deps, kycCase)) report.expired++;
        continue;
      }
      // Reuses the key recorded by the first hand-over of this attempt; this one only if there was none.
      const outcome = await handOverToProvider(deps, kycCase.id, `sweep-${kycCase.id}-${kycCase.attempt}`, SYSTEM_ACTORS.sweep, { restart: true });
      if (outcome === 'handed_over' || outcome === 'refs_recorded') report.resubmitted++;
    } catch (error) {
      report.failed++;
      logger.error('kyc_sweep_case_failed', { caseId: kycCase.id, status: kycCase.status, error: String(error) });
    }
  }

  const inReview = await deps.cases().idleSince('in_review', new Date(now.getTime() - settings.reviewDeadlineMs), limit);
  for (const kycCase of inReview.filter(mine)) {
    try {
      const check = kycCase.provider?.attempt === kycCase.attempt ? await deps.provider().getCheck(kycCase.provider.checkId) : undefined;
      if (check) report.polled++;
      const event = check && check.status !== 'pending' ? eventFromCheck(check) : undefined;
      if (event) {
        if ((await applyProviderEvent(deps.cases(), event, 'poll')) === 'applied') report.applied++;
        continue;
      }
      if (pastExpiry(kycCase) && (await expire(deps, kycCase))) report.expired++;
    } catch (error) {
      report.failed++;
      logger.error('kyc_sweep_case_failed', { caseId: kycCase.id, status: kycCase.status, error: String(error) });
    }
  }
  logger.info('kyc_sweep_done', { ...report });
  return report;
}
