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
import express, { Router, type Express } from 'express';
import type { AppConfig } from './config';
import { defaultServices, type Services } from './composition';
import { authenticate } from './http/auth';
import { requestMetering } from './http/request-metering';
import { requestId } from './http/request-id';
import { ignoreConditionalGets } from './http/conditional';
import { corsAllowList } from './http/cors';
import { bodyLimit } from './http/body-limit';
import { securityHeaders } from './http/security-headers';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { docsRouter } from './http/docs.router';
import { mountOperations } from './http/operations';
import { createRateLimiters } from './http/rate-limit';
import { operationGroups } from './operations';

export interface AppDeps {
  config: AppConfig;
  /** Built by the composition root (composition.ts); defaults to the production services. */
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
  // Usage counters first, so every answer is counted (per-IP 429s included).
  app.use(requestMetering(() => services.usage.meter()));
  // helmet()'s headers, asked of helmet once (http/security-headers.ts).
  app.use(securityHeaders());
  app.use(corsAllowList(config.corsAllowedOrigins));
  // Per-IP limit on every request, before anything costly; the per-user / per-key
  // limit runs inside authenticate(). Each app has its own lease state.
  const rateLimits = createRateLimiters(config.rateLimits, services.platform.db);
  app.use(rateLimits.byIp);
  app.use(bodyLimit(config.maxBodyBytes));
  // Parses the body when the app runs outside the Functions runtime (tests,
  // benchmarks); inside it the runtime has already parsed it and this is a no-op.
  app.use(express.json({ limit: config.maxBodyBytes, strict: true }));

  // Each operation declares who may call it (kernel/operation.ts); mounting
  // turns that into authenticate() plus its guard, so who may call what is
  // read in one place, next to the operation's contract entry.
  const authn = authenticate({ auth: services.platform.auth, apiKeys: services.apiKeys, rateLimit: rateLimits.byPrincipal, requireStaffMfa: config.requireStaffMfa === true });
  // Sign-up spends a per-IP budget of its own (http/rate-limit.ts), on top of the general one.
  const mount = { authn, budgets: { signUpsPerIp: rateLimits.signUpsByIp } };
  const api = Router();
  mountOperations(api, operationGroups.health, services, mount);
  app.use(docsRouter());
  mountOperations(api, operationGroups.users, services, mount);
  mountOperations(api, operationGroups.adminUsers, services, mount);
  mountOperations(api, operationGroups.kyc, services, mount);
  mountOperations(api, operationGroups.apiKeys, services, mount);
  mountOperations(api, operationGroups.audit, services, mount);
  mountOperations(api, operationGroups.usage, services, mount);
  app.use(api);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
