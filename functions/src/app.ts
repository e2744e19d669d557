/**
 * createApp(): the Express application behind the `api` HTTPS function.
 * A factory with no side effects on import (no listen, no SDK initialisation),
 * so tests and benchmarks can build as many apps as they like.
 *
 * Middleware order matters: the request id comes first so every later error
 * carries it; security headers and CORS apply to every response, errors
 * included; the body size limit is checked before anything reads the body; unknown routes and all
 * errors end in the single problem+json error handler.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppConfig } from './config';
import { defaultServices, type Services } from './services';
import { authenticate } from './http/auth';
import { requestId } from './http/request-id';
import { ignoreConditionalGets } from './http/conditional';
import { corsAllowList } from './http/cors';
import { bodyLimit } from './http/body-limit';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { healthRouter } from './health/health.router';
import { docsRouter } from './docs/docs.router';
import { usersRouter } from './users/users.router';
import { adminUsersRouter } from './admin/admin-users.router';
import { kycRouter } from './kyc/kyc.router';
import { createRateLimiters } from './http/rate-limit';
import { apiKeysRouter } from './apikeys/apikeys.router';
import { auditLogsRouter } from './audit/audit.router';
import { sessionRouter } from './users/session.router';

export interface AppDeps {
  config: AppConfig;
  /** Defaults to the firebase-admin backed services. */
  services?: Services;
}

export function createApp({ config, services = defaultServices() }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // No automatic weak ETags (only the profile has a version to tag), and no
  // conditional GETs: Express would answer `If-None-Match: *` with 304 on any
  // route, which the contract does not offer. ETags serve If-Match on writes.
  app.set('etag', false);
  app.use(ignoreConditionalGets);
  // A hop count, not `true`: trusting every hop lets clients forge req.ip.
  app.set('trust proxy', config.trustProxyHops ?? 1);
  app.use(requestId);
  app.use(helmet());
  app.use(corsAllowList(config.corsAllowedOrigins));
  // Per-IP limit on every request, before anything costly; the per-user / per-key
  // limit runs inside authenticate(). Each app has its own lease state.
  const rateLimits = createRateLimiters(config.rateLimits, services.db);
  app.use(rateLimits.byIp);
  app.use(bodyLimit(config.maxBodyBytes));
  // Parses the body when the app runs outside the Functions runtime (tests,
  // benchmarks); inside it the runtime has already parsed it and this is a no-op.
  app.use(express.json({ limit: config.maxBodyBytes, strict: true }));

  // Routers receive `authn` and declare their own authorization next to each
  // route (requireUser / allow), so who may call what is read in one place.
  const authn = authenticate({ ...services, rateLimit: rateLimits.byPrincipal, requireStaffMfa: config.requireStaffMfa === true });
  // Sign-up has a per-IP budget of its own (rate-limit.ts), on top of the general one.
  app.post('/v1/users', rateLimits.signUpsByIp);
  app.use('/v1', healthRouter());
  app.use(docsRouter());
  app.use('/v1', usersRouter(services, authn));
  app.use('/v1', sessionRouter(authn));
  app.use('/v1/admin', adminUsersRouter(services, authn));
  app.use('/v1', kycRouter(services, authn));
  app.use('/v1', apiKeysRouter(services, authn));
  app.use('/v1', auditLogsRouter(services, authn));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
