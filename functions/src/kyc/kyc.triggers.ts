/**
 * Firestore trigger on kycCases/{caseId}. The plain handler is exported on its
 * own so tests (firebase-functions-test or a direct call) can drive it; index.ts
 * wraps it with onDocumentWritten (retry: true, since delivery is at least once
 * and the handler is idempotent).
 *
 * On a status change (or a new attempt):
 *   - users/{uid}.kycStatus follows the case, monotonically (kyc.status-sync.ts);
 *   - the `kyc` custom claim follows the user's latest case (kyc.claims.ts);
 *   - a case that became `submitted` is handed over to the provider
 *     (kyc.submission.ts), with this event's id as the Idempotency-Key.
 * Writes that do not change the status (bookkeeping) are ignored.
 */
import { logger } from 'firebase-functions';
import type { Change, DocumentSnapshot } from 'firebase-functions/v2/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import { db } from '../firebase';
import { syncProfileKycStatus } from './kyc.status-sync';
import { defaultKycWorkerDeps, type KycWorkerDeps } from './kyc.deps';
import { syncKycClaim } from './kyc.claims';
import { handOverToProvider } from './kyc.submission';
import { SYSTEM_ACTORS } from './kyc.model';

export interface KycCaseWrittenEvent {
  id: string;
  params: { caseId: string };
  data?: Change<DocumentSnapshot>;
}

/** Handle one write of a KYC case. Safe to call any number of times per event. */
export async function handleKycCaseWritten(event: KycCaseWrittenEvent, deps: KycWorkerDeps = defaultKycWorkerDeps()): Promise<void> {
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
  const outcome = await syncProfileKycStatus(db(), {
    caseId,
    uid,
    status,
    updatedAt: updatedAt instanceof Timestamp ? updatedAt : (after.updateTime ?? Timestamp.now()),
  });
  const claim = await syncKycClaim(deps.auth(), deps.cases(), uid);
  logger.info('kyc_status_synced', { caseId, eventId: event.id, status, outcome, claim });
  if (status === 'submitted') {
    const handover = await handOverToProvider(deps, caseId, event.id, SYSTEM_ACTORS.trigger);
    logger.info('kyc_case_submitted_handled', { caseId, eventId: event.id, handover });
  }
}
