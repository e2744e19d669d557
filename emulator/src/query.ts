/**
 * Server-free query engine: evaluates a google.firestore.v1.StructuredQuery
 * against an in-memory set of documents with Firestore's semantics for
 * scoping, filters (./filters), implicit ordering, cursors, offset/limit and
 * projection; aggregations build on it in ./aggregation. Pure: no I/O, no
 * mutation of inputs.
 */
import type { Cursor, Document, Filter, StructuredQuery, Value } from './types';
import { canonicalFieldPath, getField, parseFieldPath, setField } from './field-paths';
import { compileFilter, type Pred } from './filters';
import { compileNearest } from './vector';
import { firstInOrder, MAX_FIRST_IN_ORDER, nearlyMonotonic } from './top-k';
import { QueryError, compareUtf8, compareValues, valueKind } from './values';

export { QueryError };

/** One resolved sort key of the normalized order. */
interface OrderKey {
  segs: string[];
  canonical: string;
  desc: boolean;
}

/** A query compiled once and applied to many documents (e.g. by Listen). */
export interface PreparedQuery {
  /** Whether `doc` is in scope of `from` under the parent and satisfies `where`. */
  matches(doc: Document): boolean;
  /** The normalized order: explicit orders, implicit inequality orders, `__name__`. */
  readonly orderBy: ReadonlyArray<{ fieldPath: string; direction: 'ASCENDING' | 'DESCENDING' }>;
  /** Runs the full pipeline; `project` (default true) applies `select`. */
  run(docs: Iterable<Document>, project?: boolean): Document[];
  /** The normalized order as field segments and directions (what an ordered index is keyed by). */
  readonly orderKeys: ReadonlyArray<{ readonly segs: string[]; readonly desc: boolean }>;
  /** The start cursor's values and whether it is inclusive (startAt) or not (startAfter). */
  readonly start?: { readonly values: Value[]; readonly inclusive: boolean };
  /**
   * Like run, over documents that arrive already in this query's order (any
   * superset of the result, e.g. an ordered index from the start cursor on):
   * applies where, cursors, offset, limit and projection, and stops reading
   * as soon as the page is full or the end cursor is passed.
   */
  runInOrder(docs: Iterable<Document>, project?: boolean): Document[];
}

const PARENT_RE = /^projects\/[^/]+\/databases\/[^/]+\/documents(?:\/(.+))?$/;

/** Builds the scope test for `from` under `parent`. */
function compileScope(parent: string, q: StructuredQuery): Pred {
  const m = PARENT_RE.exec(parent);
  if (!m || (m[1] !== undefined && m[1].split('/').some((s) => s === ''))
    || (m[1] !== undefined && m[1].split('/').length % 2 !== 0)) {
    throw new QueryError(`Invalid query parent: ${parent}`);
  }
  if (!q.from || q.from.length !== 1) throw new QueryError('A query must have exactly one collection selector');
  const { collectionId = '', allDescendants = false } = q.from[0]!;
  if (!allDescendants && !collectionId) throw new QueryError('Collection id is required');
  if (collectionId.includes('/')) throw new QueryError(`Collection id "${collectionId}" must not contain "/"`);
  const prefix = parent + '/';
  if (!allDescendants) {
    // Direct children of one collection: a name check without splitting (this runs once per scanned document).
    const collectionPrefix = `${prefix}${collectionId}/`;
    return (doc) => doc.name.startsWith(collectionPrefix) && doc.name.length > collectionPrefix.length && !doc.name.includes('/', collectionPrefix.length);
  }
  return (doc) => {
    if (!doc.name.startsWith(prefix)) return false;
    const rel = doc.name.slice(prefix.length).split('/');
    // Collection group; an empty id is the SDK's "kindless" all-descendants query.
    return rel.length % 2 === 0 && (collectionId === '' || rel[rel.length - 2] === collectionId);
  };
}

/** Explicit orders, then unordered inequality fields (lexicographic), then `__name__`. */
function normalizeOrders(q: StructuredQuery, ineq: Set<string>): OrderKey[] {
  const keys: OrderKey[] = [];
  const seen = new Set<string>();
  for (const o of q.orderBy ?? []) {
    if (!o.field?.fieldPath) throw new QueryError('orderBy requires a field path');
    const dir = o.direction ?? 'ASCENDING';
    if (!['ASCENDING', 'DESCENDING', 'DIRECTION_UNSPECIFIED'].includes(dir)) {
      throw new QueryError(`Unsupported order direction: ${dir}`);
    }
    const segs = parseFieldPath(o.field.fieldPath);
    const canonical = canonicalFieldPath(segs);
    if (seen.has(canonical)) throw new QueryError(`Field ${canonical} appears in orderBy more than once`);
    seen.add(canonical);
    keys.push({ segs, canonical, desc: dir === 'DESCENDING' });
  }
  const desc = keys.length > 0 && keys[keys.length - 1]!.desc;
  const implicit = [...ineq]
    .filter((c) => !seen.has(c) && c !== '__name__')
    .map((c) => parseFieldPath(c))
    .sort(compareSegments);
  // The key is unique, so nothing can follow it: production refuses orderBy(__name__)
  // followed by another field, explicit or an inequality's implicit order
  // (firebase-js-sdk composite_index_query.test.ts pins the message).
  const keyAt = keys.findIndex((k) => k.canonical === '__name__');
  if (keyAt >= 0 && (keyAt < keys.length - 1 || implicit.length > 0)) {
    throw new QueryError('Order by clause cannot contain more fields after the key __name__');
  }
  for (const segs of implicit) keys.push({ segs, canonical: canonicalFieldPath(segs), desc });
  if (!seen.has('__name__')) keys.push({ segs: ['__name__'], canonical: '__name__', desc });
  return keys;
}

function compareSegments(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareUtf8(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Int32Value/number/undefined -> number; a present wrapper without value is 0 (proto3). */
function intParam(x: { value?: number } | number | undefined, what: string): number | undefined {
  if (x === undefined || x === null) return undefined;
  const n = typeof x === 'number' ? x : Number(x.value ?? 0);
  if (!Number.isInteger(n) || n < 0) throw new QueryError(`${what} must be a non-negative integer`);
  return n;
}

interface Row { doc: Document; keys: Value[] }

/** Compares a row's sort keys to a (possibly partial) cursor, honoring directions. */
function compareToCursor(row: Row, cursor: Value[], orders: OrderKey[]): number {
  for (let i = 0; i < cursor.length; i++) {
    const c = compareValues(row.keys[i]!, cursor[i]!);
    if (c !== 0) return orders[i]!.desc ? -c : c;
  }
  return 0;
}

function cursorValues(c: Cursor | undefined, orders: OrderKey[]): Value[] | undefined {
  if (!c) return undefined;
  const vals = c.values ?? [];
  if (vals.length > orders.length) throw new QueryError('Too many cursor values for the query order');
  vals.forEach((v, i) => {
    if (orders[i]!.canonical === '__name__' && valueKind(v) !== 'referenceValue') {
      throw new QueryError('Cursor values for __name__ must be document references');
    }
  });
  return vals;
}

function project(doc: Document, q: StructuredQuery): Document {
  const sel = q.select?.fields;
  if (!sel || sel.length === 0) return doc; // an empty projection returns every field
  let fields: Record<string, Value> = {};
  for (const ref of sel) {
    const segs = parseFieldPath(ref.fieldPath);
    if (segs.length === 1 && segs[0] === '__name__') continue;
    const v = getField(doc.fields, segs);
    if (v !== undefined) fields = setField(fields, segs, v);
  }
  return { ...doc, fields };
}

/** Whether a filter tree has an `==` on the document key. */
function hasKeyEquality(f: Filter): boolean {
  if (f.compositeFilter) return (f.compositeFilter.filters ?? []).some(hasKeyEquality);
  const ff = f.fieldFilter;
  return ff?.op === 'EQUAL' && ff.field?.fieldPath !== undefined && canonicalFieldPath(ff.field.fieldPath) === '__name__';
}

/** Compiles and validates a query against `parent`; throws QueryError if invalid. */
export function prepareQuery(parent: string, q: StructuredQuery): PreparedQuery {
  const nearest = q.findNearest ? compileNearest(q.findNearest) : undefined;
  if (nearest && (q.orderBy?.length || q.startAt || q.endAt || q.offset || q.limit !== undefined)) {
    throw new QueryError('A findNearest query cannot also have orderBy, cursors, offset or limit (findNearest has its own limit)');
  }
  const inScope = compileScope(parent, q);
  const ineq = new Set<string>();
  const where = q.where ? compileFilter(q.where, ineq) : () => true;
  if (q.where && !ineq.has('__name__') && [...ineq].length > 0 && hasKeyEquality(q.where)) {
    // Production's wording (firebase-js-sdk composite_index_query.test.ts).
    throw new QueryError('Equality on key is not allowed if there are other inequality fields and key does not appear in inequalities.');
  }
  const orders = normalizeOrders(q, ineq);
  const start = cursorValues(q.startAt, orders);
  const end = cursorValues(q.endAt, orders);
  const offset = intParam(q.offset, 'offset') ?? 0;
  const limit = intParam(q.limit, 'limit');
  for (const r of q.select?.fields ?? []) parseFieldPath(r.fieldPath); // validate eagerly
  const matches = (doc: Document): boolean => inScope(doc) && where(doc);
  // The order always ends with __name__ (normalizeOrders), so no two rows compare equal.
  const compareRows = (a: Row, b: Row): number => {
    for (let i = 0; i < orders.length; i++) {
      const c = compareValues(a.keys[i]!, b.keys[i]!);
      if (c !== 0) return orders[i]!.desc ? -c : c;
    }
    return 0;
  };

  const run = (docs: Iterable<Document>, doProject = true): Document[] => {
    if (nearest) {
      // Vector search: the nearest-neighbour stage replaces ordering and paging.
      const ranked = nearest([...docs].filter(matches));
      return doProject ? ranked.map((d) => project(d, q)) : ranked;
    }
    let rows: Row[] = [];
    for (const doc of docs) {
      if (!matches(doc)) continue;
      const keys = orders.map((o) => getField(doc.fields, o.segs, doc.name));
      // A document lacking any ordered field is not in the result set.
      if (keys.every((k) => k !== undefined)) rows.push({ doc, keys: keys as Value[] });
    }
    // Cursors are per-row predicates, so they narrow the rows before ordering.
    // before=true: startAt (inclusive) / endBefore (exclusive);
    // before=false: startAfter (exclusive) / endAt (inclusive).
    if (start) rows = rows.filter((r) => (q.startAt!.before ? compareToCursor(r, start, orders) >= 0 : compareToCursor(r, start, orders) > 0));
    if (end) rows = rows.filter((r) => (q.endAt!.before ? compareToCursor(r, end, orders) < 0 : compareToCursor(r, end, orders) <= 0));
    const wanted = limit === undefined ? undefined : offset + limit;
    const fewWanted = wanted !== undefined && wanted <= MAX_FIRST_IN_ORDER && wanted * 4 < rows.length;
    rows = (fewWanted && !nearlyMonotonic(rows, compareRows) ? firstInOrder(rows, wanted, compareRows) : undefined) ?? rows.sort(compareRows);
    rows = rows.slice(offset, wanted);
    return rows.map((r) => (doProject ? project(r.doc, q) : r.doc));
  };

  const runInOrder = (docs: Iterable<Document>, doProject = true): Document[] => {
    const out: Document[] = [];
    const wanted = limit === undefined ? Infinity : offset + limit;
    let seen = 0;
    if (seen >= wanted) return out;
    for (const doc of docs) {
      if (!matches(doc)) continue;
      const keys = orders.map((o) => getField(doc.fields, o.segs, doc.name));
      if (!keys.every((k) => k !== undefined)) continue;
      const row: Row = { doc, keys: keys as Value[] };
      if (start && (q.startAt!.before ? compareToCursor(row, start, orders) < 0 : compareToCursor(row, start, orders) <= 0)) continue;
      if (end && (q.endAt!.before ? compareToCursor(row, end, orders) >= 0 : compareToCursor(row, end, orders) > 0)) break;
      if (seen++ >= offset) out.push(doProject ? project(doc, q) : doc);
      if (seen >= wanted) break;
    }
    return out;
  };

  return {
    matches,
    orderBy: orders.map((o) => ({ fieldPath: o.canonical, direction: o.desc ? 'DESCENDING' : 'ASCENDING' })),
    run,
    orderKeys: orders.map((o) => ({ segs: o.segs, desc: o.desc })),
    start: start && { values: start, inclusive: Boolean(q.startAt!.before) },
    runInOrder,
  };
}

// Listen calls documentMatches once per document per change; reuse compiled
// queries. Keyed by object identity, so callers must not mutate a query after
// passing it in (requests are decoded fresh, so the server never does).
const cache = new WeakMap<StructuredQuery, Map<string, PreparedQuery>>();

/** The compiled form of `q` under `parent`, cached per query object; throws QueryError if invalid. */
export function prepared(parent: string, q: StructuredQuery): PreparedQuery {
  let byParent = cache.get(q);
  if (!byParent) cache.set(q, (byParent = new Map()));
  let p = byParent.get(parent);
  if (!p) byParent.set(parent, (p = prepareQuery(parent, q)));
  return p;
}

/**
 * Runs `q` under `parent` (`projects/p/databases/d/documents[/doc/path]`) over
 * `docs`, which may be every document of the database in any order. Returns the
 * ordered, cursor-bounded, offset/limited documents after `select` projection
 * (`opts.project: false` skips the projection). Throws QueryError if invalid.
 */
export function executeQuery(
  parent: string, q: StructuredQuery, docs: Iterable<Document>, opts?: { project?: boolean },
): Document[] {
  return prepared(parent, q).run(docs, opts?.project ?? true);
}

/**
 * Whether `doc` is in scope of the query's `from` under `parent` and satisfies
 * its `where`. Ordering, cursors and limits are not considered (nor whether the
 * doc has every orderBy field); re-run executeQuery for those.
 */
export function documentMatches(parent: string, q: StructuredQuery, doc: Document): boolean {
  return prepared(parent, q).matches(doc);
}
