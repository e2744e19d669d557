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
 */
import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';

const COLLECTION = 'rateLimits';
/** Keep a window's counter a day past its end, then let the TTL policy delete it. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

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

export class RateLimitRepository {
  constructor(private readonly db: () => Firestore) {}

  /**
   * Reserve up to `want` units: add `want` to the window's counter, then read
   * it back. Other reservations may land between the two, so the caller
   * assumes its units are the last ones counted and keeps only those at or
   * below `limit`. Its real position is never later than that, so the units
   * granted to all callers together never exceed `limit`; racing callers near
   * the limit may be granted less than was free (at most `want` each).
   */
  async lease(request: LeaseRequest): Promise<LeaseGrant> {
    const ref = this.db().collection(COLLECTION).doc(`${request.scope}_${request.key}_${request.windowMs}_${request.windowStartMs}`);
    await ref.set(
      {
        scope: request.scope,
        windowStart: Timestamp.fromMillis(request.windowStartMs),
        limit: request.limit,
        count: FieldValue.increment(request.want),
        expireAt: Timestamp.fromMillis(request.windowStartMs + request.windowMs + RETENTION_MS),
      },
      { merge: true },
    );
    const observed = Number((await ref.get()).get('count') ?? request.want);
    const granted = Math.max(0, Math.min(request.want, request.limit - (observed - request.want)));
    return { granted, used: Math.min(observed, request.limit) };
  }
}
