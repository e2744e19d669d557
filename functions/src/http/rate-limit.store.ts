/**
 * The rate limiter's counters (rate-limit.ts): they live in Firestore, shared by
 * every function instance, with per-instance token leasing so a busy client
 * costs one counter update per `leaseSize` requests instead of one per
 * request.
 *
 * How it works, per client key and fixed window (one minute in production):
 * an instance reserves a block of up to `leaseSize` units from the shared
 * counter with one atomic increment (RateLimitRepository.lease, batched with
 * the leases other keys ask for meanwhile), then admits
 * requests by spending those units locally. A request never waits for that
 * round trip: when half a block is spent, the next lease starts in the
 * background (refill ahead); and a request that finds no unit at hand — the
 * first of a key in a window on this instance, or one that outran the refill —
 * is admitted on credit while a lease is in flight, up to `leaseSize` credited
 * requests, which the lease's grant then pays back. Only a client that spends
 * more than that within one lease round trip on one instance waits for the
 * lease. When the shared counter is used up the instance refuses that client
 * locally until the window ends, without further reads.
 *
 * A key's first request in a window on an instance starts no lease: it is
 * admitted on credit, and the lease starts with the key's second request
 * there, whose grant pays both. Most keys of a window make one request per
 * instance (a user opening the app once, a sign-up), and a lease costs two
 * Firestore RPCs; a key that never comes back leaves that one credited
 * request unpaid, which the overshoot bound below already covers (credit is
 * at most leaseSize either way).
 *
 * INVARIANT (tested in functions/test/rate-limit): units granted for a window
 * never exceed `limit` in total (see RateLimitRepository.lease); a request is
 * admitted by spending a granted unit, or on credit that a grant pays back,
 * and credit is taken only while the counter is not known to be used up.
 * Bounds, per client key and window:
 *   - overshoot: at most `leaseSize` requests per instance beyond `limit`:
 *     those admitted on credit while the lease that came back short (the one
 *     that found the counter used up) was in flight, or the one first request
 *     whose lease never started (a key with no second request on that
 *     instance in the window: it is then all the credit); credit stops as soon as
 *     a grant shows the counter used up (granted < wanted, or the count at
 *     the limit), so this happens at most once per instance and window. All
 *     instances together admit at most limit + leaseSize · instances. Windows
 *     follow each instance's clock, so clock skew δ between instances moves a
 *     window's edges by δ for that instance (NTP-synced to milliseconds);
 *   - undershoot: a client may be refused while units sit unused: up to
 *     leaseSize + ⌊(leaseSize − 1) / 2⌋ leased but unspent per instance when
 *     the window ends (half a block at hand plus the block leased ahead), plus
 *     up to leaseSize per instance whose lease raced another one across the
 *     limit; so at least limit − (2 · leaseSize − 1) · instances are admitted
 *     to a client that keeps every instance busy until it is refused;
 *   - as with any fixed window, a burst straddling a boundary can see up to
 *     2 × limit within a rolling minute.
 * The default lease (limit / 50, clamped to 1..50) keeps both near 2–4 % of
 * the limit per instance while cutting counter writes up to fiftyfold; small
 * limits lease one unit at a time (overshoot ≤ 1 per instance and window).
 *
 * If Firestore is unreachable the store fails open with a local block (a
 * limiter outage must not take the API down) and logs the failure.
 */
import { createHash } from 'node:crypto';
import { logger } from 'firebase-functions/logger';
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
  /** Requests admitted on credit, not yet paid by a grant (≤ leaseSize). */
  debt: number;
  /** The lease in flight for this key on this instance (at most one). */
  pending?: Promise<void>;
  /** A lease was started in this window (the first request defers it). */
  leased: boolean;
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
function defaultLeaseSize(limit: number): number {
  return Math.max(1, Math.min(50, Math.floor(limit / 50)));
}

/** What one request's admission says: the count to report and when the window ends. */
export interface Hit {
  /** Requests counted in the window as far as this instance knows; above the limit means refused. */
  totalHits: number;
  /** When the window ends (ms since epoch). */
  resetMs: number;
}

export class FirestoreLeaseStore {
  private readonly leaseSize: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: LeaseStoreOptions) {
    this.leaseSize = Math.max(1, Math.min(options.leaseSize ?? defaultLeaseSize(options.limit), options.limit));
  }

  /**
   * Admit or refuse a request of `key` at once when that needs no round trip
   * (tokens at hand, credit, or the counter known to be used up) — nearly
   * always; undefined when the request must wait for a lease (then call
   * increment()). Synchronous, so the common request costs no promise.
   */
  take(key: string): Hit | undefined {
    const bucket = this.bucketFor(key, Date.now());
    if (bucket.tokens > 0) {
      bucket.tokens -= 1;
      if (bucket.tokens * 2 < this.leaseSize && !bucket.exhausted) void this.lease(key, bucket); // refill ahead
      return this.info(bucket);
    }
    if (bucket.exhausted) return { totalHits: this.options.limit + 1, resetMs: bucket.windowEnd };
    if (bucket.debt < this.leaseSize) {
      // Admitted now; the lease (started here or already in flight) pays for it —
      // except for the key's first request here this window, which defers the lease
      // to its second (see the top of the file).
      bucket.debt += 1;
      if (bucket.leased || bucket.debt > 1) void this.lease(key, bucket);
      return this.info(bucket);
    }
    return undefined;
  }

  /** take(), waiting for the lease in flight when credit is used up. */
  async increment(key: string): Promise<Hit> {
    for (;;) {
      const hit = this.take(key);
      if (hit) return hit;
      // Credit used up within one lease round trip: wait for the lease in flight.
      await this.lease(key, this.bucketFor(key, Date.now()));
    }
  }

  /** Admission is decided by tokens and credit; the count is an estimate for the headers. */
  private info(bucket: Bucket): Hit {
    return { totalHits: Math.min(this.options.limit, Math.max(1, bucket.used - bucket.tokens + bucket.debt)), resetMs: bucket.windowEnd };
  }

  /** The lease in flight for this key, or a new one (one per key and instance). Never rejects. */
  private lease(key: string, bucket: Bucket): Promise<void> {
    bucket.leased = true;
    bucket.pending ??= this.refill(key, bucket).finally(() => {
      bucket.pending = undefined;
    });
    return bucket.pending;
  }

  private bucketFor(key: string, now: number): Bucket {
    const existing = this.buckets.get(key);
    if (existing && now < existing.windowEnd) return existing;
    if (this.buckets.size >= SWEEP_THRESHOLD) {
      for (const [k, b] of this.buckets) if (now >= b.windowEnd && !b.pending) this.buckets.delete(k);
    }
    const windowStart = now - (now % this.options.windowMs);
    const bucket: Bucket = { windowStart, windowEnd: windowStart + this.options.windowMs, tokens: 0, used: 0, exhausted: false, debt: 0, leased: false };
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
      this.credit(bucket, grant.granted);
      // Short grant or a full counter: nothing is left for this window, so no more credit either.
      if (grant.granted < this.leaseSize || grant.used >= limit) {
        bucket.exhausted = true;
        bucket.debt = 0; // what the grant could not pay is the overshoot (≤ leaseSize, see above)
      }
    } catch (error) {
      logger.warn('rate_limit_store_unavailable', { scope, error: error instanceof Error ? error.message : String(error) });
      this.credit(bucket, this.leaseSize);
      bucket.used += this.leaseSize;
    }
  }

  /** Adds granted units: first paying the requests admitted on credit, the rest to spend. */
  private credit(bucket: Bucket, granted: number): void {
    const paid = Math.min(bucket.debt, granted);
    bucket.debt -= paid;
    bucket.tokens += granted - paid;
  }
}
