/**
 * An express-rate-limit Store whose counters live in Firestore, shared by
 * every function instance, with per-instance token leasing so a busy client
 * costs one counter update per `leaseSize` requests instead of one per
 * request.
 *
 * How it works, per client key and fixed window (one minute in production):
 * an instance reserves a block of up to `leaseSize` units from the shared
 * counter with one atomic increment (RateLimitRepository.lease), then admits
 * requests by spending those units locally. When its block is spent it leases
 * again; when the shared counter has nothing left the instance refuses that
 * client locally until the window ends, without further reads.
 *
 * INVARIANT (tested in functions/test/rate-limit): units granted for a window
 * never exceed `limit` in total (see RateLimitRepository.lease), and a request
 * is admitted only by spending a unit granted for the current window, so all
 * instances together admit at most `limit` requests per client and window.
 * Bounds:
 *   - overshoot: none beyond `limit` per window. Windows follow each
 *     instance's clock, so clock skew δ between instances moves a window's
 *     edges by δ for that instance (Cloud Functions clocks are NTP-synced to
 *     milliseconds);
 *   - undershoot: a client may be refused while units sit unused: up to
 *     (leaseSize − 1) leased but unspent per instance when the window ends,
 *     plus up to leaseSize per instance whose lease raced another one across
 *     the limit; so at least limit − (2 · leaseSize − 1) · instances are
 *     admitted to a client that keeps every instance busy;
 *   - as with any fixed window, a burst straddling a boundary can see up to
 *     2 × limit within a rolling minute.
 * The default lease (limit / 50, clamped to 1..50) keeps the undershoot near
 * 2–4% of the limit per instance while cutting counter writes up to fiftyfold;
 * small limits lease one unit at a time.
 *
 * If Firestore is unreachable the store fails open with a local block (a
 * limiter outage must not take the API down) and logs the failure.
 */
import { createHash } from 'node:crypto';
import type { ClientRateLimitInfo, Store } from 'express-rate-limit';
import { logger } from 'firebase-functions';
import type { RateLimitRepository } from './rate-limit.repository';

/** Sweep expired local buckets once the map grows past this many keys. */
const SWEEP_THRESHOLD = 10_000;

interface Bucket {
  windowStart: number;
  windowEnd: number;
  /** Leased units not yet spent by this instance. */
  tokens: number;
  /** Units leased by all instances as of our last lease. */
  used: number;
  /** The shared counter is used up for this window. */
  exhausted: boolean;
  pending?: Promise<void>;
}

export interface LeaseStoreOptions {
  /** Which limit this is (ip, user, apiKey): part of the document id and logs. */
  scope: string;
  limit: number;
  windowMs: number;
  /** Units reserved per transaction; defaults to limit / 50 clamped to 1..50. */
  leaseSize?: number;
  repository: RateLimitRepository;
}

/** The default block size for a limit (see the bounds above). */
export function defaultLeaseSize(limit: number): number {
  return Math.max(1, Math.min(50, Math.floor(limit / 50)));
}

export class FirestoreLeaseStore implements Store {
  /** Counts are shared across instances (express-rate-limit checks this). */
  readonly localKeys = false;
  readonly prefix: string;
  private readonly leaseSize: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: LeaseStoreOptions) {
    this.prefix = `${options.scope}_`;
    this.leaseSize = Math.max(1, Math.min(options.leaseSize ?? defaultLeaseSize(options.limit), options.limit));
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    for (;;) {
      const bucket = this.bucketFor(key, Date.now());
      if (bucket.tokens > 0) {
        bucket.tokens -= 1;
        // Admission is decided by the token; the count is an estimate for the headers.
        return { totalHits: Math.min(this.options.limit, Math.max(1, bucket.used - bucket.tokens)), resetTime: new Date(bucket.windowEnd) };
      }
      if (bucket.exhausted) return { totalHits: this.options.limit + 1, resetTime: new Date(bucket.windowEnd) };
      // One lease in flight per key and instance; concurrent requests wait for it.
      bucket.pending ??= this.refill(key, bucket).finally(() => {
        bucket.pending = undefined;
      });
      await bucket.pending;
    }
  }

  /** Refunds are not supported: a lease is spent or lost with its window. */
  decrement(): void {}

  /** Forget local state for a key (the shared counter expires with its window). */
  resetKey(key: string): void {
    this.buckets.delete(key);
  }

  private bucketFor(key: string, now: number): Bucket {
    const existing = this.buckets.get(key);
    if (existing && now < existing.windowEnd) return existing;
    if (this.buckets.size >= SWEEP_THRESHOLD) {
      for (const [k, b] of this.buckets) if (now >= b.windowEnd && !b.pending) this.buckets.delete(k);
    }
    const windowStart = now - (now % this.options.windowMs);
    const bucket: Bucket = { windowStart, windowEnd: windowStart + this.options.windowMs, tokens: 0, used: 0, exhausted: false };
    this.buckets.set(key, bucket);
    return bucket;
  }

  private async refill(key: string, bucket: Bucket): Promise<void> {
    const { scope, limit, windowMs, repository } = this.options;
    try {
      const grant = await repository.lease({
        // Hashed: the counter document must not hold the raw IP or id.
        key: createHash('sha256').update(key).digest('hex').slice(0, 40),
        scope,
        windowStartMs: bucket.windowStart,
        windowMs,
        limit,
        want: this.leaseSize,
      });
      bucket.used = Math.max(bucket.used, grant.used);
      bucket.tokens += grant.granted;
      if (grant.granted === 0) bucket.exhausted = true;
    } catch (error) {
      logger.warn('rate_limit_store_unavailable', { scope, error: error instanceof Error ? error.message : String(error) });
      bucket.tokens += this.leaseSize;
      bucket.used += this.leaseSize;
    }
  }
}
