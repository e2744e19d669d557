/**
 * Admin use cases on users: list, inspect, change roles/status, soft delete.
 * Business rules only (no Express, no Firestore types); throws AppErrors.
 *
 * Auth is the enforcement point (claims are in every token; disabled accounts
 * and revoked sessions are refused by authenticate()), the profile mirrors it
 * for queries. So every change is applied to Auth first — a failure half-way
 * can leave the profile lagging, never an account that looks disabled but is
 * not — and the profile is then written from the account's resulting state,
 * together with the audit entry, in one transaction. Retrying a request is
 * safe: every step is idempotent.
 */
import { logger } from 'firebase-functions';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors';
import type { UserPrincipal } from '../http/principal';
import { ifMatchSatisfied } from '../users/etag';
import { summaryOf, type AuthAccount, type AuthAccounts } from '../users/auth-accounts';
import type { KycDataRepository } from '../users/kyc-data.repository';
import { auditView, type UsersRepository } from '../users/users.repository';
import { applyChanges, CREATED_BY, type CallContext } from '../users/users.service';
import type { Profile } from '../users/users.schemas';
import type { AdminUser, AdminUserUpdate, UserListPage, UserListQuery } from './admin-users.schemas';
import { decodeUsersCursor, encodeUsersCursor, filterFingerprint } from './users.cursor';

export interface AdminUsersDeps {
  users: () => UsersRepository;
  accounts: () => AuthAccounts;
  kycData: () => KycDataRepository;
}

const notFound = () => new NotFoundError('There is no user with this id.', 'USER_NOT_FOUND');
const selfLockout = (detail: string) => new ConflictError('SELF_LOCKOUT', 'You cannot lock yourself out', detail);

export class AdminUsersService {
  constructor(private readonly deps: AdminUsersDeps) {}

  /** GET /v1/admin/users: one page, in a stable order, resumable with the cursor. */
  async list(query: UserListQuery): Promise<UserListPage> {
    const filters = { status: query.status, kycStatus: query.kycStatus, role: query.role, emailPrefix: query.emailPrefix };
    const fingerprint = filterFingerprint(filters);
    const byEmail = query.emailPrefix !== undefined;
    const after = query.cursor ? decodeUsersCursor(query.cursor, fingerprint, byEmail ? 2 : 1) : undefined;
    const { items, hasMore } = await this.deps.users().list({ ...filters, limit: query.limit, after });
    const last = items[items.length - 1];
    const nextCursor = hasMore && last ? encodeUsersCursor(fingerprint, byEmail ? [last.email ?? '', last.uid] : [last.uid]) : null;
    return { items, nextCursor };
  }

  /**
   * The profile and account of `uid`. An account without a profile (its
   * trigger not yet delivered) gets its profile now, so admins never see a
   * user the profile store does not know.
   */
  private async load(uid: string, ctx: CallContext): Promise<{ profile: Profile; account?: AuthAccount }> {
    const [profile, account] = await Promise.all([this.deps.users().get(uid), this.deps.accounts().get(uid)]);
    if (profile) return { profile, account };
    if (!account) throw notFound();
    const created = await this.deps.users().createIfMissing(
      {
        uid,
        email: account.email,
        displayName: account.displayName,
        roles: (account.customClaims.roles as string[] | undefined) ?? [],
        createdBy: CREATED_BY.backfill,
      },
      { actor: ctx.actor, action: 'user.profile.provisioned', target: { type: 'user', id: uid }, requestId: ctx.requestId },
    );
    return { profile: created.profile, account };
  }

  private async view(profile: Profile, account: AuthAccount | undefined): Promise<AdminUser> {
    const kycCases = await this.deps.kycData().casesFor(profile.uid);
    return { profile, auth: account ? summaryOf(account) : null, kycCases };
  }

  /** GET /v1/admin/users/{uid} */
  async get(uid: string, ctx: CallContext): Promise<AdminUser> {
    const { profile, account } = await this.load(uid, ctx);
    return this.view(profile, account);
  }

  /** PATCH /v1/admin/users/{uid}: roles → `roles` claim; status → Auth disabled (+ sessions revoked). */
  async update(admin: UserPrincipal, uid: string, body: AdminUserUpdate, ifMatch: string | undefined, ctx: CallContext): Promise<AdminUser> {
    if (admin.uid === uid && body.status === 'disabled') throw selfLockout('An admin cannot disable their own account.');
    if (admin.uid === uid && body.roles && !body.roles.includes('admin')) throw selfLockout('An admin cannot remove their own admin role.');
    const { profile, account } = await this.load(uid, ctx);
    if (profile.status === 'deleted') throw new ConflictError('USER_DELETED', 'The user is deleted', 'A deleted user cannot be changed.');
    if (!account) throw notFound();
    // Checked before Auth is touched, so a stale request changes nothing.
    if (!ifMatchSatisfied(ifMatch, profile.version)) throw new PreconditionFailedError();

    if (body.roles) await this.deps.accounts().setRoles(uid, body.roles);
    if (body.status) await this.deps.accounts().setDisabled(uid, body.status === 'disabled');
    const applied = (await this.deps.accounts().get(uid)) ?? account;
    const changes = {
      roles: (applied.customClaims.roles as string[] | undefined) ?? [],
      status: applied.disabled ? ('disabled' as const) : ('active' as const),
    };
    const updated = await this.deps.users().mutate(uid, (current) => ({
      changes,
      actorId: admin.uid,
      audit: {
        actor: ctx.actor,
        action: 'admin.user.updated',
        target: { type: 'user', id: uid },
        before: auditView(current),
        after: auditView({ ...applyChanges(current, changes), version: current.version + 1 }),
        requestId: ctx.requestId,
      },
    }));
    if (!updated) throw notFound();
    logger.info('admin_user_updated', { uid, by: admin.uid, roles: changes.roles, status: changes.status, requestId: ctx.requestId });
    return this.view(updated, applied);
  }

  /**
   * DELETE /v1/admin/users/{uid}: soft delete. The account is disabled and its
   * sessions revoked (so it cannot sign in or use a token), the profile keeps
   * its data with status `deleted`, deletedAt and deletedBy. Deleting a
   * deleted user again changes nothing.
   */
  async softDelete(admin: UserPrincipal, uid: string, ctx: CallContext): Promise<void> {
    if (admin.uid === uid) throw selfLockout('An admin cannot delete their own account.');
    const { profile, account } = await this.load(uid, ctx);
    if (profile.status === 'deleted') return;
    if (account) await this.deps.accounts().setDisabled(uid, true);
    const changes = { status: 'deleted' as const, deletedAt: new Date().toISOString(), deletedBy: admin.uid };
    await this.deps.users().mutate(uid, (current) =>
      current.status === 'deleted'
        ? undefined
        : {
            changes,
            actorId: admin.uid,
            audit: {
              actor: ctx.actor,
              action: 'admin.user.deleted',
              target: { type: 'user', id: uid },
              before: auditView(current),
              after: auditView({ ...applyChanges(current, changes), version: current.version + 1 }),
              requestId: ctx.requestId,
            },
          },
    );
    logger.info('admin_user_deleted', { uid, by: admin.uid, requestId: ctx.requestId });
  }
}
