/**
 * Differential test of the index path (query-plan/query-index) against the
 * scanning engine (query.ts): random documents, random writes before and
 * after an index exists, random ordered queries with equality and other
 * filters, cursors, offsets and limits — both paths must return the same
 * documents in the same order (or the same error).
 */
import fc from 'fast-check';
import { Database } from '../src/store';
import { executeQuery, prepareQuery } from '../src/query';
import { getField } from '../src/field-paths';
import { indexedQuery, queryDocuments } from '../src/query-plan';
import { CollectionIndexes } from '../src/query-index';
import type { Cursor, Document, Filter, StructuredQuery, Value } from '../src/types';

const DB = 'projects/p/databases/(default)';
const ROOT = `${DB}/documents`;
const PARENTS = [ROOT, `${ROOT}/groups/g1`];
const NULL: Value = { nullValue: 'NULL_VALUE' };

const valueArb: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: 0, max: 4 }).map((n) => ({ integerValue: String(n) })),
  fc.constantFrom<Value>({ doubleValue: 1 }, { doubleValue: Number.NaN }, { doubleValue: 2.5 }, { nullValue: 'NULL_VALUE' }),
  fc.constantFrom('x', 'y', 'z').map((s) => ({ stringValue: s })),
  fc.boolean().map((b) => ({ booleanValue: b })),
  fc.integer({ min: 0, max: 2 }).map((n) => ({ mapValue: { fields: { k: { integerValue: String(n) } } } })),
);
const FIELDS = ['a', 'b', 't', 'm.k'] as const;
const fieldsArb: fc.Arbitrary<Record<string, Value>> = fc.record(
  { a: valueArb, b: valueArb, t: fc.integer({ min: 0, max: 30 }).map((n) => ({ integerValue: String(n) })), m: valueArb },
  { requiredKeys: [] },
);

/** A write: set document `id` (in collection `items` under one of PARENTS) or delete it. */
const writeArb = fc.record({
  parent: fc.constantFrom(...PARENTS),
  id: fc.integer({ min: 0, max: 39 }).map((i) => `d${i}`),
  fields: fc.option(fieldsArb, { nil: undefined }),
});

const fieldFilter = (fieldPath: string, op: string, value: Value): Filter => ({ filterType: 'fieldFilter', fieldFilter: { field: { fieldPath }, op, value } });
const filterArb: fc.Arbitrary<Filter> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), valueArb).map(([f, v]) => fieldFilter(f, 'EQUAL', v)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), valueArb).map(([f, v]) => fieldFilter(f, 'GREATER_THAN', v)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), valueArb).map(([f, v]) => fieldFilter(f, 'NOT_EQUAL', v)) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...FIELDS), valueArb, valueArb).map(([f, v, w]) => ({
      filterType: 'compositeFilter', compositeFilter: { op: 'OR', filters: [fieldFilter(f, 'EQUAL', v), fieldFilter('b', 'EQUAL', w)] },
    })),
  },
);

/** A cursor: random values, or (fromDoc) the order values of an existing document, cut to `len`. */
type CursorSpec = Cursor & { fromDoc?: { index: number; len: number } };
const cursorArb: fc.Arbitrary<CursorSpec> = fc.oneof(
  fc.record({
    values: fc.array(fc.oneof(valueArb, fc.integer({ min: 0, max: 39 }).map((i) => ({ referenceValue: `${ROOT}/items/d${i}` }))), { minLength: 1, maxLength: 3 }),
    before: fc.boolean(),
  }),
  fc.record({ fromDoc: fc.record({ index: fc.nat(), len: fc.integer({ min: 1, max: 3 }) }), before: fc.boolean() }),
);

/** Resolves a fromDoc cursor against the documents that exist now. */
function resolveCursor(db: Database, parent: string, q: StructuredQuery, c: CursorSpec | undefined): Cursor | undefined {
  if (!c?.fromDoc) return c;
  const docs = db.documentsIn(db.selectCollections(parent, 'items', false), undefined);
  if (docs.length === 0) return undefined;
  const doc = docs[c.fromDoc.index % docs.length]!;
  let orders: ReadonlyArray<{ fieldPath: string }>;
  try {
    orders = prepareQuery(parent, { ...q, startAt: undefined, endAt: undefined }).orderBy;
  } catch {
    return undefined;
  }
  const values = orders.slice(0, c.fromDoc.len).map((o) => getField(doc.fields, o.fieldPath, doc.name) ?? NULL);
  return { values, before: c.before };
}

const queryArb: fc.Arbitrary<{ parent: string; q: StructuredQuery }> = fc.record({
  parent: fc.constantFrom(...PARENTS),
  orders: fc.uniqueArray(fc.constantFrom<string>(...FIELDS, '__name__'), { maxLength: 2 }),
  dirs: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
  filters: fc.array(filterArb, { maxLength: 3 }),
  startAt: fc.option(cursorArb, { nil: undefined }),
  endAt: fc.option(cursorArb, { nil: undefined }),
  offset: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  limit: fc.integer({ min: 0, max: 8 }),
  select: fc.boolean(),
}).map((r) => ({
  parent: r.parent,
  q: {
    from: [{ collectionId: 'items' }],
    orderBy: r.orders.map((f, i) => ({ field: { fieldPath: f }, direction: r.dirs[i] ? 'DESCENDING' : 'ASCENDING' })),
    where: r.filters.length === 0 ? undefined
      : r.filters.length === 1 ? r.filters[0]
        : { filterType: 'compositeFilter', compositeFilter: { op: 'AND', filters: r.filters } },
    startAt: r.startAt,
    endAt: r.endAt,
    offset: r.offset,
    limit: { value: r.limit },
    select: r.select ? { fields: [{ fieldPath: 'a' }] } : undefined,
  },
}));

function apply(db: Database, writes: Array<{ parent: string; id: string; fields?: Record<string, Value> }>, t0: number): number {
  let t = t0;
  for (const w of writes) {
    const name = `${w.parent}/items/${w.id}`;
    db.install(name, w.fields ? { name, fields: w.fields } : null, ++t);
  }
  return t;
}

/** Each path's answer: the documents' names and fields, or the error message. */
function outcome(run: () => Document[] | undefined): unknown {
  try {
    return run()?.map((d) => [d.name, d.fields]);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

function compare(db: Database, parent: string, spec: StructuredQuery): void {
  const q = { ...spec, startAt: resolveCursor(db, parent, spec, spec.startAt), endAt: resolveCursor(db, parent, spec, spec.endAt) };
  const colls = db.selectCollections(parent, 'items', false);
  const scanned = outcome(() => executeQuery(parent, q, db.documentsIn(colls, undefined)));
  const indexed = outcome(() => indexedQuery(db, parent, q, colls, undefined));
  if (colls.length === 1) expect(indexed).not.toBeUndefined(); // the index path was taken
  if (indexed !== undefined) expect(indexed).toEqual(scanned);
}

describe('ordered index vs scanning engine', () => {
  it('returns the same page on random data, writes and queries', () => {
    fc.assert(
      fc.property(
        fc.array(writeArb, { minLength: 1, maxLength: 60 }),
        fc.array(queryArb, { minLength: 1, maxLength: 6 }),
        fc.array(writeArb, { maxLength: 30 }),
        (before, queries, after) => {
          const db = new Database(DB);
          const t = apply(db, before, 0);
          for (const { parent, q } of queries) compare(db, parent, q); // builds the indexes
          apply(db, after, t); // maintained on every change
          for (const { parent, q } of queries) compare(db, parent, q);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps at most MAX_INDEXES_PER_COLLECTION indexes per collection', () => {
    const db = new Database(DB);
    apply(db, Array.from({ length: 30 }, (_, i) => ({ parent: ROOT, id: `d${i}`, fields: { a: { integerValue: String(i) } } })), 0);
    const coll = db.selectCollections(ROOT, 'items', false)[0]!;
    for (let n = 0; n < 40; n++) {
      queryDocuments(db, ROOT, { from: [{ collectionId: 'items' }], where: fieldFilter(`f${n}`, 'EQUAL', { integerValue: '1' }) }, [coll], undefined);
    }
    expect((coll.indexes as CollectionIndexes).count).toBe(16);
  });

  it('reads at a time before the collection last changed by scanning the versions', () => {
    const db = new Database(DB);
    const name = `${ROOT}/items/d1`;
    db.install(name, { name, fields: { a: { integerValue: '1' } } }, 10);
    const q: StructuredQuery = { from: [{ collectionId: 'items' }], orderBy: [{ field: { fieldPath: 'a' } }], limit: { value: 5 } };
    const coll = db.selectCollections(ROOT, 'items', false);
    expect(indexedQuery(db, ROOT, q, coll, undefined)).toHaveLength(1);
    db.install(name, null, 20);
    expect(indexedQuery(db, ROOT, q, coll, 15)).toBeUndefined();
    expect(queryDocuments(db, ROOT, q, coll, 15).map((d) => d.name)).toEqual([name]);
    expect(queryDocuments(db, ROOT, q, coll, 25)).toEqual([]);
  });

  it('leaves collection-group queries to the scanning path', () => {
    const db = new Database(DB);
    const q: StructuredQuery = { from: [{ collectionId: 'items', allDescendants: true }], limit: { value: 1 } };
    expect(indexedQuery(db, ROOT, q, db.selectCollections(ROOT, 'items', true), undefined)).toBeUndefined();
  });
});
