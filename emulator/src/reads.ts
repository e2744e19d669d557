/**
 * Read operations shared by the gRPC service and Listen: document lookups,
 * queries, aggregations, listDocuments and listCollectionIds, each honouring
 * a ReadContext (snapshot time or read-write transaction locks).
 */
import type { ReadContext, Emulator } from './core';
import { executeAggregation, getField, prepareQuery, setField } from './engine';
import { failedPrecondition, invalidArgument } from './errors';
import { missingIndexMessage, type QueryPlan } from './indexes';
import { assertIdNotReserved, assertParentName } from './paths';
import { queryDocuments } from './query-plan';
import type { Collection, Database } from './store';
import type { Document, StructuredAggregationQuery, StructuredQuery, Value } from './types';

/** Projects a document onto a DocumentMask (undefined mask = all fields). */
export function applyMask(doc: Document, fieldPaths: string[] | undefined): Document {
  if (!fieldPaths) return doc;
  let fields: Record<string, Value> = {};
  for (const p of fieldPaths) {
    const v = getField(doc.fields, p);
    if (v !== undefined) fields = setField(fields, p, v);
  }
  return { ...doc, fields };
}

/** The collections a structured query reads (validates `from`). */
export function queryCollections(db: Database, parent: string, q: StructuredQuery): Collection[] {
  const from = q.from ?? [];
  if (from.length !== 1) throw invalidArgument('A query must have exactly one "from" collection selector');
  const sel = from[0]!;
  if (!sel.allDescendants && !sel.collectionId) throw invalidArgument('A collection id is required unless allDescendants is set');
  if (sel.collectionId) assertIdNotReserved(sel.collectionId);
  return db.selectCollections(parent, sel.collectionId, Boolean(sel.allDescendants));
}

/** Database name and validated parent of a query/list request. */
export function parentOf(parent: string): { database: string; parent: string } {
  const { database } = assertParentName(parent);
  return { database, parent };
}

/**
 * The index plan of a query (with an aggregation's sum/avg fields); in strict
 * index mode, throws FAILED_PRECONDITION as production does when it lacks a
 * composite index.
 */
export function planIndexes(emu: Emulator, parent: string, q: StructuredQuery, aggregatedFields: string[] = []): QueryPlan {
  const plan = emu.indexes.plan(q, prepareQuery(parent, q).orderBy, aggregatedFields);
  if (plan.missing && emu.requiresIndexes(parent)) {
    throw failedPrecondition(missingIndexMessage(/^projects\/([^/]+)/.exec(parent)?.[1] ?? '', plan.missing));
  }
  return plan;
}

/** The sum/avg field paths of an aggregation. */
export function aggregatedFields(q: StructuredAggregationQuery): string[] {
  return (q.aggregations ?? []).map((a) => (a.sum ?? a.avg)?.field?.fieldPath).filter((p): p is string => Boolean(p));
}

/**
 * Runs a query. In a read-write transaction the result documents are locked;
 * if waiting for a lock let other commits in, the query is re-run under the
 * locks so the caller sees the state its transaction will commit against.
 */
export async function runQuery(
  emu: Emulator,
  db: Database,
  parent: string,
  q: StructuredQuery,
  ctx: ReadContext,
): Promise<Document[]> {
  if (emu.requiresIndexes(parent)) planIndexes(emu, parent, q);
  const run = (): Document[] => queryDocuments(db, parent, q, queryCollections(db, parent, q), ctx.snapshot);
  let docs = run();
  const txn = ctx.lockFor;
  if (!txn) return docs;
  for (let i = 0; i < 5; i++) {
    const missing = docs.map((d) => d.name).filter((n) => !txn.locks.has(n));
    if (missing.length === 0) return docs;
    const wasFree = emu.txns.isFree(missing, txn);
    await emu.lockForRead(ctx, missing);
    if (wasFree) return docs; // no wait happened, so nothing can have changed
    docs = run();
  }
  return docs;
}

/** Runs an aggregation (count/sum/avg) over a query's documents. */
export async function runAggregation(
  emu: Emulator,
  db: Database,
  parent: string,
  q: StructuredAggregationQuery,
  ctx: ReadContext,
): Promise<Record<string, Value>> {
  if (emu.requiresIndexes(parent)) planIndexes(emu, parent, q.structuredQuery, aggregatedFields(q));
  if (ctx.lockFor) {
    // Lock the matching documents so a transaction's count stays true until it commits.
    await runQuery(emu, db, parent, { ...q.structuredQuery, select: undefined, limit: undefined, offset: undefined }, ctx);
  }
  return executeAggregation(parent, q, db.documentsIn(queryCollections(db, parent, q.structuredQuery), ctx.snapshot));
}

/** google.firestore.v1.ListDocumentsRequest (the parts used). */
export interface ListDocumentsRequest {
  parent: string;
  collectionId?: string;
  pageSize?: number;
  pageToken?: string;
  orderBy?: string;
  mask?: { fieldPaths?: string[] };
  showMissing?: boolean;
}

/**
 * listDocuments: documents of one collection ordered by id; with
 * showMissing, also the ids of non-existent documents that have
 * subcollections (returned as a Document with only a name).
 */
export function listDocuments(db: Database, req: ListDocumentsRequest, ctx: ReadContext): { documents: Document[]; nextPageToken?: string } {
  if (!req.collectionId) throw invalidArgument('collectionId is required');
  if (req.orderBy && req.orderBy !== '__name__' && req.orderBy !== 'name') {
    throw invalidArgument('The emulator only supports ordering listDocuments by name');
  }
  const collPath = `${req.parent}/${req.collectionId}`;
  const coll = db.getCollection(req.parent, req.collectionId);
  const byId = new Map<string, Document>();
  if (coll) for (const d of db.documentsIn([coll], ctx.snapshot)) byId.set(d.name.slice(collPath.length + 1), applyMask(d, req.mask?.fieldPaths));
  if (req.showMissing) {
    for (const id of db.missingDocumentIds(collPath)) if (!byId.has(id)) byId.set(id, { name: `${collPath}/${id}` });
  }
  let ids = [...byId.keys()].sort();
  const after = req.pageToken ? Buffer.from(req.pageToken, 'base64url').toString('utf8') : undefined;
  if (after !== undefined) ids = ids.filter((id) => id > after);
  const size = req.pageSize && req.pageSize > 0 ? req.pageSize : ids.length;
  const page = ids.slice(0, size);
  const more = ids.length > size;
  return {
    documents: page.map((id) => byId.get(id)!),
    nextPageToken: more ? Buffer.from(page[page.length - 1]!, 'utf8').toString('base64url') : undefined,
  };
}

/** listCollectionIds: ids of collections directly under `parent`, paged. */
export function listCollectionIds(db: Database, req: { parent: string; pageSize?: number; pageToken?: string }): { collectionIds: string[]; nextPageToken?: string } {
  let ids = db.collectionIds(req.parent);
  if (req.pageToken) {
    const after = Buffer.from(req.pageToken, 'base64url').toString('utf8');
    ids = ids.filter((id) => id > after);
  }
  const size = req.pageSize && req.pageSize > 0 ? req.pageSize : ids.length;
  const page = ids.slice(0, size);
  return {
    collectionIds: page,
    nextPageToken: ids.length > size ? Buffer.from(page[page.length - 1]!, 'utf8').toString('base64url') : undefined,
  };
}
