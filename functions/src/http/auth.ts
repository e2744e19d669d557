/**
 * Authentication and authorization middleware.
 *
 * authenticate(): accepts exactly one credential —
 *   - `Authorization: Bearer <Firebase ID token>` (any sign-in provider). The
 *     token is verified *with* the revocation check on every request, so a
 *     disabled or deleted user, or one whose refresh tokens were revoked, is
 *     refused at once on every endpoint (no cache: correctness over one Auth
 *     lookup per request).
 *   - `X-API-Key: nffk_<id>_<secret>` for server-to-server clients; expired or
 *     revoked keys are refused; lastUsedAt is written at most once a minute.
 * Failures are 401 with a code saying why (UNAUTHENTICATED, INVALID_TOKEN,
 * TOKEN_EXPIRED, TOKEN_REVOKED, USER_DISABLED, INVALID_API_KEY).
 *
 * Step-up MFA (deps.requireStaffMfa): on /v1/admin/* a staff member's ID token
 * (a user with any role) must come from a sign-in that used a second factor,
 * or the call is refused with 401 MFA_REQUIRED and
 * `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (the
 * challenge of RFC 9470, OAuth 2.0 Step Up Authentication): the identity is
 * fine, the way it authenticated is not, and the fix is to sign in again.
 * Who is challenged is kernel/principal.ts's needsStepUp().
 *
 * Authorization is declared next to each route with requireUser() or
 * allow({ roles, scopes }): a valid identity without the right gets 403.
 *
 * Once the caller is known, the per-principal rate limit runs (deps.rateLimit,
 * see rate-limit.ts), so every authenticated route is limited per user / key.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Auth } from 'firebase-admin/auth';
import { AppError, ForbiddenError, UnauthenticatedError, ValidationError } from '../kernel/errors';
import { needsStepUp, rolesFromClaim, type Actor, type ApiKeyPrincipal, type ApiKeyScope, type Principal, type Role, type UserPrincipal } from '../kernel/principal';

export interface AuthDeps {
  auth: () => Auth;
  /** Checks a presented API key (ApiKeysService.verify): its principal, or undefined when it is not valid. */
  apiKeys: { verify(presented: string): Promise<ApiKeyPrincipal | undefined> };
  /** Per-principal rate limit, run after the principal is set (absent: none). */
  rateLimit?: RequestHandler;
  /** Require a second factor from staff on /v1/admin/* (config REQUIRE_STAFF_MFA). */
  requireStaffMfa?: boolean;
}

/** 401 MFA_REQUIRED: a staff token without a second factor on an admin route. */
function mfaRequiredError(): AppError {
  return new AppError(
    'MFA_REQUIRED',
    'Staff must sign in with a second factor to use the admin API; sign in again with multi-factor authentication and retry with the new ID token.',
    undefined,
    { 'WWW-Authenticate': 'Bearer error="insufficient_user_authentication", error_description="A second factor is required"' },
  );
}

/** Map firebase-admin verification failures to our 401 codes. */
function tokenError(error: unknown): UnauthenticatedError {
  const code = (error as { code?: string }).code ?? '';
  switch (code) {
    case 'auth/id-token-expired':
      return new UnauthenticatedError('The ID token has expired; refresh it and retry.', 'TOKEN_EXPIRED');
    case 'auth/id-token-revoked':
      return new UnauthenticatedError('The session was revoked; sign in again.', 'TOKEN_REVOKED');
    case 'auth/user-disabled':
      return new UnauthenticatedError('This account is disabled.', 'USER_DISABLED');
    default:
      return new UnauthenticatedError('The ID token is invalid.', 'INVALID_TOKEN');
  }
}

export function authenticate(deps: AuthDeps): RequestHandler {
  async function fromIdToken(token: string): Promise<UserPrincipal> {
    try {
      const decoded = await deps.auth().verifyIdToken(token, true);
      return {
        kind: 'user',
        uid: decoded.uid,
        email: decoded.email,
        emailVerified: decoded.email_verified === true,
        roles: rolesFromClaim(decoded.roles),
        signInProvider: decoded.firebase?.sign_in_provider,
        ...(decoded.firebase?.sign_in_second_factor ? { secondFactor: decoded.firebase.sign_in_second_factor } : {}),
        token: {
          authTime: decoded.auth_time,
          issuedAt: decoded.iat,
          expiresAt: decoded.exp,
          identities: Object.keys(decoded.firebase?.identities ?? {}).sort(),
        },
      };
    } catch (error) {
      throw tokenError(error);
    }
  }

  async function fromApiKey(presented: string): Promise<Principal> {
    const principal = await deps.apiKeys.verify(presented);
    if (!principal) throw new UnauthenticatedError('The API key is invalid, expired or revoked.', 'INVALID_API_KEY');
    return principal;
  }

  return (req, res, next) => {
    const authorization = req.get('authorization');
    const apiKey = req.get('x-api-key');
    if (authorization !== undefined && apiKey !== undefined) {
      next(new ValidationError('Send either Authorization or X-API-Key, not both.', undefined, 'AMBIGUOUS_CREDENTIALS'));
      return;
    }
    let pending: Promise<Principal>;
    if (authorization !== undefined) {
      const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization.trim());
      if (!match) {
        next(new UnauthenticatedError('Use `Authorization: Bearer <Firebase ID token>`.', 'INVALID_TOKEN'));
        return;
      }
      pending = fromIdToken(match[1]);
    } else if (apiKey !== undefined) {
      pending = fromApiKey(apiKey.trim());
    } else {
      next(new UnauthenticatedError());
      return;
    }
    pending.then(
      (principal) => {
        // originalUrl: the path as the client sent it, whatever router mounted the route.
        if (needsStepUp(principal, req.originalUrl.split('?')[0], deps.requireStaffMfa === true)) {
          next(mfaRequiredError());
          return;
        }
        res.locals.principal = principal;
        if (deps.rateLimit) deps.rateLimit(req, res, next);
        else next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** The authenticated principal (after authenticate()). */
function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new UnauthenticatedError();
  return principal;
}

/** The calling user; API keys are refused (the route acts on "me"). */
export function userOf(res: Response): UserPrincipal {
  const principal = principalOf(res);
  if (principal.kind !== 'user') throw new ForbiddenError('This endpoint needs a user identity, not an API key.', 'USER_REQUIRED');
  return principal;
}

/** Route guard: only end users (any role). */
export const requireUser: RequestHandler = (_req, res, next) => {
  try {
    userOf(res);
    next();
  } catch (error) {
    next(error);
  }
};

/** Route guard: users with one of `roles`, or API keys with one of `scopes`. */
export function allow(rule: { roles?: Role[]; scopes?: ApiKeyScope[] }): RequestHandler {
  return (_req, res, next) => {
    const principal = res.locals.principal as Principal | undefined;
    if (!principal) {
      next(new UnauthenticatedError());
      return;
    }
    const permitted =
      principal.kind === 'user'
        ? principal.roles.some((role) => rule.roles?.includes(role))
        : principal.scopes.some((scope) => rule.scopes?.includes(scope));
    next(permitted ? undefined : new ForbiddenError());
  };
}

/** Who did it and from where, for audit entries. */
export function actorOf(req: Request, res: Response): Actor {
  const principal = res.locals.principal as Principal | undefined;
  const origin = { ip: req.ip, userAgent: req.get('user-agent')?.slice(0, 256) };
  if (!principal) return { type: 'anonymous', id: 'anonymous', ...origin };
  return principal.kind === 'user' ? { type: 'user', id: principal.uid, ...origin } : { type: 'apiKey', id: principal.keyId, ...origin };
}
