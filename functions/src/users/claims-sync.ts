/**
 * The custom claims of a user — `roles` and `kyc` — derived from Firestore,
 * the one source of truth: `roles` from users/{uid}.roles, `kyc` from the
 * status of the user's latest KYC case. Every writer of claims (admin role
 * changes, the KYC trigger) calls syncClaims() after its Firestore write.
 *
 * Why not read-modify-write the previous claims: two writers (an admin
 * removing a role, the KYC trigger setting `kyc`) would each copy the other's
 * stale value and the last one would win — re-granting a removed role or
 * dropping the `kyc` claim. Instead each writer builds the whole set from
 * Firestore and writes it, then reads truth and Auth again and repeats until
 * it observes them in agreement. A writer that ran on stale truth and landed
 * last will itself see the disagreement on its next round and correct it, so
 * concurrent callers converge on Firestore's state.
 *
 * Removing a role also revokes the user's sessions: authenticate() takes roles
 * from the ID token, so without revocation a token issued before the change
 * would keep the removed role for up to an hour. This includes a stale
 * re-grant being corrected: tokens minted in that window are refused too.
 */
import { logger } from 'firebase-functions/logger';
import { rolesFromClaim, type Role } from '../kernel/principal';
import type { AuthAccounts } from './auth-accounts';
import type { UsersRepository } from './users.repository';

/** Rounds of write-and-verify before giving up (the caller retries or fails loudly). */
const MAX_ROUNDS = 5;

export interface ClaimsSyncDeps {
  users: () => UsersRepository;
  accounts: () => AuthAccounts;
  /** Status of the user's latest KYC case, or null when there is none. */
  latestKycStatus: (uid: string) => Promise<string | null>;
}

export type ClaimSyncOutcome = 'applied' | 'unchanged' | 'no-user';

export interface ClaimSyncResult {
  outcome: ClaimSyncOutcome;
  /** True when a role was removed and the user's sessions were revoked. */
  revoked: boolean;
}

/** The claims this backend owns. */
interface OwnedClaims {
  roles: Role[];
  kyc: string | null;
}

function toClaims(owned: OwnedClaims): Record<string, unknown> {
  return owned.kyc === null ? { roles: owned.roles } : { roles: owned.roles, kyc: owned.kyc };
}

function sameClaims(current: Record<string, unknown>, desired: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(current), ...Object.keys(desired)]);
  return [...keys].every((key) => JSON.stringify(current[key]) === JSON.stringify(desired[key]));
}

/** Bring the user's custom claims in line with Firestore; see the module comment. */
export async function syncClaims(deps: ClaimsSyncDeps, uid: string): Promise<ClaimSyncResult> {
  let wrote = false;
  let revoked = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Truth first, then Auth: a change to the truth after this read is followed by its own writer's sync.
    const [profile, kyc] = await Promise.all([deps.users().get(uid), deps.latestKycStatus(uid)]);
    if (profile?.erasedAt) return { outcome: 'no-user', revoked };
    const account = await deps.accounts().get(uid);
    if (!account) return { outcome: 'no-user', revoked };
    const currentRoles = rolesFromClaim(account.customClaims.roles);
    // No profile yet (provisioning pending): the claim is the only record of roles, and the profile will be created from it.
    const desired = toClaims({ roles: profile ? profile.roles : currentRoles, kyc });
    if (sameClaims(account.customClaims, desired)) return { outcome: wrote ? 'applied' : 'unchanged', revoked };
    await deps.accounts().setClaims(uid, desired);
    wrote = true;
    const desiredRoles = desired.roles as Role[];
    if (currentRoles.some((role) => !desiredRoles.includes(role))) {
      await deps.accounts().revokeSessions(uid);
      revoked = true;
    }
  }
  logger.error('claims_sync_not_converging', { uid, rounds: MAX_ROUNDS });
  throw new Error(`custom claims of ${uid} did not converge after ${MAX_ROUNDS} rounds`);
}
