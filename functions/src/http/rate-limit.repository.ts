/**
 * rateLimits/{scope_keyHash_windowMs_windowStart}: shared request counters,
 * one document per limited client (IP, user, API key) and fixed window: {scope, windowStart, count, limit,
 * expireAt}. The only code touching that collection. A Firestore TTL policy
 * on `expireAt` deletes past windows.
 *
 * Reservations use an atomic increment, not a transaction: increments on one
 * document never abort each other, whereas read-modify-write transactions
 * from many instances on one hot counter abort and back off (seconds each),
 * which is exactly the contention collapse a rate limiter must not cause.
 *
 * Leases are batched: at most one batch is in flight per repository (one per
 * app instance, shared by the IP, user and API-key limiters), and batches
 * start at least `spacingMs` apart (25 ms by default); a lease asked for
 * meanwhile joins the next batch, which reserves every queued lease with one
 * commit and reads them all back with one getAll. A lone lease after a quiet
 * spell goes out at once, so batching adds no latency when idle; under load
 * an instance sends at most 1000 / spacingMs batches a second (two RPCs
 * each) however many clients it sees. Requests never wait for a lease while
 * they have credit (rate-limit.store.ts), so the spacing only delays when a
 * grant arrives, which the store's bounds already allow for. Each lease's
 * grant is computed exactly as if it had been sent alone.
 */
import { FieldValue, Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';

const COLLECTION = 'rateLimits';
/** Keep a window's counter a day past its end, then let the TTL policy delete it. */
const RETENTION_MS = 24 * 60 * 60 * 1000;
/** Leases per batch: well under Firestore's 500 writes per commit. */
const MAX_BATCH = 200;
/**
 * Least time between the starts of two batches. Each batch costs two RPCs of
 * client CPU (≈ 0.3 ms each on our bench machine) whatever its size, so under
 * load (500+ new clients a second) 25 ms gathers ten or more leases per batch
 * where sending on the previous batch's return gathered about five.
 */
const DEFAULT_SPACING_MS = 25;

export interface LeaseRequest {
  /** Client key, already hashed: raw IPs and ids are not stored. */
  key: string;
  scope: string;
  /** Start of the window (ms since epoch, a multiple of windowMs). */
  windowStartMs: number;
  windowMs: number;
  limit: number;
  /** Units the caller would like to reserve. */
  want: number;
}

export interface LeaseGrant {
  /** Units granted to the caller, 0..want; 0 means the window is used up. */
  granted: number;
  /** Units reserved in this window as far as the caller knows, capped at limit. */
  used: number;
}

interface QueuedLease {
  request: LeaseRequest;
  resolve: (grant: LeaseGrant) => void;
  reject: (error: unknown) => void;
}

export class RateLimitRepository {
  private readonly queue: QueuedLease[] = [];
  private inFlight = false;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: () => Firestore,
    private readonly spacingMs = DEFAULT_SPACING_MS,
  ) {}

  /**
   * Reserve up to `want` units: add `want` to the window's counter, then read
   * it back. Other reservations may land between the two (in the same batch
   * too), so the caller assumes its units are the last ones counted and keeps
   * only those at or below `limit`. Its real position is never later than
   * that, so the units granted to all callers together never exceed `limit`;
   * racing callers near the limit may be granted less than was free (at most
   * `want` each).
   */
  lease(request: LeaseRequest): Promise<LeaseGrant> {
    return new Promise<LeaseGrant>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.sendNextBatch();
    });
  }

  private sendNextBatch(): void {
    if (this.inFlight || this.timer !== undefined || this.queue.length === 0) return;
    const wait = this.lastSentAt + this.spacingMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.sendNextBatch();
      }, wait);
      // A queued lease must not keep a finished process alive.
      this.timer.unref();
      return;
    }
    this.inFlight = true;
    this.lastSentAt = Date.now();
    const batch = this.queue.splice(0, MAX_BATCH);
    void this.leaseAll(batch).finally(() => {
      this.inFlight = false;
      this.sendNextBatch();
    });
  }

  /** One commit reserving every lease of the batch, one getAll reading the counters back. Settles every lease. */
  private async leaseAll(batch: QueuedLease[]): Promise<void> {
    try {
      const db = this.db();
      const refs: DocumentReference[] = batch.map(({ request }) => db.collection(COLLECTION).doc(`${request.scope}_${request.key}_${request.windowMs}_${request.windowStartMs}`));
      const write = db.batch();
      batch.forEach(({ request }, i) =>
        write.set(
          refs[i],
          {
            scope: request.scope,
            windowStart: Timestamp.fromMillis(request.windowStartMs),
            limit: request.limit,
            count: FieldValue.increment(request.want),
            expireAt: Timestamp.fromMillis(request.windowStartMs + request.windowMs + RETENTION_MS),
          },
          { merge: true },
        ),
      );
      await write.commit();
      // One read per counter document, however many leases of the batch it carries.
      const snapshots = await db.getAll(...new Map(refs.map((ref) => [ref.path, ref])).values());
      const counts = new Map(snapshots.map((snapshot) => [snapshot.ref.path, Number(snapshot.get('count') ?? 0)]));
      batch.forEach(({ request, resolve }, i) => {
        const observed = counts.get(refs[i].path) || request.want;
        const granted = Math.max(0, Math.min(request.want, request.limit - (observed - request.want)));
        resolve({ granted, used: Math.min(observed, request.limit) });
      });
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }
}
