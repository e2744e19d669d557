/**
 * Erasure of a user's KYC data, for DELETE /v1/me (GDPR Art. 17). Exported on
 * its own so the KYC feature can extend it (e.g. with provider-side applicant
 * deletion) without touching the profile code.
 *
 * Every case of the user is deleted with its subcollections (events) through
 * recursiveDelete, which uses BulkWriter and retries; deleting a case fires
 * onKycCaseWritten with no `after`, which that trigger ignores. Idempotent:
 * a second call finds nothing left to delete.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { db } from '../firebase';

/** Delete kycCases where uid == `uid`, with their events. Returns the number of cases. */
export async function eraseKycDataFor(uid: string, firestore: Firestore = db()): Promise<number> {
  const cases = await firestore.collection('kycCases').where('uid', '==', uid).get();
  for (const doc of cases.docs) await firestore.recursiveDelete(doc.ref);
  logger.info('kyc_data_erased', { cases: cases.size });
  return cases.size;
}
