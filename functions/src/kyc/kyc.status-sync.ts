/**
 * Keeps users/{uid}.kycStatus in step with the user's KYC case.
 *
 * Called by the onKycCaseWritten trigger, which is delivered at least once and
 * possibly out of order. The update is therefore idempotent and monotonic: it
 * runs in a transaction and applies a case's status only if that case's
 * `updatedAt` is not older than the one the profile last took its status
 * from (`kycStatusSource`), so a late redelivery of an older write can never
 * roll the profile back.
 */
import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';

export interface KycCaseSnapshot {
  caseId: string;
  uid: string;
  status: string;
  updatedAt: Timestamp;
}

export type SyncOutcome = 'applied' | 'unchanged' | 'stale' | 'no-profile';

/** Apply the case's status to its owner's profile unless it is stale. */
export async function syncProfileKycStatus(firestore: Firestore, kycCase: KycCaseSnapshot): Promise<SyncOutcome> {
  const userRef = firestore.collection('users').doc(kycCase.uid);
  return firestore.runTransaction(async (tx) => {
    const profile = await tx.get(userRef);
    if (!profile.exists) return 'no-profile';
    const source = profile.get('kycStatusSource') as { caseId?: string; updatedAt?: Timestamp } | undefined;
    if (source?.updatedAt && source.updatedAt.toMillis() > kycCase.updatedAt.toMillis()) return 'stale';
    if (profile.get('kycStatus') === kycCase.status && source?.caseId === kycCase.caseId) return 'unchanged';
    tx.update(userRef, {
      kycStatus: kycCase.status,
      kycStatusSource: { caseId: kycCase.caseId, updatedAt: kycCase.updatedAt },
      updatedAt: FieldValue.serverTimestamp(),
      updatedBy: 'system:kyc',
    });
    return 'applied';
  });
}
