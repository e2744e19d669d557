/**
 * Per-instance request counters, kept in memory and drained by the flusher
 * (usage.meter.ts) into one Firestore document per UTC day as increments.
 *
 * Invariant: every recorded request is in exactly one place — pending here, or
 * handed out by drain() (and given back by restore() if its write failed) —
 * so counts are neither dropped nor doubled by the bookkeeping itself.
 *
 * Keys are bounded: operations are route templates (never raw paths; an
 * unmatched path counts as `unmatched`), status classes are 1xx..5xx, and API
 * keys are the ids of existing keys (a request with an unknown key is
 * refused before it has a key id).
 */

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

/** One finished request, as the meter sees it. */
export interface RequestSample {
  at: Date;
  /** `GET /v1/admin/users/:uid`, or `unmatched`. */
  operation: string;
  status: number;
  /** Set when the caller used an API key. */
  apiKeyId?: string;
}

/** The counts of one UTC day. */
export interface DayCounts {
  /** operation → status class → requests. */
  requests: Record<string, Partial<Record<StatusClass, number>>>;
  /** Requests refused with 429 by any rate limit (IP, user or key). */
  rateLimited: number;
  /** API key id → status class → requests. */
  apiKeys: Record<string, Partial<Record<StatusClass, number>>>;
}

export function statusClassOf(status: number): StatusClass {
  const hundreds = Math.min(5, Math.max(1, Math.floor(status / 100)));
  return `${hundreds}xx` as StatusClass;
}

/** The UTC day (YYYY-MM-DD) of an instant. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

const emptyDay = (): DayCounts => ({ requests: {}, rateLimited: 0, apiKeys: {} });

function add(into: Record<string, Partial<Record<StatusClass, number>>>, key: string, cls: StatusClass, n: number): void {
  const row = (into[key] ??= {});
  row[cls] = (row[cls] ?? 0) + n;
}

/** Add `from` into `into` (both in the DayCounts shape). */
function mergeDay(into: DayCounts, from: DayCounts): void {
  for (const [op, classes] of Object.entries(from.requests)) for (const [cls, n] of Object.entries(classes)) add(into.requests, op, cls as StatusClass, n ?? 0);
  for (const [key, classes] of Object.entries(from.apiKeys)) for (const [cls, n] of Object.entries(classes)) add(into.apiKeys, key, cls as StatusClass, n ?? 0);
  into.rateLimited += from.rateLimited;
}

export class UsageCounters {
  private days = new Map<string, DayCounts>();
  private count = 0;

  /** Requests recorded and not yet drained. */
  get pending(): number {
    return this.count;
  }

  record(sample: RequestSample): void {
    const day = dayOf(sample.at);
    let counts = this.days.get(day);
    if (!counts) this.days.set(day, (counts = emptyDay()));
    const cls = statusClassOf(sample.status);
    add(counts.requests, sample.operation, cls, 1);
    if (sample.apiKeyId) add(counts.apiKeys, sample.apiKeyId, cls, 1);
    if (sample.status === 429) counts.rateLimited += 1;
    this.count += 1;
  }

  /** Hand out everything pending and start afresh. */
  drain(): { days: Map<string, DayCounts>; requests: number } {
    const drained = { days: this.days, requests: this.count };
    this.days = new Map();
    this.count = 0;
    return drained;
  }

  /** Give back a drained batch whose write failed; it goes out with the next flush. */
  restore(batch: { days: Map<string, DayCounts>; requests: number }): void {
    for (const [day, counts] of batch.days) {
      let into = this.days.get(day);
      if (!into) this.days.set(day, (into = emptyDay()));
      mergeDay(into, counts);
    }
    this.count += batch.requests;
  }
}
