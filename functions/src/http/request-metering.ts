/**
 * Feeds the usage meter (usage/usage.meter.ts) from Express: every finished
 * response is counted under its route template, with the API key that made
 * it. Mounted first in app.ts, so every answer is counted (per-IP 429s too).
 */
import type { EventEmitter } from 'node:events';
import type { Request, RequestHandler } from 'express';
import type { Principal } from '../kernel/principal';

/** What the middleware needs of the meter (UsageMeter has it). */
export interface RequestRecorder {
  record(request: { operation: string; status: number; apiKeyId?: string }): void;
  stopWith(server: EventEmitter | undefined): void;
}

/**
 * The route template of a matched request: Express knows the route's own
 * pattern (`/users/:uid`), and the mount prefix is the request path minus as
 * many trailing segments as the pattern has. Unmatched requests (404s, and
 * requests refused before routing) count as `unmatched`, so random paths
 * cannot grow the counters.
 */
export function operationOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  const pathname = (req.originalUrl.split('?')[0] ?? '').replace(/\/+$/, '');
  const segments = pathname.split('/');
  const patternSegments = pattern.replace(/\/+$/, '').split('/').filter(Boolean).length;
  const prefix = segments.slice(0, segments.length - patternSegments).join('/');
  return `${req.method} ${prefix}${pattern === '/' ? '' : pattern}`.replace(/\/+$/, '') || `${req.method} /`;
}

/** Count each finished response with `recorder()` (resolved per request: the meter is created on first use). */
export function requestMetering(recorder: () => RequestRecorder): RequestHandler {
  return (req, res, next) => {
    const meter = recorder();
    // Node sets `server` on the sockets a net.Server accepts.
    meter.stopWith((req.socket as { server?: EventEmitter } | undefined)?.server);
    res.once('finish', () => {
      const principal = res.locals.principal as Principal | undefined;
      meter.record({ operation: operationOf(req), status: res.statusCode, apiKeyId: principal?.kind === 'apiKey' ? principal.keyId : undefined });
    });
    next();
  };
}
