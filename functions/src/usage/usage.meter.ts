/**
 * The usage meter: counts every finished request in memory (no I/O on the
 * request path) and flushes the counts as Firestore increments at most once
 * per interval per instance (usage.repository.ts writes them).
 *
 * Cost: at most one write per day-document per interval per busy instance
 * (default 30 s → at most 2,880 writes a day for an instance that never
 * idles), whatever the request rate; nothing at all while idle.
 * Accuracy: increments commute, so concurrent instances never lose each
 * other's counts. What can be off: the counts of an instance that is shut
 * down before its next flush (at most one interval of its traffic) are lost;
 * a write that fails is retried with the next flush, so a write that did
 * commit but reported an error (a timeout) counts twice. The admin endpoint
 * flushes the instance that serves it first, so its own counts are current.
 */
import type { EventEmitter } from 'node:events';
import type { Request, RequestHandler, Response } from 'express';
import { logger } from 'firebase-functions/logger';
import type { Principal } from '../kernel/principal';
import { UsageCounters, type DayCounts } from './usage.counters';

export interface UsageSink {
  /** Add the counts to the stored totals (increments). */
  add(days: Map<string, DayCounts>): Promise<void>;
}

export interface UsageMeter {
  middleware: RequestHandler;
  /** Write what is pending now (the admin endpoint calls this before reading). */
  flush(): Promise<void>;
  readonly counters: UsageCounters;
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

const logFlushFailure = (requests: number, error: unknown): void => logger.warn('usage_flush_failed', { requests, error: String(error) });

export function createUsageMeter(
  sink: () => UsageSink,
  options: { intervalMs: number; now?: () => Date; onFlushFailure?: (requests: number, error: unknown) => void },
): UsageMeter {
  const counters = new UsageCounters();
  const now = options.now ?? (() => new Date());
  const onFlushFailure = options.onFlushFailure ?? logFlushFailure;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let closed = false;
  const watchedServers = new WeakSet<EventEmitter>();
  /**
   * An app served by a server that closes (tests, benchmarks; never the
   * Functions runtime) stops flushing with it: its pending counts are dropped
   * like those of a stopped instance, and no timer outlives the server.
   */
  const stopWith = (server: EventEmitter | undefined): void => {
    if (!server || watchedServers.has(server)) return;
    watchedServers.add(server);
    server.once('close', () => {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    });
  };

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await inFlight;
    if (counters.pending === 0) return;
    const batch = counters.drain();
    inFlight = sink()
      .add(batch.days)
      .catch((error: unknown) => {
        counters.restore(batch);
        onFlushFailure(batch.requests, error);
      })
      .finally(() => {
        inFlight = undefined;
      });
    await inFlight;
  }

  const middleware: RequestHandler = (req, res: Response, next) => {
    // Node sets `server` on the sockets a net.Server accepts.
    stopWith((req.socket as { server?: EventEmitter } | undefined)?.server);
    res.once('finish', () => {
      const principal = res.locals.principal as Principal | undefined;
      counters.record({ at: now(), operation: operationOf(req), status: res.statusCode, apiKeyId: principal?.kind === 'apiKey' ? principal.keyId : undefined });
      // The first count after a flush schedules the next one; unref: never keeps a process alive.
      if (!closed) timer ??= setTimeout(() => void flush(), options.intervalMs).unref();
    });
    next();
  };

  return { middleware, flush, counters };
}
