/**
 * Firestore trigger registration and delivery.
 *
 * Triggers are registered over REST (PUT /nff/v1/triggers) or start()'s
 * registerTriggers(). After each commit, every changed document matching a
 * trigger produces one CloudEvent POSTed to the trigger's url. Deliveries
 * never block the commit; they are queued per (trigger, document) so events
 * for one document arrive in commit order, and retried with exponential
 * backoff on a network error, a 5xx, 408 or 429, up to MAX_ATTEMPTS.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { buildFirestoreEvent, EVENT_TYPE_PREFIX } from './cloudevent';
import type { CommitEvent } from './core';
import { invalidArgument } from './errors';
import { parseDatabaseName } from './paths';

/** A registered trigger, as accepted by PUT /nff/v1/triggers. */
export interface TriggerSpec {
  /** Unique id, e.g. the Functions emulator trigger id "us-central1-onKycCaseWritten". */
  id: string;
  /** google.cloud.firestore.document.v1.{written|created|updated|deleted}[.withAuthContext], or the short name. */
  eventType: string;
  /** Document path pattern: literal segments, {param} (one segment), {param=**} or ** (any number). */
  document: string;
  project: string;
  database?: string;
  namespace?: string;
  /** Where to POST the CloudEvent. */
  url: string;
}

const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 8_000;
const REQUEST_TIMEOUT_MS = 120_000;

interface Compiled {
  spec: TriggerSpec & { database: string };
  kind: 'written' | 'created' | 'updated' | 'deleted';
  pattern: RegExp;
}

/** Turns a document pattern into an anchored regular expression over the document path. */
export function compilePattern(pattern: string): RegExp {
  const segs = pattern.replace(/^\/+|\/+$/g, '').split('/');
  const parts = segs.map((s) => {
    if (s === '**' || /^\{[^}=]+=\*\*\}$/.test(s)) return '(?:[^/]+(?:/[^/]+)*)';
    if (s === '*' || /^\{[^}=]+(?:=\*)?\}$/.test(s)) return '[^/]+';
    if (/[{}*]/.test(s)) throw invalidArgument(`Unsupported document pattern segment "${s}"`);
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('/')}$`);
}

function normalize(spec: TriggerSpec): Compiled {
  for (const k of ['id', 'eventType', 'document', 'project', 'url'] as const) {
    if (typeof spec[k] !== 'string' || spec[k] === '') throw invalidArgument(`Trigger field "${k}" is required`);
  }
  const full = spec.eventType.startsWith(EVENT_TYPE_PREFIX) ? spec.eventType : EVENT_TYPE_PREFIX + spec.eventType;
  const kind = full.slice(EVENT_TYPE_PREFIX.length).replace(/\.withAuthContext$/, '');
  if (!['written', 'created', 'updated', 'deleted'].includes(kind)) throw invalidArgument(`Unsupported trigger eventType "${spec.eventType}"`);
  new URL(spec.url); // throws on a malformed url
  return {
    spec: { ...spec, eventType: full, database: spec.database ?? '(default)' },
    kind: kind as Compiled['kind'],
    pattern: compilePattern(spec.document),
  };
}

/** Holds registered triggers and delivers their events. */
export class TriggerDispatcher {
  private triggers = new Map<string, Compiled>();
  private queues = new Map<string, Promise<void>>();
  private stopped = false;
  private agent = new http.Agent({ keepAlive: true });

  constructor(private log: (msg: string) => void) {}

  /** Replaces the registered triggers (validates all before changing anything). */
  replace(specs: TriggerSpec[]): void {
    const compiled = specs.map(normalize);
    this.triggers = new Map(compiled.map((c) => [c.spec.id, c]));
  }

  /** Adds or replaces triggers by id. */
  add(specs: TriggerSpec[]): void {
    for (const c of specs.map(normalize)) this.triggers.set(c.spec.id, c);
  }

  /** The registered triggers. */
  list(): TriggerSpec[] {
    return [...this.triggers.values()].map((c) => c.spec);
  }

  /** Commit listener: enqueues one delivery per (matching trigger, changed document). */
  onCommit(e: CommitEvent): void {
    if (e.silent || this.triggers.size === 0) return;
    const { project, database } = parseDatabaseName(e.database.name);
    const rootLen = e.database.root.length + 1;
    for (const c of e.changes) {
      const path = c.name.slice(rootLen);
      for (const t of this.triggers.values()) {
        if (t.spec.project !== project || t.spec.database !== database) continue;
        if (!kindMatches(t.kind, c.before !== null, c.after !== null) || !t.pattern.test(path)) continue;
        const event = buildFirestoreEvent({
          eventType: t.spec.eventType,
          project,
          database,
          namespace: t.spec.namespace,
          document: path,
          before: c.before,
          after: c.after,
          time: e.commitTime,
        });
        this.enqueue(`${t.spec.id}\n${c.name}`, () => this.deliver(t.spec, event.id, event.headers, event.body, path));
      }
    }
  }

  private enqueue(key: string, job: () => Promise<void>): void {
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.then(job);
    this.queues.set(key, next);
    void next.then(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
  }

  private async deliver(spec: TriggerSpec, id: string, headers: Record<string, string>, body: string, path: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !this.stopped; attempt++) {
      let outcome: string;
      try {
        const statusCode = await this.post(spec.url, headers, body);
        if (statusCode >= 200 && statusCode < 300) {
          this.log(`trigger ${spec.id}: delivered ${spec.eventType.slice(EVENT_TYPE_PREFIX.length)} for ${path} (event ${id}, attempt ${attempt})`);
          return;
        }
        outcome = `HTTP ${statusCode}`;
        if (statusCode < 500 && statusCode !== 408 && statusCode !== 429) {
          this.log(`trigger ${spec.id}: giving up on ${path} (event ${id}): ${outcome} is not retryable`);
          return;
        }
      } catch (err) {
        outcome = err instanceof Error ? err.message : String(err);
      }
      if (attempt === MAX_ATTEMPTS) {
        this.log(`trigger ${spec.id}: giving up on ${path} (event ${id}) after ${attempt} attempts: ${outcome}`);
        return;
      }
      const delay = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
      this.log(`trigger ${spec.id}: delivery of ${path} (event ${id}) failed (${outcome}); retrying in ${delay} ms`);
      await new Promise((r) => setTimeout(r, delay).unref());
    }
  }

  private post(url: string, headers: Record<string, string>, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const u = new URL(url);
      const mod = u.protocol === 'https:' ? https : http;
      const req = mod.request(
        u,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: u.protocol === 'https:' ? undefined : this.agent,
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Resolves when every queued delivery has finished (delivered or given up). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  /** Stops retrying and closes idle connections. */
  stop(): void {
    this.stopped = true;
    this.agent.destroy();
  }
}

function kindMatches(kind: Compiled['kind'], existed: boolean, exists: boolean): boolean {
  switch (kind) {
    case 'written':
      return true;
    case 'created':
      return !existed && exists;
    case 'updated':
      return existed && exists;
    case 'deleted':
      return existed && !exists;
  }
}
