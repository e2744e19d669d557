/**
 * Auth onCreate trigger: provisioning path (a) — see users.service.ts for why
 * there are two. The plain handler is exported for tests;
 * ../triggers/user-created.ts wraps it with firebase-functions/v1 `auth.user().onCreate` (Auth user events exist
 * only as 1st-gen triggers; the Functions emulator receives them from the
 * Auth emulator, offline).
 *
 * Idempotent: delivery is at least once, and create() makes every delivery
 * after the first (or after first-call provisioning) a no-op.
 */
import type { AccountService, CreatedAuthUser } from './account.service';

/** Create the profile for a new Auth user unless it exists. */
export function handleUserCreated(user: CreatedAuthUser, account: Pick<AccountService, 'provisionFromAuth'>): Promise<'created' | 'exists'> {
  return account.provisionFromAuth(user);
}
