/**
 * Rate limits, kept by a Firestore-backed lease store (rate-limit.store.ts)
 * so they hold across function instances:
 *   - per client IP (IPv6: per /56), on every request
 *     before authentication: a generous limit that blunts floods and
 *     credential stuffing;
 *   - per principal (user uid or API key id), run by authenticate() right
 *     after it identified the caller;
 *   - self-service sign-up (POST /v1/users) per client IP, a budget of its
 *     own far below the general one: creating accounts is what bots and
 *     email-enumeration scripts do, and the general budget must stay generous
 *     for users behind a shared NAT.
 * Every response carries the IETF draft-6 headers RateLimit-Policy,
 * RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (seconds); when both
 * limits applied, they describe whichever has fewer requests left. Exceeding a
 * limit answers 429 RATE_LIMITED (problem+json) with Retry-After.
 */
import type { Firestore } from 'firebase-admin/firestore';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { logger } from 'firebase-functions/logger';
import { RATE_LIMIT_DEFAULTS, type RateLimitConfig } from '../config';
import { RateLimitedError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { RateLimitRepository } from './rate-limit.repository';
import { FirestoreLeaseStore, type Hit } from './rate-limit.store';

const MINUTE_MS = 60_000;

export interface RateLimiters {
  /** Mount before authentication: limits every request by client IP. */
  byIp: RequestHandler;
  /** Called by authenticate() once res.locals.principal is set. */
  byPrincipal: RequestHandler;
  /** Mount on POST /v1/users only: sign-ups per client IP. */
  signUpsByIp: RequestHandler;
}

type Scope = 'ip' | 'user' | 'apiKey' | 'signUp';

/** One limit as the headers describe it. */
interface Shown {
  limit: number;
  remaining: number;
  resetMs: number;
}

/** res.locals key of the limit the RateLimit-* headers describe so far. */
const SHOWN = 'rateLimitShown';

/** Build the limiters of one app instance (each app has its own local lease state). */
export function createRateLimiters(config: RateLimitConfig | undefined, db: () => Firestore): RateLimiters {
  const settings = { ...RATE_LIMIT_DEFAULTS, ...config };
  const windowMs = settings.windowMs ?? MINUTE_MS;
  const windowSeconds = Math.ceil(windowMs / 1000);
  const repository = new RateLimitRepository(db);

  function setHeaders(res: Response, shown: Shown, now: number): void {
    res.setHeader('RateLimit-Policy', `${shown.limit};w=${windowSeconds}`);
    res.setHeader('RateLimit-Limit', String(shown.limit));
    res.setHeader('RateLimit-Remaining', String(shown.remaining));
    res.setHeader('RateLimit-Reset', String(Math.max(0, Math.ceil((shown.resetMs - now) / 1000))));
  }

  /**
   * Admits or refuses by one limit, in place of a library middleware: the
   * store decides synchronously for nearly every request (take()), so the
   * common request costs no promise, and the headers are written once per
   * limit that is tighter than what they already say (express-rate-limit's
   * two passes, with their awaits, validations and header rewrites, were
   * ≈ 8 µs of a request's own CPU in a profile under load, and its Store
   * interface added nothing the lease store needs; its ipKeyGenerator is
   * still what keys IPs).
   */
  function limiter(scope: Scope, limit: number, keyOf: (req: Request, res: Response) => string): RequestHandler {
    const store = new FirestoreLeaseStore({ scope, limit, windowMs, leaseSize: settings.leaseSize, repository });
    return (req, res, next) => {
      const decide = (hit: Hit): void => {
        const now = Date.now();
        const shown: Shown = { limit, remaining: Math.max(0, limit - hit.totalHits), resetMs: hit.resetMs };
        const before = res.locals[SHOWN] as Shown | undefined;
        const refused = hit.totalHits > limit;
        // When both limits applied, the headers describe whichever has fewer requests left
        // (a refusal always describes the limit that refused).
        if (refused || !before || shown.remaining < before.remaining) {
          res.locals[SHOWN] = shown;
          setHeaders(res, shown, now);
        }
        if (!refused) {
          next();
          return;
        }
        const retryAfter = Math.max(1, Math.ceil((shown.resetMs - now) / 1000));
        res.setHeader('Retry-After', String(retryAfter));
        logger.warn('rate_limited', { scope, limit, requestId: res.locals.requestId as string | undefined });
        next(new RateLimitedError(retryAfter));
      };
      const key = keyOf(req, res);
      const hit = store.take(key);
      if (hit) decide(hit);
      else store.increment(key).then(decide, next);
    };
  }

  const principalKey = (_req: Request, res: Response): string => {
    const principal = res.locals.principal as Principal;
    return principal.kind === 'user' ? principal.uid : principal.keyId;
  };
  const byUser = limiter('user', settings.perMinuteUser, principalKey);
  const byApiKey = limiter('apiKey', settings.perMinuteApiKey, principalKey);

  const byPrincipal: RequestHandler = (req, res, next: NextFunction) => {
    const principal = res.locals.principal as Principal | undefined;
    // Count a request once even if authenticate() runs twice on its way.
    if (!principal || res.locals.principalRateLimited === true) {
      next();
      return;
    }
    res.locals.principalRateLimited = true;
    (principal.kind === 'user' ? byUser : byApiKey)(req, res, next);
  };

  // req.ip is undefined when a request arrives over a Unix socket with no
  // X-Forwarded-For (the Functions emulator's proxy does this); such requests
  // share one bucket. In the cloud the front end always supplies the address.
  // IPv6 addresses are keyed by their /56 (express-rate-limit's ipKeyGenerator).
  const clientIp = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');
  return {
    byIp: limiter('ip', settings.perMinuteIp, clientIp),
    byPrincipal,
    signUpsByIp: limiter('signUp', settings.signUpsPerMinuteIp, clientIp),
  };
}
