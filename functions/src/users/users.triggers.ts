/**
 * Auth onCreate trigger: provisioning path (a) — see users.service.ts for why
 * there are two. The plain handler is exported for tests; index.ts wraps it
 * with firebase-functions/v1 `auth.user().onCreate` (Auth user events exist
 * only as 1st-gen triggers; the Functions emulator receives them from the
 * Auth emulator, offline).
 *
 * Idempotent: delivery is at least once, and create() makes every delivery
 * after the first (or after first-call provisioning) a no-op.
 */
import { logger } from 'firebase-functions';
import { AuditRepository } from '../audit/audit.repository';
import { db } from '../firebase';
import { UsersRepository } from './users.repository';
import { CREATED_BY } from './users.service';

/** The parts of the Auth UserRecord the trigger uses. */
export interface CreatedAuthUser {
  uid: string;
  email?: string | null;
  displayName?: string | null;
  customClaims?: Record<string, unknown> | null;
}

/** Create the profile for a new Auth user unless it exists. */
export async function handleUserCreated(
  user: CreatedAuthUser,
  users: UsersRepository = new UsersRepository(db(), new AuditRepository(db())),
): Promise<'created' | 'exists'> {
  const { created } = await users.createIfMissing(
    {
      uid: user.uid,
      email: user.email ?? null,
      displayName: user.displayName ?? null,
      roles: Array.isArray(user.customClaims?.roles) ? (user.customClaims.roles as string[]) : [],
      createdBy: CREATED_BY.authTrigger,
    },
    { actor: { type: 'system', id: 'auth-trigger' }, action: 'user.profile.provisioned', target: { type: 'user', id: user.uid } },
  );
  logger.info('profile_provisioned', { uid: user.uid, path: 'auth-trigger', outcome: created ? 'created' : 'exists' });
  return created ? 'created' : 'exists';
}
