/**
 * Firestore trigger on kycCases/{caseId}. The plain handler is exported on its
 * own so tests (firebase-functions-test or a direct call) can drive it; index.ts
 * wraps it with onDocumentWritten (retry: true, since delivery is at least once
 * and the handler is idempotent).
 */
import { logger } from 'firebase-functions';
import type { Change, DocumentSnapshot } from 'firebase-functions/v2/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import { db } from '../firebase';
import { syncProfileKycStatus } from './kyc.status-sync';

export interface KycCaseWrittenEvent {
  id: string;
  params: { caseId: string };
  data?: Change<DocumentSnapshot>;
}

/** Handle one write of a KYC case. Safe to call any number of times per event. */
export async function handleKycCaseWritten(event: KycCaseWrittenEvent): Promise<void> {
  const after = event.data?.after;
  if (!after?.exists) return; // deletions (erasure) need no profile sync
  const before = event.data?.before;
  const status = after.get('status') as unknown;
  const uid = after.get('uid') as unknown;
  if (typeof status !== 'string' || typeof uid !== 'string') {
    logger.warn('kyc_case_malformed', { caseId: event.params.caseId, eventId: event.id });
    return;
  }
  if (before?.exists && before.get('status') === status) return; // not a status change
  const updatedAt = after.get('updatedAt');
  const outcome = await syncProfileKycStatus(db(), {
    caseId: event.params.caseId,
    uid,
    status,
    updatedAt: updatedAt instanceof Timestamp ? updatedAt : (after.updateTime ?? Timestamp.now()),
  });
  logger.info('kyc_status_synced', { caseId: event.params.caseId, eventId: event.id, status, outcome });
}
