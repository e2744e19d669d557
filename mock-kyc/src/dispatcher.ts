/**
 * Signed webhook delivery with retries, a delivery log, resend, and the
 * callback faults (duplicates, out-of-order).
 *
 * An event's raw body is serialised once at creation, so every retry,
 * duplicate and resend carries byte-identical JSON and the same `id` — the
 * receiver de-duplicates on it. Only the signature timestamp is fresh per
 * attempt, so a retry hours later still passes the receiver's 5-minute check.
 */
import type { RetryPolicy } from './config';
import type { FaultInjector } from './faults';
import { postJson } from './http-post';
import type { Logger } from './log';
import type { Scheduler } from './scheduler';
import { buildSignatureHeader, SIGNATURE_HEADER } from './signature';
import type { KycEvent } from './store';

/** Why a delivery series was started. */
export type DeliveryCopy = 'original' | 'duplicate' | 'resend';

/** One HTTP attempt in the delivery log. */
export interface DeliveryAttempt {
  eventId: string;
  eventType: string;
  checkId: string;
  url: string;
  attempt: number;
  copy: DeliveryCopy;
  statusCode?: number;
  error?: string;
  ok: boolean;
  durationMs: number;
  at: string;
}

interface EventRecord {
  event: KycEvent;
  rawBody: string;
  url: string;
  checkId: string;
}

/** Dependencies of the dispatcher. */
export interface DispatcherDeps {
  secrets: readonly string[];
  retry: RetryPolicy;
  scheduler: Scheduler;
  faults: FaultInjector;
  log: Logger;
  outOfOrderMaxHoldMs: number;
  duplicateGapMs: number;
}

// The log is for humans and tests; bounding it keeps a long-running local stack from growing without limit.
const MAX_LOG_ENTRIES = 5000;

/** Sends events to their callback URLs. */
export class Dispatcher {
  private readonly records = new Map<string, EventRecord>();
  private readonly held = new Map<string, { eventId: string; duplicate: boolean; timer?: NodeJS.Timeout }>();
  private readonly attempts: DeliveryAttempt[] = [];
  private readonly aborter = new AbortController();

  constructor(private readonly deps: DispatcherDeps) {}

  /** Queue a new event for delivery, applying the out-of-order and duplicate faults. */
  enqueue(event: KycEvent, url: string, checkId: string): void {
    const record: EventRecord = { event, rawBody: JSON.stringify(event), url, checkId };
    this.records.set(event.id, record);
    const { faults, log } = this.deps;
    const duplicate = faults.chance(faults.get().duplicateRate);
    const older = this.held.get(checkId);
    if (older) {
      // A newer event jumps the queue; the held older one follows once this one's first attempt is done.
      this.held.delete(checkId);
      this.deps.scheduler.clear(older.timer);
      void this.startSeries(record, 'original', duplicate).finally(() => this.release(older.eventId, older.duplicate));
      return;
    }
    if (faults.chance(faults.get().outOfOrderRate)) {
      log('delivery.held', { eventId: event.id, checkId });
      const timer = this.deps.scheduler.schedule(() => {
        // No newer event came in time: deliver late anyway rather than never.
        this.held.delete(checkId);
        this.release(event.id, duplicate);
      }, this.deps.outOfOrderMaxHoldMs);
      this.held.set(checkId, { eventId: event.id, duplicate, timer });
      return;
    }
    void this.startSeries(record, 'original', duplicate);
  }

  /** Start a fresh delivery series for a known event; false if the event is unknown. */
  resend(eventId: string): boolean {
    const record = this.records.get(eventId);
    if (!record) return false;
    void this.startSeries(record, 'resend', false);
    return true;
  }

  /** True if the event exists. */
  has(eventId: string): boolean {
    return this.records.has(eventId);
  }

  /** The delivery log, oldest first, optionally filtered. */
  deliveries(filter: { eventId?: string; checkId?: string } = {}): DeliveryAttempt[] {
    return this.attempts.filter((a) => (!filter.eventId || a.eventId === filter.eventId) && (!filter.checkId || a.checkId === filter.checkId));
  }

  /** Abort in-flight deliveries (timers belong to the scheduler, which is closed separately). */
  close(): void {
    this.aborter.abort();
  }

  private release(eventId: string, duplicate = false): void {
    const record = this.records.get(eventId);
    if (record) void this.startSeries(record, 'original', duplicate);
  }

  /** Run attempt 1 now and retries later; resolves after attempt 1. */
  private async startSeries(record: EventRecord, copy: DeliveryCopy, duplicate: boolean): Promise<void> {
    if (duplicate) {
      this.deps.log('fault.injected', { kind: 'duplicate', eventId: record.event.id });
      this.deps.scheduler.schedule(() => this.attempt(record, 1, 'duplicate'), this.deps.duplicateGapMs);
    }
    await this.attempt(record, 1, copy);
  }

  private async attempt(record: EventRecord, n: number, copy: DeliveryCopy): Promise<void> {
    const { retry, scheduler, log, secrets } = this.deps;
    if (scheduler.isClosed) return;
    const t = Math.floor(Date.now() / 1000);
    const started = Date.now();
    const entry: DeliveryAttempt = {
      eventId: record.event.id,
      eventType: record.event.type,
      checkId: record.checkId,
      url: record.url,
      attempt: n,
      copy,
      ok: false,
      durationMs: 0,
      at: new Date(started).toISOString(),
    };
    try {
      const headers = {
        [SIGNATURE_HEADER]: buildSignatureHeader(secrets, record.rawBody, t),
        'User-Agent': 'nff-mock-kyc/0.1',
        'X-Event-Id': record.event.id,
        'X-Delivery-Attempt': String(n),
      };
      entry.statusCode = await postJson(record.url, record.rawBody, headers, retry.timeoutMs, this.aborter.signal);
      entry.ok = entry.statusCode >= 200 && entry.statusCode < 300;
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
    }
    if (scheduler.isClosed) return; // stopped mid-flight: the abort is ours, not the receiver's fault
    entry.durationMs = Date.now() - started;
    this.attempts.push(entry);
    if (this.attempts.length > MAX_LOG_ENTRIES) this.attempts.splice(0, this.attempts.length - MAX_LOG_ENTRIES);
    log('delivery.attempt', { eventId: entry.eventId, attempt: n, copy, ok: entry.ok, statusCode: entry.statusCode, error: entry.error });
    if (entry.ok) return;
    if (n >= retry.maxAttempts) {
      log('delivery.exhausted', { eventId: entry.eventId, attempts: n });
      return;
    }
    const delay = Math.min(retry.maxDelayMs, retry.baseMs * 2 ** (n - 1));
    scheduler.schedule(() => this.attempt(record, n + 1, copy), delay);
  }
}
