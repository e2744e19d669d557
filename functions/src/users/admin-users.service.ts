/**
 * Admin use cases on users: list, inspect, change roles/status, soft delete.
 * Business rules only (no Express, no Firestore types); throws AppErrors.
 *
 * Auth is the enforcement point (claims are in every token; disabled accounts
 * and revoked sessions are refused by authenticate()); the profile is the
 * source of truth the claims are derived from (users/claims-sync.ts). A role
 * or status change is therefore written to the profile first, If-Match
 * checked inside that transaction, and then applied to Auth (see update()).
 * A soft delete disables Auth first, then marks the profile. Retrying a
 * request is safe: every step is idempotent.
 */
import { logger } from 'firebase-functions/logger';
import { z } from 'zod';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../kernel/errors';
import type { UserPrincipal } from '../kernel/principal';
import { ifMatchSatisfied } from './etag';
import { summaryOf, type AuthAccount, type AuthAccounts } from './auth-accounts';
import { auditView, type UsersRepository } from './users.repository';
import { CREATED_BY } from './account.service';
import { applyChanges } from './users.rules';
import type { CallContext } from '../kernel/call-context';
import type { ClaimSyncResult } from './claims-sync';
import type { Profile } from './users.schemas';
import type { AdminUser, AdminUserUpdate, UserListPage, UserListQuery } from './admin-users.schemas';
import { CursorDocumentIdSchema, decodeCursor, encodeCursor } from '../kernel/cursor';

export interface AdminUsersDeps {
  users: () => UsersRepository;
  accounts: () => AuthAccounts;
  /** The user's KYC cases as stored (the KYC repository, owner of kycCases/). */
  kycRecords: () => { recordsFor(uid: string): Promise<AdminUser['kycCases']> };
  /** Rebuild the user's custom claims from Firestore (users/claims-sync.ts). */
  syncClaims: (uid: string) => Promise<ClaimSyncResult>;
}

const notFound = () => new NotFoundError('There is no user with this id.', 'USER_NOT_FOUND');
const selfLockout = (detail: string) => new ConflictError('SELF_LOCKOUT', detail);

export class AdminUsersService {
  constructor(private readonly deps: AdminUsersDeps) {}

  /** GET /v1/admin/users: one page, in a stable order, resumable with the cursor. */
  async list(query: UserListQuery): Promise<UserListPage> {
    const filters = { status: query.status, kycStatus: query.kycStatus, role: query.role, emailPrefix: query.emailPrefix };
    const scope = { listing: 'users', filters };
    const byEmail = query.emailPrefix !== undefined;
    // The key is [uid], or [email, uid] when the listing is ordered by email.
    const keySchema = byEmail ? z.tuple([z.string().max(1024), CursorDocumentIdSchema]) : z.tuple([CursorDocumentIdSchema]);
    const after = query.cursor ? decodeCursor<string[]>(query.cursor, scope, keySchema) : undefined;
    const { items, hasMore } = await this.deps.users().list({ ...filters, limit: query.limit, after });
    const last = items[items.length - 1];
    const nextCursor = hasMore && last ? encodeCursor(scope, byEmail ? [last.email ?? '', last.uid] : [last.uid]) : null;
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
    const kycCases = await this.deps.kycRecords().recordsFor(profile.uid);
    return { profile, auth: account ? summaryOf(account) : null, kycCases };
  }

  /** GET /v1/admin/users/{uid} */
  async get(uid: string, ctx: CallContext): Promise<AdminUser> {
    const { profile, account } = await this.load(uid, ctx);
    return this.view(profile, account);
  }

  /**
   * PATCH /v1/admin/users/{uid}: roles → `roles` claim; status → Auth disabled (+ sessions revoked).
   *
   * The profile is the source of truth: the change is written to it first, in
   * one transaction that checks If-Match against the version it reads (two
   * admins sending the same ETag: one wins, the other gets 412 and none of its
   * change is applied anywhere), together with its audit entry. Auth is then
   * brought in line with the profile: the claims are rebuilt from Firestore
   * (users/claims-sync.ts; removing a role revokes the user's sessions, so a
   * token carrying it is refused at once), and the account is disabled (with
   * its sessions revoked) or enabled. If Auth fails in between, the profile is
   * ahead; repeating the request (with the new ETag, or none) changes nothing
   * in the profile and applies Auth.
   */
  async update(admin: UserPrincipal, uid: string, body: AdminUserUpdate, ifMatch: string | undefined, ctx: CallContext): Promise<AdminUser> {
    if (admin.uid === uid && body.status === 'disabled') throw selfLockout('An admin cannot disable their own account.');
    if (admin.uid === uid && body.roles && !body.roles.includes('admin')) throw selfLockout('An admin cannot remove their own admin role.');
    const { account } = await this.load(uid, ctx);
    if (!account) throw notFound();

    const changes = { ...(body.roles ? { roles: body.roles } : {}), ...(body.status ? { status: body.status } : {}) };
    const updated = await this.deps.users().mutate(uid, (current) => {
      if (current.status === 'deleted') throw new ConflictError('USER_DELETED', 'A deleted user cannot be changed.');
      // Inside the transaction: compared with the version this write replaces.
      if (!ifMatchSatisfied(ifMatch, current.version)) throw new PreconditionFailedError();
      const next = applyChanges(current, changes);
      if (JSON.stringify(next.roles) === JSON.stringify(current.roles) && next.status === current.status) return undefined;
      return {
        changes,
        actorId: admin.uid,
        audit: {
          actor: ctx.actor,
          action: 'admin.user.updated',
          target: { type: 'user', id: uid },
          before: auditView(current),
          after: auditView({ ...next, version: current.version + 1 }),
          requestId: ctx.requestId,
        },
      };
    });
    if (!updated) throw notFound();

    const claims = body.roles ? await this.deps.syncClaims(uid) : undefined;
    const disabled = updated.status === 'disabled';
    if (body.status !== undefined || account.disabled !== disabled) await this.deps.accounts().setDisabled(uid, disabled);
    const applied = (await this.deps.accounts().get(uid)) ?? account;
    logger.info('admin_user_updated', { uid, by: admin.uid, roles: updated.roles, status: updated.status, revoked: claims?.revoked ?? false, requestId: ctx.requestId });
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
