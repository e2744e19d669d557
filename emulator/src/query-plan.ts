/**
 * Query planning: serves a query from an ordered index of its collection
 * (./query-index) when that makes its cost follow the page, and from the
 * scanning engine (./query) otherwise. Both paths give the same result — the
 * index only chooses where reading starts and when it stops; every entry read
 * still goes through the compiled query's filter, cursors, offset, limit and
 * projection (PreparedQuery.runInOrder). test/query-index.test.ts checks
 * this on random data, writes and queries against the scanning path.
 *
 * The index path is taken for a query over one collection (not a collection
 * group), without findNearest, that has a limit or at least one equality
 * filter, read at the current state or at a read time no older than the
 * collection's last change. The index is keyed by the equality fields of the
 * top-level AND (ascending, operands other than null and NaN), then the
 * normalized order; the seek goes to the equality values and the start
 * cursor. Anything else (inequality bounds, OR, `in`) is filtered entry by
 * entry, so e.g. a range filter on the order field costs the entries it
 * skips — a choice of simplicity; Firestore would seek there too.
 */
import type { Micros } from './clock';
import { canonicalFieldPath, parseFieldPath } from './field-paths';
import { CollectionIndexes, HIGH, LOW, type IndexField } from './query-index';
import { executeQuery, prepared } from './query';
import type { Collection, Database } from './store';
import type { Document, Filter, StructuredQuery, Value } from './types';
import { isNaNValue, isNullValue } from './values';

/** The equality conjuncts of a filter tree's top-level AND, by canonical field path (first one wins). */
function equalities(f: Filter | undefined, out = new Map<string, { segs: string[]; value: Value }>()): Map<string, { segs: string[]; value: Value }> {
  if (!f) return out;
  if (f.compositeFilter && (f.filterType ?? 'compositeFilter') === 'compositeFilter') {
    if (f.compositeFilter.op === 'AND') for (const c of f.compositeFilter.filters ?? []) equalities(c, out);
    return out;
  }
  const ff = f.fieldFilter;
  if (ff && (f.filterType ?? 'fieldFilter') === 'fieldFilter' && ff.op === 'EQUAL' && ff.value && ff.field?.fieldPath
    && !isNullValue(ff.value) && !isNaNValue(ff.value)) {
    const segs = parseFieldPath(ff.field.fieldPath);
    const canonical = canonicalFieldPath(segs);
    if (!out.has(canonical)) out.set(canonical, { segs, value: ff.value });
  }
  return out;
}

/**
 * Runs `q` from an index of `collections[0]` when the planner takes the index
 * path (see the module comment); undefined when it does not. Throws
 * QueryError for an invalid query, as executeQuery does.
 */
export function indexedQuery(
  db: Database, parent: string, q: StructuredQuery, collections: Collection[], snapshot: Micros | undefined, project = true,
): Document[] | undefined {
  if ((q as { findNearest?: unknown }).findNearest || q.from?.[0]?.allDescendants || collections.length !== 1) return undefined;
  const coll = collections[0]!;
  if (snapshot !== undefined) {
    db.checkReadTime(snapshot);
    if (snapshot < coll.changedAt) return undefined; // the index holds the current state only
  }
  const p = prepared(parent, q);
  const eq = [...equalities(q.where).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  if (q.limit === undefined && eq.length === 0) return undefined; // the whole collection is read anyway
  const fields: IndexField[] = [...eq.map((e) => ({ segs: e.segs, desc: false })), ...p.orderKeys];
  const index = CollectionIndexes.for(coll, fields);
  const prefix = [...eq.map((e) => e.value), ...(p.start?.values ?? [])];
  const bound = p.start && !p.start.inclusive ? HIGH : LOW;
  return p.runInOrder(index.scan(prefix, bound, eq.length), project);
}

/**
 * The documents `q` returns under `parent` from `collections` (as selected
 * by the query's `from`) at `snapshot` (undefined: current state): from an
 * index when the planner can, otherwise by scanning. Throws QueryError for an
 * invalid query.
 */
export function queryDocuments(
  db: Database, parent: string, q: StructuredQuery, collections: Collection[], snapshot: Micros | undefined,
): Document[] {
  return indexedQuery(db, parent, q, collections, snapshot)
    ?? executeQuery(parent, q, db.documentsIn(collections, snapshot));
}
