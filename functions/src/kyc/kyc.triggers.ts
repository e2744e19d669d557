/**
 * Firestore trigger on kycCases/{caseId}. The plain handler is exported on its
 * own so tests (test/trigger-events.ts builds its events) can drive it;
 * ../triggers/kyc-case-written.ts wraps it with onDocumentWritten (retry: true, since delivery is at least once
 * and the handler is idempotent).
 *
 * On a status change (or a new attempt):
 *   - users/{uid}.kycStatus follows the case, monotonically, and the custom
 *     claims are rebuilt from Firestore — both by the account service
 *     (deps.profiles), so the status is read fresh and redelivered or
 *     reordered events converge;
 *   - a case that became `submitted` is handed over to the provider
 *     (kyc.submission.ts), with this event's id as the Idempotency-Key,
 *     unless its owner's profile is deleted (erasure in progress).
 * Writes that do not change the status (bookkeeping) are ignored.
 */
import { logger } from 'firebase-functions/logger';
import type { Change, DocumentSnapshot } from 'firebase-functions/v2/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import type { KycTriggerDeps } from './kyc.worker';
import { handOverToProvider } from './kyc.submission';
import { SYSTEM_ACTORS } from './kyc.model';

export interface KycCaseWrittenEvent {
  id: string;
  params: { caseId: string };
  data?: Change<DocumentSnapshot>;
}

/** Handle one write of a KYC case. Safe to call any number of times per event. */
export async function handleKycCaseWritten(event: KycCaseWrittenEvent, deps: KycTriggerDeps): Promise<void> {
  const after = event.data?.after;
  if (!after?.exists) return; // deletions (erasure) need no profile sync
  const before = event.data?.before;
  const caseId = event.params.caseId;
  const status = after.get('status') as unknown;
  const uid = after.get('uid') as unknown;
  if (typeof status !== 'string' || typeof uid !== 'string') {
    logger.warn('kyc_case_malformed', { caseId, eventId: event.id });
    return;
  }
  const newAttempt = before?.exists === true && before.get('attempt') !== after.get('attempt');
  if (before?.exists && before.get('status') === status && !newAttempt) return; // not a status change
  const updatedAt = after.get('updatedAt');
  // The event's snapshot is a Firestore type; it stops here, the repositories take ISO strings.
  const updatedAtIso = (updatedAt instanceof Timestamp ? updatedAt : (after.updateTime ?? Timestamp.now())).toDate().toISOString();
  const outcome = await deps.profiles.applyKycStatus(uid, { caseId, status, updatedAt: updatedAtIso });
  const claim = await deps.profiles.syncClaims(uid);
  logger.info('kyc_status_synced', { caseId, eventId: event.id, status, outcome, claim: claim.outcome, revoked: claim.revoked });
  if (status === 'submitted') {
    // A case opened just before its owner erased their account must not reach the provider:
    // erasure writes the tombstone first, so a deleted profile here means "erased or erasing".
    // Out of scope: deleting an applicant the provider already holds (a hand-over that won the race).
    if (await deps.profiles.isDeleted(uid)) {
      logger.info('kyc_case_submitted_handled', { caseId, eventId: event.id, handover: 'owner_deleted' });
      return;
    }
    const handover = await handOverToProvider(deps, caseId, event.id, SYSTEM_ACTORS.trigger);
    logger.info('kyc_case_submitted_handled', { caseId, eventId: event.id, handover });
  }
}
