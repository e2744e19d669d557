/**
 * Profile use cases: sign-up, reading and editing one's own profile.
 * Business rules only: no Express, no Firestore types; throws AppErrors.
 * Provisioning, erasure and export are the account's (account.service.ts).
 *
 * A profile exists for every Auth user from sign-up on, by two paths that both
 * create it with create() (so whichever comes first wins and the other is a
 * no-op):
 *  (a) the Auth onCreate trigger (users.triggers.ts) for every sign-up path —
 *      client SDK, REST sign-up, admin-created accounts;
 *  (b) first-call provisioning in every /v1/me route, because trigger delivery
 *      is asynchronous (the first API call can beat it) and at least once, and
 *      a failed delivery must not leave a user without a profile.
 */
import { logger } from 'firebase-functions/logger';
import { ForbiddenError, PreconditionFailedError } from '../kernel/errors';
import type { Actor, UserPrincipal } from '../kernel/principal';
import type { CallContext } from '../kernel/call-context';
import { ifMatchSatisfied } from './etag';
import type { AuthAccounts } from './auth-accounts';
import { CREATED_BY, type AccountService } from './account.service';
import { auditView, type UsersRepository } from './users.repository';
import { assertStrongPassword, normaliseProfileUpdate } from './users.normalize';
import { applyChanges, assertActive } from './users.rules';
import type { Profile, ProfileUpdate, SignUp } from './users.schemas';

export interface UsersServiceDeps {
  users: () => UsersRepository;
  accounts: () => AuthAccounts;
  account: AccountService;
}

export class UsersService {
  constructor(private readonly deps: UsersServiceDeps) {}

  /** POST /v1/users: create the Auth account and its profile. */
  async signUp(input: SignUp, ctx: CallContext): Promise<Profile> {
    assertStrongPassword(input.password, input.email);
    const account = await this.deps.accounts().create(input);
    const actor: Actor = { ...ctx.actor, type: 'user', id: account.uid };
    const { profile } = await this.deps.users().createIfMissing(
      { uid: account.uid, email: account.email, displayName: account.displayName, roles: [], createdBy: CREATED_BY.signUp },
      { actor, action: 'user.signed_up', target: { type: 'user', id: account.uid }, requestId: ctx.requestId },
    );
    logger.info('user_signed_up', { uid: account.uid, requestId: ctx.requestId });
    return profile;
  }

  /** GET /v1/me */
  async getMe(user: UserPrincipal, ctx: CallContext): Promise<Profile> {
    const profile = await this.deps.account.ensureProfile(user, ctx);
    assertActive(profile);
    return profile;
  }

  /**
   * PATCH /v1/me: normalise, check and write in one read-check-write
   * transaction, so a stale If-Match fails (412) and concurrent edits never
   * lose an update. The transaction runs first and its own read doubles as the
   * first-call provisioning check (one round trip fewer than reading the
   * profile beforehand): only when it finds no profile is the profile
   * provisioned and the transaction run once more.
   */
  async updateMe(user: UserPrincipal, update: ProfileUpdate, ifMatch: string | undefined, ctx: CallContext): Promise<Profile> {
    let changed: string[] = [];
    const attempt = () =>
      this.deps.users().mutate(user.uid, (profile) => {
        // Same order as ever: a refused account (403) before invalid fields (400) before a stale version (412).
        assertActive(profile);
        const changes = normaliseProfileUpdate(update, profile);
        if (!ifMatchSatisfied(ifMatch, profile.version)) throw new PreconditionFailedError();
        changed = Object.keys(changes);
        return {
          changes,
          actorId: user.uid,
          audit: {
            actor: ctx.actor,
            action: 'user.profile.updated',
            target: { type: 'user', id: user.uid },
            before: auditView(profile),
            after: auditView({ ...applyChanges(profile, changes), version: profile.version + 1 }),
            requestId: ctx.requestId,
          },
        };
      });
    let updated = await attempt();
    if (!updated) {
      await this.deps.account.provision(user, ctx);
      updated = await attempt();
    }
    // Still none after provisioning: the profile was removed outright in between; nothing to update.
    if (!updated) throw new ForbiddenError('This account is deleted.', 'ACCOUNT_DELETED');
    logger.info('profile_updated', { uid: user.uid, fields: changed, version: updated.version, requestId: ctx.requestId });
    return updated;
  }
}
