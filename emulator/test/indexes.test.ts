/**
 * Index planning (src/indexes.ts) and strict index mode (start({ requireIndexes })):
 * which queries production serves from automatic single-field indexes or index
 * merging, and which it refuses without a composite index. The planner is
 * pure; the last block drives strict mode through firebase-admin.
 */
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { AggregateField, getFirestore, type Firestore } from 'firebase-admin/firestore';
import { start, type RunningEmulator } from '../src';
import { prepareQuery } from '../src/query';
import { IndexCatalog, type IndexFile } from '../src/indexes';
import type { Filter, StructuredQuery } from '../src/types';

const PARENT = 'projects/p/databases/(default)/documents';
const FILE: IndexFile = {
  indexes: [
    { collectionGroup: 'c', queryScope: 'COLLECTION', fields: [{ fieldPath: 'a', order: 'ASCENDING' }, { fieldPath: 't', order: 'DESCENDING' }] },
    { collectionGroup: 'c', queryScope: 'COLLECTION', fields: [{ fieldPath: 'b', order: 'ASCENDING' }, { fieldPath: 't', order: 'DESCENDING' }] },
    { collectionGroup: 'c', queryScope: 'COLLECTION', fields: [{ fieldPath: 'tags', arrayConfig: 'CONTAINS' }, { fieldPath: 'n', order: 'ASCENDING' }] },
    { collectionGroup: 'c', queryScope: 'COLLECTION', fields: [{ fieldPath: 'a', order: 'ASCENDING' }, { fieldPath: 'e', vectorConfig: { dimension: 2, flat: {} } }] },
  ],
  fieldOverrides: [{ collectionGroup: 'g', fieldPath: 'x', indexes: [{ order: 'ASCENDING', queryScope: 'COLLECTION_GROUP' }] }],
};
const catalog = new IndexCatalog(FILE);

const eq = (f: string, op = 'EQUAL'): Filter => ({ fieldFilter: { field: { fieldPath: f }, op, value: { integerValue: '1' } } });
const and = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'AND', filters } });
const or = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'OR', filters } });
const order = (f: string, desc = false) => ({ field: { fieldPath: f }, direction: desc ? 'DESCENDING' : 'ASCENDING' });
const q = (parts: Partial<StructuredQuery>, coll = 'c', group = false): StructuredQuery => ({ from: [{ collectionId: coll, allDescendants: group }], ...parts });
const plan = (query: StructuredQuery, agg: string[] = []) => catalog.plan(query, prepareQuery(PARENT, query).orderBy, agg);
const ok = (query: StructuredQuery, agg?: string[]) => plan(query, agg).missing === undefined;

describe('index planning', () => {
  test('equalities on any number of fields merge single-field indexes', () => {
    expect(ok(q({ where: and(eq('a'), eq('b'), eq('z'), eq('tags', 'ARRAY_CONTAINS')) }))).toBe(true);
    expect(plan(q({ where: and(eq('a'), eq('b')) })).indexesUsed.map((i) => i.properties)).toEqual(['(a ASC, __name__ ASC)', '(b ASC, __name__ ASC)']);
  });

  test('one sort field (order or inequality) without equalities uses its single-field index', () => {
    expect(ok(q({ orderBy: [order('t', true)] }))).toBe(true);
    expect(ok(q({ where: eq('n', 'GREATER_THAN') }))).toBe(true);
    expect(ok(q({}))).toBe(true);
  });

  test('equality + order on another field needs a composite; the index file provides it, merged too', () => {
    expect(ok(q({ where: eq('a'), orderBy: [order('t', true)] }))).toBe(true);
    expect(ok(q({ where: eq('a'), orderBy: [order('t')] }))).toBe(true); // scanned in reverse
    expect(ok(q({ where: and(eq('a'), eq('b')), orderBy: [order('t', true)] }))).toBe(true); // merged
    expect(ok(q({ where: eq('tags', 'ARRAY_CONTAINS'), orderBy: [order('n')] }))).toBe(true);
    const missing = plan(q({ where: and(eq('a'), eq('z')), orderBy: [order('t', true)] })).missing;
    expect(missing?.fields).toEqual([{ fieldPath: 'a', order: 'ASCENDING' }, { fieldPath: 'z', order: 'ASCENDING' }, { fieldPath: 't', order: 'DESCENDING' }]);
    expect(ok(q({ where: eq('a'), orderBy: [order('n')] }))).toBe(false);
    expect(ok(q({ where: eq('tags'), orderBy: [order('n')] }))).toBe(false); // == is not array-contains
  });

  test('two sort fields need a composite; an order on an equality field is dropped', () => {
    expect(ok(q({ orderBy: [order('t'), order('n')] }))).toBe(false);
    expect(ok(q({ where: and(eq('n', 'GREATER_THAN'), eq('t', 'LESS_THAN')) }))).toBe(false);
    expect(ok(q({ where: eq('a'), orderBy: [order('a')] }))).toBe(true);
  });

  test('every disjunct of an OR must be served', () => {
    expect(ok(q({ where: or(eq('a'), eq('b')), orderBy: [order('t', true)] }))).toBe(true);
    expect(ok(q({ where: or(eq('a'), eq('z')), orderBy: [order('t', true)] }))).toBe(false);
  });

  test('sum/avg fields are sort fields for the plan', () => {
    expect(ok(q({}), ['n'])).toBe(true);
    expect(ok(q({ where: eq('tags', 'ARRAY_CONTAINS') }), ['n'])).toBe(true);
    expect(ok(q({ where: eq('a') }), ['n'])).toBe(false);
  });

  // firebase-js-sdk composite_index_query.test.ts "performs aggregates ... using getAggregationFromServer",
  // run in strict mode against the indexes its test project has in production.
  test('sum/avg fields may sit in any order and direction after the equalities; one with an equality filter needs nothing more', () => {
    const file: IndexFile = { indexes: [{ collectionGroup: 'c', queryScope: 'COLLECTION', fields: [
      { fieldPath: 'a', order: 'ASCENDING' }, { fieldPath: 'm', order: 'ASCENDING' }, { fieldPath: 'n', order: 'DESCENDING' }] }] };
    const strictPlan = (query: StructuredQuery, agg: string[]) => new IndexCatalog(file).plan(query, prepareQuery(PARENT, query).orderBy, agg);
    expect(strictPlan(q({ where: eq('a') }), ['n', 'm', 'n']).missing).toBeUndefined();
    expect(strictPlan(q({ where: eq('a') }), ['z', 'n', 'm']).missing?.fields.map((f) => f.fieldPath)).toEqual(['a', 'm', 'n', 'z']);
    const inFilter: Filter = { fieldFilter: { field: { fieldPath: 'a' }, op: 'IN', value: { arrayValue: { values: [{ integerValue: '1' }] } } } };
    expect(ok(q({ where: inFilter }), ['a'])).toBe(true);
    expect(ok(q({ where: eq('a') }), ['a'])).toBe(true);
  });

  test('findNearest needs a vector index of its dimension after exactly its equality fields', () => {
    const vector = (dims: number[]) => ({ mapValue: { fields: { __type__: { stringValue: '__vector__' }, value: { arrayValue: { values: dims.map((d) => ({ doubleValue: d })) } } } } });
    const near = (dims: number[], where?: Filter): StructuredQuery => q({ where, findNearest: { vectorField: { fieldPath: 'e' }, queryVector: vector(dims), distanceMeasure: 'EUCLIDEAN', limit: { value: 3 } } });
    expect(plan(near([1, 2], eq('a'))).indexesUsed).toEqual([{ query_scope: 'Collection', properties: '(a ASC, e VECTOR<2>, __name__ ASC)' }]);
    expect(ok(near([1, 2, 3], eq('a')))).toBe(false);
    expect(ok(near([1, 2]))).toBe(false);
  });

  test('collection group queries need collection-group indexes (automatic ones are collection-scoped)', () => {
    expect(ok(q({}, 'g', true))).toBe(true);
    expect(ok(q({ where: eq('x') }, 'g', true))).toBe(true);
    expect(ok(q({ where: eq('y') }, 'g', true))).toBe(false);
  });
});

describe('strict index mode through firebase-admin', () => {
  let server: RunningEmulator;
  let app: App;
  let db: Firestore;
  beforeAll(async () => {
    server = await start({ port: 0, quiet: true, indexes: FILE, requireIndexes: ['demo-strict-indexes'] });
    process.env.FIRESTORE_EMULATOR_HOST = server.url;
    app = initializeApp({ projectId: 'demo-strict-indexes' }, 'strict-indexes');
    db = getFirestore(app);
    await db.doc('c/1').set({ a: 1, b: 1, t: 1, n: 1 });
  });
  afterAll(async () => {
    await db.terminate();
    await deleteApp(app);
    await server.stop();
    delete process.env.FIRESTORE_EMULATOR_HOST;
  });

  test('a query with its index runs', async () => {
    expect((await db.collection('c').where('a', '==', 1).orderBy('t', 'desc').get()).size).toBe(1);
    expect((await db.collection('c').where('a', '==', 1).where('b', '==', 1).get()).size).toBe(1);
  });

  test('explain names the indexes from the index file; a missing one fails as the query would', async () => {
    const res = await db.collection('c').where('a', '==', 1).orderBy('t', 'desc').explain();
    expect(res.metrics.planSummary.indexesUsed).toEqual([{ query_scope: 'Collection', properties: '(a ASC, t DESC, __name__ DESC)' }]);
    await expect(db.collection('c').where('a', '==', 1).orderBy('n').explain()).rejects.toMatchObject({ code: 9 });
  });

  test('a query lacking a composite index fails with FAILED_PRECONDITION and a link', async () => {
    const err = await db.collection('c').where('a', '==', 1).orderBy('n').get().catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(9);
    expect(String((err as Error).message)).toMatch(/The query requires an index\. You can create it here: https:\/\/console\.firebase\.google\.com\/\S+create_composite=/);
    const agg = db.collection('c').where('a', '==', 1).aggregate({ s: AggregateField.sum('n') }).get();
    await expect(agg).rejects.toMatchObject({ code: 9 });
  });

  // firebase-js-sdk query.test.ts "can catch error message for missing index with error handler"
  test('a listener on a query lacking its index fails with FAILED_PRECONDITION', async () => {
    const err = await new Promise<unknown>((resolve) => {
      const stop = db.collection('c').where('a', '==', 1).orderBy('n').onSnapshot(() => resolve(undefined), (e) => {
        stop();
        resolve(e);
      });
    });
    // firebase-admin's Watch reports a removed target as Error("Error <code>: <message>").
    expect(String((err as Error).message)).toMatch(/^Error 9: The query requires an index/);
  });

  test('strict mode limited to listed projects leaves other projects unchecked', async () => {
    const other = initializeApp({ projectId: 'demo-strict-other' }, 'strict-other');
    const otherDb = getFirestore(other);
    try {
      await otherDb.doc('c/1').set({ a: 1, n: 1 });
      expect((await otherDb.collection('c').where('a', '==', 1).orderBy('n').get()).size).toBe(1);
    } finally {
      await otherDb.terminate();
      await deleteApp(other);
    }
  });
});
