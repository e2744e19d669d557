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
  /** Sign-in provider of the token, e.g. password, google.com. */
  signInProvider?: string;
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
