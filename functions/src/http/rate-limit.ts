/**
 * Rate limits, built on express-rate-limit with a Firestore-backed store
 * (rate-limit.store.ts) so they hold across function instances:
 *   - per client IP (IPv6: per /56, the library's default), on every request
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
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { logger } from 'firebase-functions/logger';
import { RATE_LIMIT_DEFAULTS, type RateLimitConfig } from '../config';
import { RateLimitedError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { RateLimitRepository } from './rate-limit.repository';
import { FirestoreLeaseStore } from './rate-limit.store';

const MINUTE_MS = 60_000;
const IP_INFO = 'rateLimitIp';
const PRINCIPAL_INFO = 'rateLimitPrincipal';
const SIGN_UP_INFO = 'rateLimitSignUp';

export interface RateLimiters {
  /** Mount before authentication: limits every request by client IP. */
  byIp: RequestHandler;
  /** Called by authenticate() once res.locals.principal is set. */
  byPrincipal: RequestHandler;
  /** Mount on POST /v1/users only: sign-ups per client IP. */
  signUpsByIp: RequestHandler;
}

type Scope = 'ip' | 'user' | 'apiKey' | 'signUp';

/** Library diagnostics go to our structured log instead of the console. */
const libraryLogger = {
  error: (error: unknown, message?: string) => logger.error('rate_limit_library_error', { message, error: String(error) }),
  warn: (error: unknown, message?: string) => logger.warn('rate_limit_library_warning', { message, error: String(error) }),
};

function setHeaders(res: Response, info: RateLimitInfo, windowMs: number): void {
  const resetSeconds = info.resetTime ? Math.max(0, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000);
  res.setHeader('RateLimit-Policy', `${info.limit};w=${Math.ceil(windowMs / 1000)}`);
  res.setHeader('RateLimit-Limit', String(info.limit));
  res.setHeader('RateLimit-Remaining', String(info.remaining));
  res.setHeader('RateLimit-Reset', String(resetSeconds));
}

/** Build the limiters of one app instance (each app has its own local lease state). */
export function createRateLimiters(config: RateLimitConfig | undefined, db: () => Firestore): RateLimiters {
  const settings = { ...RATE_LIMIT_DEFAULTS, ...config };
  const windowMs = settings.windowMs ?? MINUTE_MS;
  const repository = new RateLimitRepository(db);

  function limiter(scope: Scope, limit: number, requestPropertyName: string, keyGenerator?: (req: Request, res: Response) => string): RequestHandler {
    return rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-6',
      legacyHeaders: false,
      requestPropertyName,
      store: new FirestoreLeaseStore({ scope, limit, windowMs, leaseSize: settings.leaseSize, repository }),
      ...(keyGenerator ? { keyGenerator } : {}),
      handler: (_req, res, next) => {
        const retryAfter = Number(res.getHeader('Retry-After')) || Math.ceil(windowMs / 1000);
        logger.warn('rate_limited', { scope, limit, requestId: res.locals.requestId as string | undefined });
        next(new RateLimitedError(retryAfter));
      },
      logger: libraryLogger,
      validate: {
        // index.ts builds the app inside the first request on purpose (params
        // are only readable at run time); it is built once and reused.
        creationStack: false,
      },
    });
  }

  const principalKey = (_req: Request, res: Response): string => {
    const principal = res.locals.principal as Principal;
    return principal.kind === 'user' ? principal.uid : principal.keyId;
  };
  const byUser = limiter('user', settings.perMinuteUser, PRINCIPAL_INFO, principalKey);
  const byApiKey = limiter('apiKey', settings.perMinuteApiKey, PRINCIPAL_INFO, principalKey);

  const byPrincipal: RequestHandler = (req, res, next: NextFunction) => {
    const principal = res.locals.principal as Principal | undefined;
    // Count a request once even if authenticate() runs twice on its way.
    if (!principal || res.locals.principalRateLimited === true) {
      next();
      return;
    }
    res.locals.principalRateLimited = true;
    const chosen = principal.kind === 'user' ? byUser : byApiKey;
    void chosen(req, res, (error?: unknown) => {
      if (error === undefined) {
        const info = req as unknown as Record<string, RateLimitInfo | undefined>;
        const ip = info[IP_INFO];
        const own = info[PRINCIPAL_INFO];
        if (ip && own && ip.remaining < own.remaining) setHeaders(res, ip, windowMs);
      }
      next(error);
    });
  };

  // req.ip is undefined when a request arrives over a Unix socket with no
  // X-Forwarded-For (the Functions emulator's proxy does this); such requests
  // share one bucket instead of failing the library's validation. In the cloud
  // the front end always supplies the address.
  const clientIp = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');
  const signUps = limiter('signUp', settings.signUpsPerMinuteIp, SIGN_UP_INFO, clientIp);
  const signUpsByIp: RequestHandler = (req, res, next) => {
    void signUps(req, res, (error?: unknown) => {
      const info = req as unknown as Record<string, RateLimitInfo | undefined>;
      const ip = info[IP_INFO];
      const own = info[SIGN_UP_INFO];
      if (error === undefined && ip && own && ip.remaining < own.remaining) setHeaders(res, ip, windowMs);
      next(error);
    });
  };
  return { byIp: limiter('ip', settings.perMinuteIp, IP_INFO, clientIp), byPrincipal, signUpsByIp };
}
