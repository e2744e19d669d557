/**
 * The session view of GET /v1/me/session: the caller's ID token as
 * authenticate() verified it (revocation included). Pure: it touches neither
 * Firestore nor the profile, so the operation answers even before a profile
 * exists.
 */
import type { UserPrincipal } from '../kernel/principal';
import type { Session } from './session.schemas';

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** The session view of a verified user principal. */
export function sessionOf(user: UserPrincipal): Session {
  const token = user.token ?? { authTime: 0, issuedAt: 0, expiresAt: 0, identities: [] };
  return {
    uid: user.uid,
    signInProvider: user.signInProvider ?? 'unknown',
    secondFactor: user.secondFactor ?? null,
    emailVerified: user.emailVerified,
    identities: token.identities,
    authTime: iso(token.authTime),
    issuedAt: iso(token.issuedAt),
    expiresAt: iso(token.expiresAt),
    staffMfaSatisfied: user.roles.length === 0 || user.secondFactor !== undefined,
  };
}
