/**
 * Keeps the `kyc` custom claim in step with the user's latest KYC case, so
 * other services can gate on the ID token. The claims are rebuilt from
 * Firestore as a whole (users/claims-sync.ts, shared with the admin role
 * changes), never merged into the previous claims, so this trigger and an
 * admin changing roles at the same time cannot undo each other's change.
 * The status is read fresh from the latest case rather than taken from the
 * triggering event, so redelivered or reordered events converge.
 */
import { AuthAccounts } from '../users/auth-accounts';
import { syncClaims, type ClaimSyncResult } from '../users/claims-sync';
import type { KycTriggerDeps } from './kyc.deps';

/** Sync the claims of `uid` from Firestore (profile roles + latest case status). */
export function syncKycClaim(deps: KycTriggerDeps, uid: string): Promise<ClaimSyncResult> {
  const accounts = new AuthAccounts(deps.auth);
  return syncClaims(
    {
      users: deps.users,
      accounts: () => accounts,
      latestKycStatus: async (id) => (await deps.cases().latestForUser(id))?.status ?? null,
    },
    uid,
  );
}
