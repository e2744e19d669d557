/**
 * Keeps users/{uid}.kycStatus in step with the user's KYC case.
 *
 * Called by the onKycCaseWritten trigger, which is delivered at least once and
 * possibly out of order. The write goes through UsersRepository (the only
 * code touching users/{uid}), which applies it in a transaction, monotonically
 * (a case's status is taken only if its updatedAt is not older than the one
 * the profile last took its status from) and bumps the profile version, so
 * the profile's ETag changes whenever kycStatus does.
 */
import type { KycStatusOutcome, KycStatusUpdate, UsersRepository } from '../users/users.repository';

/** The case fields the sync needs; updatedAt as ISO-8601. */
export interface KycCaseSnapshot extends KycStatusUpdate {
  uid: string;
}

export type SyncOutcome = KycStatusOutcome;

/** Apply the case's status to its owner's profile unless it is stale. */
export function syncProfileKycStatus(users: UsersRepository, kycCase: KycCaseSnapshot): Promise<SyncOutcome> {
  return users.applyKycStatus(kycCase.uid, { caseId: kycCase.caseId, status: kycCase.status, updatedAt: kycCase.updatedAt });
}
