/**
 * Who is calling. Set by the authenticate middleware on res.locals.principal.
 */

/** Roles carried in the `roles` custom claim. */
export const ROLES = ['admin', 'support'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Scopes an API key can hold. There is deliberately no scope for the KYC
 * review queue: it carries applicants' document numbers, dates of birth and
 * addresses, which machine credentials must not read (only staff users).
 */
export const API_KEY_SCOPES = ['users:read', 'audit:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface UserPrincipal {
  kind: 'user';
  uid: string;
  email?: string;
  emailVerified: boolean;
  roles: Role[];
  /** Sign-in provider of the token, e.g. password, google.com, apple.com, oidc.acme. */
  signInProvider?: string;
  /** Second factor of the sign-in that issued the token (e.g. `phone`, `totp`); absent without MFA. */
  secondFactor?: string;
  /** Facts about the presented ID token (GET /v1/me/session). */
  token?: TokenFacts;
}

/** What the verified ID token says about the session (times in Unix seconds). */
export interface TokenFacts {
  authTime: number;
  issuedAt: number;
  expiresAt: number;
  /** Identities linked to the account, by provider: `firebase.identities` keys, e.g. google.com, email. */
  identities: string[];
}

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  keyId: string;
  name: string;
  scopes: ApiKeyScope[];
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

/** Audit-friendly identity of the caller plus where the call came from. */
export interface Actor {
  type: 'user' | 'apiKey' | 'system' | 'anonymous';
  id: string;
  ip?: string;
  userAgent?: string;
}

export function rolesFromClaim(claim: unknown): Role[] {
  if (!Array.isArray(claim)) return [];
  return claim.filter((role): role is Role => (ROLES as readonly string[]).includes(role as string));
}

/** Paths where staff must have signed in with a second factor when step-up MFA is on (REQUIRE_STAFF_MFA). */
export const STEP_UP_PATH_PREFIX = '/v1/admin/';

/**
 * Whether this principal must step up before calling this path: a staff
 * member (a user with any role) whose token came from a sign-in without a
 * second factor, on /v1/admin/*. Users with no role are not challenged (MFA
 * would not help them: the route answers 403), and API keys carry scopes,
 * not factors.
 */
export function needsStepUp(principal: Principal, path: string, requireStaffMfa: boolean): boolean {
  return (
    requireStaffMfa &&
    principal.kind === 'user' &&
    principal.roles.length > 0 &&
    !principal.secondFactor &&
    path.startsWith(STEP_UP_PATH_PREFIX)
  );
}
