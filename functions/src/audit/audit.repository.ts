/**
 * auditLogs/{id}: append-only record of every privileged or state-changing
 * action. Entries are written inside the same transaction or batch as the
 * change they describe (so an action and its audit entry land together or not
 * at all) with create(), never update; no API route changes or deletes them.
 * The one sanctioned rewrite is pseudonymisation on erasure (pseudonymise()).
 */
import { randomBytes } from 'node:crypto';
import { FieldValue, type Firestore, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import type { Actor } from '../kernel/principal';
import { timestampPage } from '../kernel/pages';
import { jsonCopy } from '../kernel/json-copy';
import { isoOf, timestampOf } from '../kernel/time';
import { redactPii } from './redact';
import type { TimestampPosition as AuditPosition } from '../kernel/cursor';

export interface AuditInput {
  actor: Actor;
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

/** A before/after state as read back: a JSON object, or null (a stored non-object is wrapped as { value }). */
export type Snapshot = Record<string, unknown> | null;

export interface AuditEntry {
  id: string;
  at: string;
  actor: Actor;
  action: string;
  target: { type: string; id: string };
  before: Snapshot;
  after: Snapshot;
  requestId: string | null;
}

/** Filters shared by every audit-log read. */
export interface AuditFilters {
  actorId?: string;
  targetId?: string;
  action?: string;
  /** Inclusive lower bound (ISO-8601). */
  from?: string;
  /** Exclusive upper bound (ISO-8601). */
  to?: string;
}


/** Filters and position of one page of the audit log (newest first). */
export interface AuditPageQuery extends AuditFilters {
  limit: number;
  after?: AuditPosition;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Position of the last item when more entries follow, for the next cursor. */
  next?: AuditPosition;
}

const COLLECTION = 'auditLogs';
/** Page size when aboutUser() reads all of a subject's entries. */
const ABOUT_USER_PAGE = 500;

/** Firestore rejects undefined; strip it and convert dates. */
function clean(value: unknown): unknown {
  return jsonCopy(value) ?? null;
}

/** Keep only the actor fields of the contract (older or foreign writers may add nulls). */
function toActor(value: unknown): Actor {
  const raw = (value ?? {}) as Partial<Record<keyof Actor, unknown>>;
  const actor: Actor = { type: (raw.type as Actor['type'] | undefined) ?? 'system', id: String(raw.id ?? 'unknown') };
  if (typeof raw.ip === 'string') actor.ip = raw.ip;
  if (typeof raw.userAgent === 'string') actor.userAgent = raw.userAgent;
  return actor;
}

/** Snapshots are objects or null in the contract; wrap anything else. */
function asSnapshot(value: unknown): Snapshot {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

function toEntry(doc: FirebaseFirestore.QueryDocumentSnapshot): AuditEntry {
  const data = doc.data();
  return {
    id: doc.id,
    at: isoOf(data.at) ?? new Date(0).toISOString(),
    actor: toActor(data.actor),
    action: String(data.action),
    target: { type: String((data.target as { type?: unknown } | undefined)?.type), id: String((data.target as { id?: unknown } | undefined)?.id) },
    before: asSnapshot(data.before),
    after: asSnapshot(data.after),
    requestId: (data.requestId as string | null) ?? null,
  };
}

export class AuditRepository {
  constructor(private readonly db: Firestore) {}

  /** Stage an entry in `writer` (the transaction or batch of the change itself). */
  record(writer: Transaction | WriteBatch, input: AuditInput): string {
    const ref = this.db.collection(COLLECTION).doc();
    const data = {
      at: FieldValue.serverTimestamp(),
      actor: clean(input.actor),
      action: input.action,
      target: input.target,
      before: clean(redactPii(input.before)),
      after: clean(redactPii(input.after)),
      requestId: input.requestId ?? null,
    };
    (writer as WriteBatch).create(ref, data);
    return ref.id;
  }

  /** Filtered, newest first, ties broken by document id (descending). */
  private filtered(query: Omit<AuditPageQuery, 'limit' | 'after'>): FirebaseFirestore.Query {
    let q: FirebaseFirestore.Query = this.db.collection(COLLECTION);
    if (query.actorId) q = q.where('actor.id', '==', query.actorId);
    if (query.targetId) q = q.where('target.id', '==', query.targetId);
    if (query.action) q = q.where('action', '==', query.action);
    if (query.from) q = q.where('at', '>=', timestampOf(query.from));
    if (query.to) q = q.where('at', '<', timestampOf(query.to));
    return q.orderBy('at', 'desc').orderBy('__name__', 'desc');
  }


  /** One page for the admin API; reads one extra entry to know whether more follow. */
  async page(query: AuditPageQuery): Promise<AuditPage> {
    const { docs, next } = await timestampPage(this.filtered(query), 'at', query);
    return { items: docs.map(toEntry), next };
  }

  /**
   * Every entry where `uid` is the actor or the target (for GDPR export), all
   * of them: read page by page (exact Timestamp positions, so entries sharing
   * a millisecond are neither skipped nor repeated), newest first.
   */
  async aboutUser(uid: string): Promise<AuditEntry[]> {
    const all = async (filter: { actorId?: string; targetId?: string }): Promise<AuditEntry[]> => {
      const entries: AuditEntry[] = [];
      let after: AuditPosition | undefined;
      do {
        const page = await this.page({ ...filter, limit: ABOUT_USER_PAGE, after });
        entries.push(...page.items);
        after = page.next;
      } while (after);
      return entries;
    };
    const [asActor, asTarget] = await Promise.all([all({ actorId: uid }), all({ targetId: uid })]);
    const byId = new Map([...asActor, ...asTarget].map((entry) => [entry.id, entry]));
    return [...byId.values()].sort((a, b) => b.at.localeCompare(a.at));
  }

  /**
   * Erasure: replace `uid` in the subject's entries by a pseudonym, so the
   * trail still shows that one subject did these things, without saying who.
   *
   * The pseudonym is random, drawn once per erasure (not a hash of the uid,
   * which anyone holding a uid from elsewhere — logs, backups — could
   * recompute and so re-identify the entries). Linkage between the subject's
   * entries survives because all of them are rewritten in this one operation
   * with the same value; nothing maps it back to the uid. Rewritten: actor.id
   * and target.id, a `uid` field inside before/after, and on the subject's own
   * entries the IP address and user agent. Entries about the subject's KYC
   * cases (`caseIds`, whose ids derive from the uid) get a random id per case.
   * A retry after a partial failure draws a new pseudonym for what is left.
   * Returns the number of entries rewritten.
   */
  async pseudonymise(uid: string, caseIds: string[] = []): Promise<number> {
    const pseudonym = `erased:${randomBytes(12).toString('hex')}`;
    const casePseudonyms = new Map(caseIds.map((id) => [id, `erased-case:${randomBytes(12).toString('hex')}`]));
    const docs = new Map<string, FirebaseFirestore.QueryDocumentSnapshot>();
    const collect = (snapshot: FirebaseFirestore.QuerySnapshot) => snapshot.docs.forEach((doc) => docs.set(doc.id, doc));
    for (const field of ['actor.id', 'target.id']) collect(await this.db.collection(COLLECTION).where(field, '==', uid).get());
    // `in` takes at most 30 values per query.
    for (let i = 0; i < caseIds.length; i += 30) {
      collect(await this.db.collection(COLLECTION).where('target.id', 'in', caseIds.slice(i, i + 30)).get());
    }
    const writer = this.db.bulkWriter();
    for (const doc of docs.values()) {
      const data = doc.data();
      const actor = data.actor as Actor | undefined;
      const targetId = (data.target as { id?: string } | undefined)?.id;
      const patch: Record<string, unknown> = {};
      if (actor?.id === uid) {
        patch['actor.id'] = pseudonym;
        patch['actor.ip'] = FieldValue.delete();
        patch['actor.userAgent'] = FieldValue.delete();
      }
      if (targetId === uid) patch['target.id'] = pseudonym;
      else if (targetId !== undefined && casePseudonyms.has(targetId)) patch['target.id'] = casePseudonyms.get(targetId);
      for (const side of ['before', 'after']) {
        if ((data[side] as { uid?: unknown } | null | undefined)?.uid === uid) patch[`${side}.uid`] = pseudonym;
      }
      // Only the fields named above change (update(), not set()): the rest of the entry stays as recorded.
      void writer.update(doc.ref, patch);
    }
    await writer.close();
    return docs.size;
  }
}
