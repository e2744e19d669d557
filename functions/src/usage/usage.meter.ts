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
 *
 * No Express here: http/request-metering.ts turns each finished response into
 * a `record()` call.
 */
import type { EventEmitter } from 'node:events';
import { logger } from 'firebase-functions/logger';
import { UsageCounters, type DayCounts } from './usage.counters';

export interface UsageSink {
  /** Add the counts to the stored totals (increments). */
  add(days: Map<string, DayCounts>): Promise<void>;
}

/** A finished request as the meter counts it (at the time of the call). */
export interface MeteredRequest {
  /** `GET /v1/admin/users/:uid`, or `unmatched`. */
  operation: string;
  status: number;
  apiKeyId?: string;
}

export interface UsageMeter {
  /** Count one finished request; the first count after a flush schedules the next flush. */
  record(request: MeteredRequest): void;
  /**
   * Stop flushing when `server` closes (tests, benchmarks; never the
   * Functions runtime): its pending counts are dropped like those of a
   * stopped instance, and no timer outlives the server.
   */
  stopWith(server: EventEmitter | undefined): void;
  /** Write what is pending now (the admin endpoint calls this before reading). */
  flush(): Promise<void>;
  readonly counters: UsageCounters;
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

  const record = (request: MeteredRequest): void => {
    counters.record({ at: now(), ...request });
    // unref: a pending flush never keeps a process alive.
    if (!closed) timer ??= setTimeout(() => void flush(), options.intervalMs).unref();
  };

  return { record, stopWith, flush, counters };
}
