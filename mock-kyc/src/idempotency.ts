/**
 * Idempotency-Key handling (Stripe semantics, scoped per endpoint):
 * same key + same body → the stored response is replayed with
 * `Idempotent-Replayed: true`; same key + different body → 409
 * IDEMPOTENCY_KEY_REUSED. Only successful responses are stored, so a request
 * that failed validation or hit an injected 5xx can be retried with its key.
 *
 * Scoping by endpoint matters because our trigger reuses its event id as the
 * key for both "create applicant" and "start check".
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { problems } from './problem';

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  expiresAt: number;
}

/** What a handler produces. */
export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** JSON with sorted keys, so key order in the client's body does not change the fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Remembers responses per (endpoint, key). */
export class IdempotencyStore {
  private readonly entries = new Map<string, StoredResponse>();

  constructor(private readonly ttlMs: number) {}

  /**
   * Run `handler` at most once per key. `scope` names the endpoint and its
   * path parameters (e.g. `POST /v1/applicants/app_1/checks`).
   */
  run(req: Request, res: Response, scope: string, handler: () => HandlerResult): void {
    const key = req.get('Idempotency-Key');
    if (key === undefined) return send(res, handler());
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw problems.invalidIdempotencyKey();
    this.prune();
    const id = `${scope}\n${key}`;
    const fingerprint = createHash('sha256').update(canonical(req.body ?? null)).digest('hex');
    const stored = this.entries.get(id);
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw problems.idempotencyReused();
      res.setHeader('Idempotent-Replayed', 'true');
      return send(res, stored);
    }
    // Handlers are synchronous, so no second request with this key can interleave between run and store.
    const result = handler();
    if (result.status >= 200 && result.status < 300) {
      this.entries.set(id, { fingerprint, status: result.status, body: result.body, headers: result.headers ?? {}, expiresAt: Date.now() + this.ttlMs });
    }
    send(res, result);
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}

function send(res: Response, result: HandlerResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.status(result.status).json(result.body);
}
