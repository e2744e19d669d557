/**
 * Profile use cases: sign-up, provisioning, reading and editing one's own
 * profile, GDPR erasure and export. Business rules only: no Express, no
 * Firestore types; throws AppErrors.
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
import { logger } from 'firebase-functions';
import { ForbiddenError, PreconditionFailedError } from '../errors';
import type { AuditRepository } from '../audit/audit.repository';
import type { Actor, UserPrincipal } from '../http/principal';
import type { CallContext } from '../http/call-context';
import type { AuditEntry } from '../audit/audit.repository';
import { ifMatchSatisfied } from './etag';
import { summaryOf, type AuthAccounts } from './auth-accounts';
import type { KycDataRepository } from './kyc-data.repository';
import { auditView, type ProfileChanges, type UsersRepository } from './users.repository';
import { assertStrongPassword, normaliseProfileUpdate } from './users.normalize';
import type { DataExport, Profile, ProfileUpdate, SignUp } from './users.schemas';

/** Who asked, for audit entries (re-exported for the admin feature). */
export type { CallContext } from '../http/call-context';

export interface UsersServiceDeps {
  users: () => UsersRepository;
  accounts: () => AuthAccounts;
  kycData: () => KycDataRepository;
  audit: () => AuditRepository;
}

/** createdBy values naming the path that provisioned a profile. */
export const CREATED_BY = {
  signUp: 'system:signup',
  authTrigger: 'system:auth-trigger',
  firstCall: 'system:first-call',
  backfill: 'system:backfill',
} as const;

/** Profile with the changes applied (null removes a field). */
export function applyChanges(profile: Profile, changes: ProfileChanges): Profile {
  const next: Record<string, unknown> = { ...profile };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next as Profile;
}

/**
 * An audit entry as the data subject may see it (GDPR export): the caller's
 * own entries keep their actor; on entries where someone else acted on the
 * caller (an admin, support, an API key), that person's identity, IP and user
 * agent are their personal data, not the caller's, so the actor is reduced to
 * its type. System actors (triggers, the sweep) name no person and are kept.
 */
export function withoutStaffIdentity(entry: AuditEntry, uid: string): AuditEntry {
  if (entry.actor.id === uid) return entry;
  if (entry.actor.type === 'system') return { ...entry, actor: { type: 'system', id: entry.actor.id } };
  return { ...entry, actor: { type: entry.actor.type, id: 'staff' } };
}

/** /v1/me refuses profiles that are not active even if Auth still lets the token through. */
function assertActive(profile: Profile): void {
  if (profile.status !== 'active') {
    throw new ForbiddenError(`This account is ${profile.status}.`, profile.status === 'disabled' ? 'ACCOUNT_DISABLED' : 'ACCOUNT_DELETED');
  }
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

  /**
   * The caller's profile, created from their Auth account if it is missing
   * (path b). Roles come from the account's claims, not the token, so a
   * profile is never provisioned from stale claims.
   */
  async ensureProfile(user: UserPrincipal, ctx: CallContext): Promise<Profile> {
    const existing = await this.deps.users().get(user.uid);
    return existing ?? this.provision(user, ctx);
  }

  /**
   * Create the caller's profile from their Auth account (path b), for routes
   * that found it missing. Race-safe: if another path created it meanwhile,
   * that profile is returned and nothing is written or audited.
   */
  async provision(user: UserPrincipal, ctx: CallContext): Promise<Profile> {
    const account = await this.deps.accounts().get(user.uid);
    const { profile, created } = await this.deps.users().createIfMissing(
      {
        uid: user.uid,
        email: account?.email ?? user.email ?? null,
        displayName: account?.displayName ?? null,
        roles: (account?.customClaims.roles as string[] | undefined) ?? user.roles,
        createdBy: CREATED_BY.firstCall,
      },
      { actor: ctx.actor, action: 'user.profile.provisioned', target: { type: 'user', id: user.uid }, requestId: ctx.requestId },
    );
    if (created) logger.info('profile_provisioned', { uid: user.uid, path: 'first-call', requestId: ctx.requestId });
    return profile;
  }

  /** GET /v1/me */
  async getMe(user: UserPrincipal, ctx: CallContext): Promise<Profile> {
    const profile = await this.ensureProfile(user, ctx);
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
      await this.provision(user, ctx);
      updated = await attempt();
    }
    // Still none after provisioning: the profile was removed outright in between; nothing to update.
    if (!updated) throw new ForbiddenError('This account is deleted.', 'ACCOUNT_DELETED');
    logger.info('profile_updated', { uid: user.uid, fields: changed, version: updated.version, requestId: ctx.requestId });
    return updated;
  }

  /**
   * DELETE /v1/me (GDPR Art. 17). Order matters for retries: everything the
   * caller's token is needed for happens first, and the Auth account goes
   * last, so a failure part-way leaves the caller able to call again; every
   * step is idempotent.
   *  1. profile replaced by a tombstone {uid, status: 'deleted', erasedAt}
   *     (audited in the same transaction) — first, so a KYC submission racing
   *     this erasure is refused (KycRepository.open reads the profile in its
   *     transaction) and the trigger hands nothing more to the provider;
   *  2. KYC cases and their events deleted (including one opened just before
   *     step 1 committed);
   *  3. audit entries about the user and their cases pseudonymised
   *     (including step 1's);
   *  4. Auth account deleted.
   */
  async eraseMe(user: UserPrincipal, ctx: CallContext): Promise<void> {
    await this.deps.users().tombstone(user.uid, {
      actor: ctx.actor,
      action: 'user.erased',
      target: { type: 'user', id: user.uid },
      requestId: ctx.requestId,
    });
    const caseIds = await this.deps.kycData().eraseFor(user.uid);
    const kycCases = caseIds.length;
    const auditEntries = await this.deps.audit().pseudonymise(user.uid, caseIds);
    await this.deps.accounts().delete(user.uid);
    // No uid: after erasure the logs must not link the request to the person.
    logger.info('user_erased', { kycCases, auditEntries, requestId: ctx.requestId });
  }

  /** GET /v1/me/export (GDPR Art. 15): everything held about the caller. */
  async exportMe(user: UserPrincipal, ctx: CallContext): Promise<DataExport> {
    const profile = await this.getMe(user, ctx);
    const [account, kycCases, entries] = await Promise.all([
      this.deps.accounts().get(user.uid),
      this.deps.kycData().casesWithEventsFor(user.uid),
      this.deps.audit().aboutUser(user.uid),
    ]);
    const auditEntries = entries.map((entry) => withoutStaffIdentity(entry, user.uid));
    logger.info('data_exported', { uid: user.uid, kycCases: kycCases.length, auditEntries: auditEntries.length, requestId: ctx.requestId });
    return { exportedAt: new Date().toISOString(), profile, auth: account ? summaryOf(account) : null, kycCases, auditEntries };
  }
}
