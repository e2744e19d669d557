/**
 * The account of a user across features: provisioning its profile (sign-up
 * paths a and b, see users.service.ts), GDPR erasure and export (which reach
 * into the KYC records through the port the composition root wires), and
 * keeping the profile and the custom claims in step with the user's KYC case
 * (called by the KYC trigger). Business rules only: no Express, no Firestore
 * types; throws AppErrors.
 */
import { logger } from 'firebase-functions/logger';
import type { AuditRepository } from '../audit/audit.repository';
import type { CallContext } from '../kernel/call-context';
import type { UserPrincipal } from '../kernel/principal';
import { summaryOf, type AuthAccounts } from './auth-accounts';
import { syncClaims, type ClaimSyncResult } from './claims-sync';
import { assertActive, withoutStaffIdentity } from './users.rules';
import type { KycStatusOutcome, KycStatusUpdate, UsersRepository } from './users.repository';
import type { DataExport, Profile } from './users.schemas';

/** createdBy values naming the path that provisioned a profile. */
export const CREATED_BY = {
  signUp: 'system:signup',
  authTrigger: 'system:auth-trigger',
  firstCall: 'system:first-call',
  backfill: 'system:backfill',
} as const;

/** What the account needs of the KYC records (provided by the KYC repository, the owner of kycCases/). */
export interface KycRecordsPort {
  recordsWithEventsFor(uid: string): Promise<DataExport['kycCases']>;
  eraseFor(uid: string): Promise<string[]>;
  /** Status of the user's latest case, or null when there is none. */
  latestStatus(uid: string): Promise<string | null>;
}

export interface AccountServiceDeps {
  users: () => UsersRepository;
  accounts: () => AuthAccounts;
  audit: () => AuditRepository;
  kycRecords: () => KycRecordsPort;
}

/** The parts of the Auth UserRecord the onCreate trigger passes. */
export interface CreatedAuthUser {
  uid: string;
  email?: string | null;
  displayName?: string | null;
  customClaims?: Record<string, unknown> | null;
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

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

  /**
   * Provisioning path (a): the Auth onCreate trigger creates the profile of a
   * new Auth user unless it exists. Idempotent: create() makes every delivery
   * after the first (or after first-call provisioning) a no-op.
   */
  async provisionFromAuth(user: CreatedAuthUser): Promise<'created' | 'exists'> {
    const { created } = await this.deps.users().createIfMissing(
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

  /**
   * DELETE /v1/me (GDPR Art. 17). Order matters for retries: everything the
   * caller's token is needed for happens first, and the Auth account goes
   * last, so a failure part-way leaves the caller able to call again; every
   * step is idempotent.
   *  1. profile replaced by a tombstone {uid, status: 'deleted', erasedAt}
   *     (audited in the same transaction) — first, so a KYC submission racing
   *     this erasure is refused (the KYC repository's open() reads the profile
   *     in its transaction) and the trigger hands nothing more to the provider;
   *  2. KYC cases and their events deleted (including one opened just before
   *     step 1 committed);
   *  3. audit entries about the user and their cases pseudonymised
   *     (including step 1's);
   *  4. Auth account deleted.
   */
  async erase(user: UserPrincipal, ctx: CallContext): Promise<void> {
    await this.deps.users().tombstone(user.uid, {
      actor: ctx.actor,
      action: 'user.erased',
      target: { type: 'user', id: user.uid },
      requestId: ctx.requestId,
    });
    const caseIds = await this.deps.kycRecords().eraseFor(user.uid);
    const kycCases = caseIds.length;
    const auditEntries = await this.deps.audit().pseudonymise(user.uid, caseIds);
    await this.deps.accounts().delete(user.uid);
    // No uid: after erasure the logs must not link the request to the person.
    logger.info('user_erased', { kycCases, auditEntries, requestId: ctx.requestId });
  }

  /** GET /v1/me/export (GDPR Art. 15): everything held about the caller. */
  async export(user: UserPrincipal, ctx: CallContext): Promise<DataExport> {
    const profile = await this.ensureProfile(user, ctx);
    assertActive(profile);
    const [account, kycCases, entries] = await Promise.all([
      this.deps.accounts().get(user.uid),
      this.deps.kycRecords().recordsWithEventsFor(user.uid),
      this.deps.audit().aboutUser(user.uid),
    ]);
    const auditEntries = entries.map((entry) => withoutStaffIdentity(entry, user.uid));
    logger.info('data_exported', { uid: user.uid, kycCases: kycCases.length, auditEntries: auditEntries.length, requestId: ctx.requestId });
    return { exportedAt: new Date().toISOString(), profile, auth: account ? summaryOf(account) : null, kycCases, auditEntries };
  }

  /**
   * Mirror a KYC case's status into users/{uid}.kycStatus (the KYC trigger,
   * delivered at least once and out of order): applied in a transaction,
   * monotonically, bumping the profile version so the ETag follows.
   */
  applyKycStatus(uid: string, update: KycStatusUpdate): Promise<KycStatusOutcome> {
    return this.deps.users().applyKycStatus(uid, update);
  }

  /** Rebuild the user's custom claims from Firestore (roles + latest KYC status; claims-sync.ts). */
  syncClaims(uid: string): Promise<ClaimSyncResult> {
    return syncClaims({ users: this.deps.users, accounts: this.deps.accounts, latestKycStatus: (id) => this.deps.kycRecords().latestStatus(id) }, uid);
  }

  /** True when the profile is deleted (soft delete or erasure in progress). */
  async isDeleted(uid: string): Promise<boolean> {
    return (await this.deps.users().get(uid))?.status === 'deleted';
  }
}
