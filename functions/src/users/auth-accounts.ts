/**
 * The Firebase Auth side of a user: the only code calling the Auth admin API
 * for accounts (sign-up, claims, session revocation, disabling, deletion,
 * summaries). Maps Auth
 * errors to AppErrors and UserRecords to plain summaries, so services never
 * see firebase-admin types.
 */
import type { Auth, UserRecord } from 'firebase-admin/auth';
import { ConflictError, ValidationError } from '../kernel/errors';
import type { AuthSummary } from './users.schemas';

/** A summary plus the custom claims (compared with the Firestore truth by claims-sync.ts). */
export interface AuthAccount extends AuthSummary {
  displayName: string | null;
  customClaims: Record<string, unknown>;
}

const errorCode = (error: unknown): string => String((error as { code?: unknown }).code ?? '');

/** Auth's metadata times are RFC 1123 strings; the API speaks ISO-8601. */
function isoOrNull(value: string | undefined | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** UserRecord → plain account. */
function accountFromRecord(record: UserRecord): AuthAccount {
  return {
    uid: record.uid,
    email: record.email ?? null,
    displayName: record.displayName ?? null,
    disabled: record.disabled,
    emailVerified: record.emailVerified,
    providers: record.providerData.map((provider) => provider.providerId),
    creationTime: isoOrNull(record.metadata.creationTime),
    lastSignInTime: isoOrNull(record.metadata.lastSignInTime),
    tokensValidAfterTime: isoOrNull(record.tokensValidAfterTime),
    customClaims: { ...(record.customClaims ?? {}) },
  };
}

/** The summary part only (what the API returns). */
export function summaryOf(account: AuthAccount): AuthSummary {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- destructured to drop them
  const { displayName, customClaims, ...summary } = account;
  return summary;
}

export class AuthAccounts {
  constructor(private readonly auth: () => Auth) {}

  /** The account, or undefined when there is none. */
  async get(uid: string): Promise<AuthAccount | undefined> {
    try {
      return accountFromRecord(await this.auth().getUser(uid));
    } catch (error) {
      if (errorCode(error) === 'auth/user-not-found') return undefined;
      throw error;
    }
  }

  /** Create an email/password account; 409 EMAIL_EXISTS / 400 on Auth's refusals. */
  async create(input: { email: string; password: string; displayName: string }): Promise<AuthAccount> {
    try {
      return accountFromRecord(await this.auth().createUser({ ...input, emailVerified: false, disabled: false }));
    } catch (error) {
      switch (errorCode(error)) {
        case 'auth/email-already-exists':
          throw new ConflictError('EMAIL_EXISTS');
        case 'auth/invalid-password':
          throw new ValidationError('The password is too weak.', [{ path: 'password', message: 'Too weak.' }], 'WEAK_PASSWORD');
        case 'auth/invalid-email':
          throw new ValidationError('The email address is invalid.', [{ path: 'email', message: 'Invalid email address.' }]);
        case 'auth/invalid-display-name':
          throw new ValidationError('The display name is invalid.', [{ path: 'displayName', message: 'Invalid display name.' }]);
        default:
          throw error;
      }
    }
  }

  /**
   * Replace the account's custom claims with `claims` (the complete set, not a
   * merge: users/claims-sync.ts builds it from Firestore, the one source of
   * truth, so no writer ever copies another writer's stale claims).
   */
  async setClaims(uid: string, claims: Record<string, unknown>): Promise<void> {
    await this.auth().setCustomUserClaims(uid, claims);
  }

  /**
   * Revoke every refresh token: ID tokens issued before now are refused by
   * authenticate()'s revocation check (401 TOKEN_REVOKED) on the next request.
   */
  async revokeSessions(uid: string): Promise<void> {
    await this.auth().revokeRefreshTokens(uid);
  }

  /**
   * Disable (and revoke every refresh token, so existing ID tokens are refused
   * at once by authenticate()'s revocation check) or re-enable an account.
   */
  async setDisabled(uid: string, disabled: boolean): Promise<void> {
    await this.auth().updateUser(uid, { disabled });
    if (disabled) await this.auth().revokeRefreshTokens(uid);
  }

  /** Delete the account; an account already gone is fine (idempotent erasure). */
  async delete(uid: string): Promise<void> {
    try {
      await this.auth().deleteUser(uid);
    } catch (error) {
      if (errorCode(error) !== 'auth/user-not-found') throw error;
    }
  }
}
