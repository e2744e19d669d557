/**
 * The Listen RPC (onSnapshot): a bidirectional stream of targets.
 *
 * For each added target the server sends ADD, the matching documents, CURRENT
 * and then a global NO_CHANGE with a read time (the SDK raises a snapshot on
 * a NO_CHANGE with no target ids once the target is CURRENT). After every
 * commit touching a target, it sends the document changes followed by
 * another global NO_CHANGE at the commit time. Resume tokens are accepted but
 * a resumed target is always re-sent in full after a RESET.
 *
 * Security rules (for callers other than `Bearer owner`, on projects with
 * rules) are checked when a target is added — `get` of each document of a
 * document target, `list` of a query target — and again whenever a commit
 * changes what the target covers. A denied target is answered with a REMOVE
 * carrying cause PERMISSION_DENIED, as the official emulator does; the SDK
 * fails that listener with `permission-denied`.
 */
import { fromTimestamp, toTimestamp, type Micros } from './clock';
import type { CommitEvent, Emulator } from './core';
import { executeQuery } from './engine';
import { assertDocumentName, assertParentName, parseDatabaseName } from './paths';
import { planIndexes, queryCollections } from './reads';
import { queryDocuments } from './query-plan';
import { toStatus } from './errors';
import type { DuplexCall } from './grpc-transport';
import { authorizeGets, authorizeQuery, type Security } from './security';
import type { Document, StructuredQuery } from './types';

interface Target {
  id: number;
  /** For document targets: the names listened to. */
  names?: Set<string>;
  /** For query targets. */
  parent?: string;
  query?: StructuredQuery;
  /** Queries with limit/offset/cursors are re-run on change instead of matched per document. */
  rerun?: boolean;
  /** Documents currently in the target, by name. */
  docs: Map<string, Document>;
}

interface ListenTarget {
  targetId?: number;
  query?: { parent: string; structuredQuery: StructuredQuery };
  documents?: { documents?: string[] };
  resumeToken?: Buffer;
  readTime?: unknown;
  once?: boolean;
}

interface ListenRequest {
  database?: string;
  addTarget?: ListenTarget;
  removeTarget?: number;
}

const resumeToken = (t: Micros): Buffer => Buffer.from(String(t));

/** Serves one Listen stream until the client closes it. */
export function handleListen(emu: Emulator, security: Security, call: DuplexCall): void {
  const targets = new Map<number, Target>();
  let database: string | undefined;
  let closed = false;
  const send = (msg: object): void => {
    if (!closed) call.write(msg);
  };
  const marker = (t: Micros): void => send({ targetChange: { targetChangeType: 'NO_CHANGE', targetIds: [], readTime: toTimestamp(t), resumeToken: resumeToken(t) } });

  const unsubscribe = emu.onCommit((e) => {
    if (e.database.name !== database || targets.size === 0) return;
    let sent = false;
    for (const t of [...targets.values()]) {
      if (!stillAllowed(t, e)) continue;
      sent = applyCommit(t, e, send) || sent;
    }
    if (sent) marker(e.commitTime);
  });
  /**
   * Re-checks a target a commit changes, as it was checked when added (`get`
   * of each changed document with its new state, `list` of the query at the
   * commit time, under the rules loaded now). A denied target is removed with
   * cause PERMISSION_DENIED before any of the change is sent, so a document
   * that becomes unreadable never reaches the listener.
   */
  const stillAllowed = (t: Target, e: CommitEvent): boolean => {
    try {
      const access = security.access(call.meta.authorization, database!);
      if (!access) return true;
      if (t.names) {
        const touched = e.changes.filter((c) => t.names!.has(c.name)).map((c) => c.name);
        if (touched.length > 0) authorizeGets(access, e.database, touched, e.commitTime);
      } else if (e.changes.some((c) => inScope(t.parent!, t.query!, c.name))) {
        authorizeQuery(access, e.database, t.parent!, t.query!, e.commitTime);
      }
      return true;
    } catch (err) {
      targets.delete(t.id);
      const { code, details } = toStatus(err);
      send({ targetChange: { targetChangeType: 'REMOVE', targetIds: [t.id], cause: { code, message: details } } });
      return false;
    }
  };
  const close = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    unregisterClose();
  };
  // The client half-closes when its listener unsubscribes: finish the call
  // (status OK) right away so no stream outlives its listener.
  const finish = (): void => {
    if (closed) return;
    close();
    call.end();
  };
  // Emulator shutdown ends every open stream with OK rather than letting the
  // connection teardown cancel it: a client that is unsubscribing at that
  // moment (its half-close still in flight) must not see an error status.
  const unregisterClose = emu.onClose(finish);
  call.on('cancelled', close);
  call.on('end', finish);

  call.on('data', (raw: unknown) => {
    const req = raw as ListenRequest;
    try {
      if (req.database) {
        parseDatabaseName(req.database);
        database ??= req.database;
      }
      if (req.addTarget) addTarget(req.addTarget);
      else if (req.removeTarget !== undefined && req.removeTarget !== null) {
        targets.delete(req.removeTarget);
        send({ targetChange: { targetChangeType: 'REMOVE', targetIds: [req.removeTarget] } });
      }
    } catch (err) {
      const { code, details } = toStatus(err);
      const id = req.addTarget?.targetId ?? 0;
      send({ targetChange: { targetChangeType: 'REMOVE', targetIds: [id], cause: { code, message: details } } });
    }
  });

  function addTarget(spec: ListenTarget): void {
    if (!database) throw new Error('Listen request without a database');
    const id = spec.targetId ?? 0;
    const t: Target = { id, docs: new Map() };
    const db = emu.db(database);
    const access = security.access(call.meta.authorization, database);
    let initial: Document[];
    if (spec.documents) {
      t.names = new Set(spec.documents.documents ?? []);
      for (const n of t.names) assertDocumentName(n, database);
      if (access) authorizeGets(access, db, [...t.names], emu.clock.readTime());
      initial = [...t.names].map((n) => db.get(n)).filter((d): d is Document => d !== null);
    } else if (spec.query) {
      assertParentName(spec.query.parent, database);
      t.parent = spec.query.parent;
      t.query = spec.query.structuredQuery;
      const q = t.query;
      if (access) authorizeQuery(access, db, t.parent, q, emu.clock.readTime());
      // Strict index mode: a listener needs the same index as the query (production fails it with FAILED_PRECONDITION).
      if (emu.requiresIndexes(t.parent)) planIndexes(emu, t.parent, q);
      t.rerun = Boolean(q.limit !== undefined || q.offset || q.startAt || q.endAt);
      initial = queryDocuments(db, t.parent, q, queryCollections(db, t.parent, q), undefined);
    } else {
      throw new Error('addTarget needs documents or query');
    }
    send({ targetChange: { targetChangeType: 'ADD', targetIds: [id] } });
    if (spec.resumeToken && spec.resumeToken.length > 0) send({ targetChange: { targetChangeType: 'RESET', targetIds: [id] } });
    for (const d of initial) {
      t.docs.set(d.name, d);
      send({ documentChange: { document: d, targetIds: [id] } });
    }
    const now = emu.clock.readTime();
    send({ targetChange: { targetChangeType: 'CURRENT', targetIds: [id], readTime: toTimestamp(now), resumeToken: resumeToken(now) } });
    targets.set(id, t);
    marker(now);
  }
}

/** Sends the changes one commit makes to one target; returns whether anything was sent. */
function applyCommit(t: Target, e: CommitEvent, send: (msg: object) => void): boolean {
  let sent = false;
  const readTime = toTimestamp(e.commitTime);
  const changed = (d: Document): void => {
    t.docs.set(d.name, d);
    send({ documentChange: { document: d, targetIds: [t.id] } });
    sent = true;
  };
  const gone = (name: string, deleted: boolean): void => {
    t.docs.delete(name);
    send(deleted ? { documentDelete: { document: name, removedTargetIds: [t.id], readTime } } : { documentRemove: { document: name, removedTargetIds: [t.id], readTime } });
    sent = true;
  };

  if (t.names) {
    for (const c of e.changes) {
      if (!t.names.has(c.name)) continue;
      if (c.after) changed(c.after);
      else if (t.docs.has(c.name)) gone(c.name, true);
    }
    return sent;
  }

  const q = t.query!;
  const parent = t.parent!;
  const relevant = e.changes.filter((c) => inScope(parent, q, c.name));
  if (relevant.length === 0) return false;
  if (t.rerun) {
    const db = e.database;
    const now = queryDocuments(db, parent, q, queryCollections(db, parent, q), undefined);
    const next = new Set<string>();
    for (const d of now) {
      next.add(d.name);
      const old = t.docs.get(d.name);
      if (!old || fromTimestamp(old.updateTime!) !== fromTimestamp(d.updateTime!)) changed(d);
    }
    const deleted = new Set(e.changes.filter((c) => !c.after).map((c) => c.name));
    for (const name of [...t.docs.keys()]) if (!next.has(name)) gone(name, deleted.has(name));
    return sent;
  }
  for (const c of relevant) {
    // Running the query over the single document applies filters, the
    // "has every orderBy field" rule and the projection in one go (exact for
    // queries without limit/offset/cursors, which take the rerun path).
    const match = c.after ? executeQuery(parent, q, [c.after])[0] : undefined;
    if (match) changed(match);
    else if (t.docs.has(c.name)) gone(c.name, c.after === null);
  }
  return sent;
}

/** Whether a document name falls in a query's collection scope (before filters). */
function inScope(parent: string, q: StructuredQuery, name: string): boolean {
  if (!name.startsWith(`${parent}/`)) return false;
  const sel = q.from?.[0];
  const coll = name.slice(0, name.lastIndexOf('/'));
  if (!sel?.allDescendants) return coll === `${parent}/${sel?.collectionId ?? ''}`;
  return !sel.collectionId || coll.slice(coll.lastIndexOf('/') + 1) === sel.collectionId;
}
