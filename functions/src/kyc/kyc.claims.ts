/**
 * Mirrors the status of a user's latest KYC case into the `kyc` custom claim,
 * so other services can gate on the ID token. Other claims (e.g. `roles`) are
 * kept. The status is read fresh from the latest case rather than taken from
 * the triggering event, so redelivered or reordered events converge on the
 * current state instead of rolling the claim back.
 */
import type { Auth } from 'firebase-admin/auth';
import type { KycRepository } from './kyc.repository';

export type ClaimSyncOutcome = 'applied' | 'unchanged' | 'no-user';

export async function syncKycClaim(authApi: Auth, cases: KycRepository, uid: string): Promise<ClaimSyncOutcome> {
  const latest = await cases.latestForUser(uid);
  let claims: Record<string, unknown>;
  try {
    claims = (await authApi.getUser(uid)).customClaims ?? {};
  } catch (error) {
    // An erased account has no claims to keep in step.
    if ((error as { code?: string }).code === 'auth/user-not-found') return 'no-user';
    throw error;
  }
  const status = latest?.status ?? null;
  if ((claims.kyc ?? null) === status) return 'unchanged';
  const next = { ...claims };
  if (status === null) delete next.kyc;
  else next.kyc = status;
  await authApi.setCustomUserClaims(uid, next);
  return 'applied';
}
