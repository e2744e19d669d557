/**
 * GET /v1/me/session: the caller's ID token as authenticate() verified it
 * (revocation included). Touches neither Firestore nor the profile, so it
 * answers even before a profile exists.
 */
import { Router, type RequestHandler } from 'express';
import { requireUser, userOf } from '../http/auth';
import type { UserPrincipal } from '../http/principal';
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

export function sessionRouter(authn: RequestHandler): Router {
  const router = Router();
  router.get('/me/session', authn, requireUser, (_req, res) => {
    res.setHeader('Cache-Control', 'private, no-store');
    res.json(sessionOf(userOf(res)));
  });
  return router;
}
