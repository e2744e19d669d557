/**
 * Queries: every operator, null/NaN filters, composite filters, ordering
 * (incl. implicit __name__ tiebreak and the cross-type value order), select,
 * offset, limit and limitToLast.
 *
 * Data is seeded once for the file (the file only reads).
 */
import { FieldPath, Filter, GeoPoint, Timestamp, type Query } from 'firebase-admin/firestore';
import { useEmulator } from './harness';

const ctx = useEmulator('queries', { clearBeforeEach: false });

const ids = async (q: Query) => (await q.get()).docs.map((d) => d.id);
const sorted = (xs: string[]) => [...xs].sort();

/** items: a numeric field with ties, a string, arrays, a group and a map. */
const ITEMS: Record<string, Record<string, unknown>> = {
  i01: { n: 1, s: 'apple', tags: ['red', 'fruit'], g: 'A', m: { k: 1 } },
  i02: { n: 2, s: 'banana', tags: ['yellow', 'fruit'], g: 'A', m: { k: 2 } },
  i03: { n: 3, s: 'cherry', tags: ['red'], g: 'B', m: { k: 3 } },
  i04: { n: 3, s: 'date', tags: [], g: 'B', m: { k: 3 } },
  i05: { n: 2.5, s: 'elder', tags: ['green'], g: 'C' },
  i06: { s: 'fig', tags: ['green', 'fruit'], g: 'C' }, // no n
  i07: { n: -1, s: 'grape', tags: ['purple'], g: 'A' },
  i08: { n: 10, s: 'honeydew', tags: 'not-an-array', g: 'B' },
};

/** special: null / NaN / mixed-type values of field z. */
const SPECIAL: Record<string, Record<string, unknown>> = {
  nan: { z: NaN },
  num: { z: 5 },
  num2: { z: 7 },
  str: { z: '5' },
  arr: { z: [5] },
  map: { z: { code: 5 } },
  nul: { z: null },
  missing: { other: 1 },
};

beforeAll(async () => {
  const batch = ctx.db.batch();
  for (const [id, data] of Object.entries(ITEMS)) batch.set(ctx.db.collection('items').doc(id), data);
  for (const [id, data] of Object.entries(SPECIAL)) batch.set(ctx.db.collection('special').doc(id), data);
  // A same-named collection deeper in the tree must not leak into collection queries.
  batch.set(ctx.db.doc('items/i01/items/nested'), { n: 1, s: 'apple', g: 'A' });
  await batch.commit();
});

describe('queries: comparison operators', () => {
  const items = () => ctx.db.collection('items');

  test('== on a number', async () => {
    expect(await ids(items().where('n', '==', 3))).toEqual(['i03', 'i04']);
  });

  test('== on a string and on a nested field', async () => {
    expect(await ids(items().where('s', '==', 'banana'))).toEqual(['i02']);
    expect(await ids(items().where('m.k', '==', 3))).toEqual(['i03', 'i04']);
  });

  test('== on a whole map and a whole array', async () => {
    expect(await ids(items().where('m', '==', { k: 2 }))).toEqual(['i02']);
    expect(await ids(items().where('tags', '==', ['red', 'fruit']))).toEqual(['i01']);
    expect(await ids(items().where('tags', '==', ['fruit', 'red']))).toEqual([]);
  });

  test('< and <= only match values of the same type, ordered by the field', async () => {
    expect(await ids(items().where('n', '<', 3))).toEqual(['i07', 'i01', 'i02', 'i05']);
    expect(await ids(items().where('n', '<=', 3))).toEqual(['i07', 'i01', 'i02', 'i05', 'i03', 'i04']);
  });

  test('> and >= (strings are never greater than numbers in a numeric range)', async () => {
    expect(await ids(items().where('n', '>', 2.5))).toEqual(['i03', 'i04', 'i08']);
    expect(await ids(items().where('n', '>=', 2.5))).toEqual(['i05', 'i03', 'i04', 'i08']);
  });

  test('range on strings', async () => {
    expect(await ids(items().where('s', '>=', 'c').where('s', '<', 'f'))).toEqual(['i03', 'i04', 'i05']);
  });

  test('!= excludes equal values and documents missing the field, ordered by the field', async () => {
    expect(await ids(items().where('n', '!=', 3))).toEqual(['i07', 'i01', 'i02', 'i05', 'i08']);
  });

  test('in matches any listed value, ordered by __name__', async () => {
    expect(await ids(items().where('n', 'in', [1, 3, 99]))).toEqual(['i01', 'i03', 'i04']);
    expect(await ids(items().where('s', 'in', ['fig', 'apple']))).toEqual(['i01', 'i06']);
  });

  test('in with an array element matches an exact array value', async () => {
    expect(await ids(items().where('tags', 'in', [['red'], ['green'], ['fruit']]))).toEqual(['i03', 'i05']);
  });

  test('not-in excludes listed values and documents missing the field', async () => {
    expect(await ids(items().where('n', 'not-in', [1, 3]))).toEqual(['i07', 'i02', 'i05', 'i08']);
  });

  test('array-contains', async () => {
    expect(await ids(items().where('tags', 'array-contains', 'red'))).toEqual(['i01', 'i03']);
    expect(await ids(items().where('tags', 'array-contains', 'fruit'))).toEqual(['i01', 'i02', 'i06']);
    // i08 has a non-array `tags`: never matches.
    expect(await ids(items().where('tags', 'array-contains', 'not-an-array'))).toEqual([]);
  });

  test('array-contains-any', async () => {
    expect(await ids(items().where('tags', 'array-contains-any', ['green', 'purple']))).toEqual([
      'i05',
      'i06',
      'i07',
    ]);
  });

  test('array-contains combined with an equality filter', async () => {
    expect(await ids(items().where('tags', 'array-contains', 'fruit').where('g', '==', 'A'))).toEqual([
      'i01',
      'i02',
    ]);
  });

  test('a collection query does not return same-named subcollection documents', async () => {
    const all = await ids(items());
    expect(all).toEqual(Object.keys(ITEMS).sort());
    expect(all).not.toContain('nested');
  });

  test('filters on __name__ (FieldPath.documentId())', async () => {
    expect(await ids(items().where(FieldPath.documentId(), '==', 'i02'))).toEqual(['i02']);
    expect(await ids(items().where(FieldPath.documentId(), '>', 'i05'))).toEqual(['i06', 'i07', 'i08']);
    expect(await ids(items().where(FieldPath.documentId(), 'in', ['i08', 'i01']))).toEqual(['i01', 'i08']);
  });
});

describe('queries: null, NaN and mixed types', () => {
  const special = () => ctx.db.collection('special');

  test("where('z', '==', null) is IS_NULL", async () => {
    expect(await ids(special().where('z', '==', null))).toEqual(['nul']);
  });

  test("where('z', '==', NaN) is IS_NAN", async () => {
    expect(await ids(special().where('z', '==', NaN))).toEqual(['nan']);
  });

  test("where('z', '!=', null) is IS_NOT_NULL (field present and not null)", async () => {
    expect(sorted(await ids(special().where('z', '!=', null)))).toEqual(['arr', 'map', 'nan', 'num', 'num2', 'str']);
  });

  test("where('z', '!=', NaN) is IS_NOT_NAN (excludes NaN, null and missing)", async () => {
    expect(sorted(await ids(special().where('z', '!=', NaN)))).toEqual(['arr', 'map', 'num', 'num2', 'str']);
  });

  test('!= 5 matches other types and NaN but not null or missing, in value order', async () => {
    // Value order: NaN < 7 (numbers) < '5' (string) < [5] (array) < {code:5} (map)
    expect(await ids(special().where('z', '!=', 5))).toEqual(['nan', 'num2', 'str', 'arr', 'map']);
  });

  test('== 5 does not match "5", [5] or {code: 5}', async () => {
    expect(await ids(special().where('z', '==', 5))).toEqual(['num']);
  });

  test('a numeric range does not match NaN, null or other types', async () => {
    expect(await ids(special().where('z', '>=', 0))).toEqual(['num', 'num2']);
  });

  test('< and <= exclude NaN although NaN sorts below every number', async () => {
    expect(await ids(special().where('z', '<', 6))).toEqual(['num']);
    expect(await ids(special().where('z', '<=', 7))).toEqual(['num', 'num2']);
    // With another inequality on a second field (the upstream system test's shape).
    expect(await ids(special().where('z', '!=', 7).where('z', '<=', 5))).toEqual(['num']);
  });

  test('in with null or NaN elements does not match null / NaN fields', async () => {
    expect(await ids(special().where('z', 'in', [5, null]))).toEqual(['num']);
    expect(await ids(special().where('z', 'in', [7, NaN]))).toEqual(['num2']);
  });

  test('not-in [NaN, 5] excludes NaN, 5, null and missing', async () => {
    expect(await ids(special().where('z', 'not-in', [NaN, 5]))).toEqual(['num2', 'str', 'arr', 'map']);
  });
});

describe('queries: composite filters', () => {
  const items = () => ctx.db.collection('items');

  test('Filter.or of two equalities', async () => {
    const q = items().where(Filter.or(Filter.where('g', '==', 'C'), Filter.where('n', '==', 1)));
    expect(await ids(q)).toEqual(['i01', 'i05', 'i06']);
  });

  test('Filter.and of an OR and an equality', async () => {
    const q = items().where(
      Filter.and(
        Filter.where('g', '==', 'A'),
        Filter.or(Filter.where('n', '==', -1), Filter.where('tags', 'array-contains', 'yellow')),
      ),
    );
    expect(await ids(q)).toEqual(['i02', 'i07']);
  });

  test('Filter.or of ANDs', async () => {
    const q = items().where(
      Filter.or(
        Filter.and(Filter.where('g', '==', 'B'), Filter.where('n', '==', 3)),
        Filter.and(Filter.where('g', '==', 'A'), Filter.where('n', '==', 2)),
      ),
    );
    expect(await ids(q)).toEqual(['i02', 'i03', 'i04']);
  });

  test('Filter.or with an inequality and a limit', async () => {
    const q = items()
      .where(Filter.or(Filter.where('n', '>', 5), Filter.where('s', '==', 'apple')))
      .orderBy('n')
      .limit(5);
    expect(await ids(q)).toEqual(['i01', 'i08']);
  });
});

describe('queries: ordering', () => {
  const items = () => ctx.db.collection('items');

  test('orderBy asc with the implicit __name__ tiebreak; missing fields excluded', async () => {
    expect(await ids(items().orderBy('n'))).toEqual(['i07', 'i01', 'i02', 'i05', 'i03', 'i04', 'i08']);
  });

  test('orderBy desc: the implicit __name__ tiebreak is also descending', async () => {
    expect(await ids(items().orderBy('n', 'desc'))).toEqual(['i08', 'i04', 'i03', 'i05', 'i02', 'i01', 'i07']);
  });

  test('multiple orderBys', async () => {
    const q = items().orderBy('g', 'desc').orderBy('n', 'asc');
    // g desc: C (i05 n=2.5; i06 has no n → excluded), B (i03 3, i04 3, i08 10), A (i07 -1, i01 1, i02 2)
    expect(await ids(q)).toEqual(['i05', 'i03', 'i04', 'i08', 'i07', 'i01', 'i02']);
  });

  test('orderBy a string field desc', async () => {
    expect(await ids(items().orderBy('s', 'desc').limit(3))).toEqual(['i08', 'i07', 'i06']);
  });

  test('orderBy __name__ desc', async () => {
    expect(await ids(items().orderBy(FieldPath.documentId(), 'desc').limit(2))).toEqual(['i08', 'i07']);
  });

  test('an inequality without orderBy orders by the inequality field first', async () => {
    expect(await ids(items().where('n', '>=', 2))).toEqual(['i02', 'i05', 'i03', 'i04', 'i08']);
  });

  test('cross-type ordering: null < bool < number < timestamp < string < bytes < reference < geopoint < array < map', async () => {
    const col = ctx.db.collection('mixed');
    const values: Array<[string, unknown]> = [
      ['01-null', null],
      ['02-false', false],
      ['03-true', true],
      ['04-nan', NaN],
      ['05-ninf', -Infinity],
      ['06-int', -5],
      ['07-double', 0.5],
      ['08-int', 1],
      ['09-inf', Infinity],
      ['10-ts-old', new Timestamp(0, 0)],
      ['11-ts-new', new Timestamp(1700000000, 5000)],
      ['12-str-empty', ''],
      ['13-str-A', 'A'],
      ['14-str-a', 'a'],
      ['15-str-ab', 'ab'],
      ['16-str-e-acute', 'é'],
      ['17-bytes', Buffer.from([0])],
      ['18-bytes', Buffer.from([0, 1])],
      ['19-bytes', Buffer.from([1])],
      ['20-ref', ctx.db.doc('a/b')],
      ['21-ref', ctx.db.doc('a/b/c/d')],
      ['22-ref', ctx.db.doc('b/a')],
      ['23-geo', new GeoPoint(-10, 50)],
      ['24-geo', new GeoPoint(0, -100)],
      ['25-geo', new GeoPoint(0, 100)],
      ['26-arr', []],
      ['27-arr', [1, 2]],
      ['28-arr', [1, 2, 0]],
      ['29-arr', [1, 3]],
      ['30-arr', ['a']],
      ['31-map', {}],
      ['32-map', { a: 1 }],
      ['33-map', { a: 1, b: 0 }],
      ['34-map', { a: 2 }],
      ['35-map', { b: 0 }],
    ];
    // Write in scrambled order so that insertion order cannot pass the test.
    const batch = ctx.db.batch();
    for (const [id, v] of [...values].reverse()) batch.set(col.doc(`v${id}`), { v });
    batch.set(col.doc('v99-missing'), { other: true });
    await batch.commit();
    const expected = values.map(([id]) => `v${id}`);
    expect(await ids(col.orderBy('v'))).toEqual(expected);
    expect(await ids(col.orderBy('v', 'desc'))).toEqual([...expected].reverse());
  });

  test('int and double compare numerically in ordering and equality', async () => {
    const col = ctx.db.collection('numeric');
    const batch = ctx.db.batch();
    batch.set(col.doc('a'), { x: 2 });
    batch.set(col.doc('b'), { x: 1.5 });
    batch.set(col.doc('c'), { x: 2.25 });
    batch.set(col.doc('d'), { x: 1 });
    await batch.commit();
    expect(await ids(col.orderBy('x'))).toEqual(['d', 'b', 'a', 'c']);
    expect(await ids(col.where('x', '>', 1).where('x', '<', 2.5))).toEqual(['b', 'a', 'c']);
  });
});

describe('queries: projection, offset, limit', () => {
  const items = () => ctx.db.collection('items');

  test('select() returns only the chosen fields and does not filter documents', async () => {
    const snap = await items().select('s', 'm.k').orderBy(FieldPath.documentId()).get();
    expect(snap.size).toBe(Object.keys(ITEMS).length);
    expect(snap.docs[0].data()).toEqual({ s: 'apple', m: { k: 1 } });
    expect(snap.docs[5].data()).toEqual({ s: 'fig' });
  });

  test('select() with no fields returns documents without data', async () => {
    const snap = await items().select().get();
    expect(snap.size).toBe(Object.keys(ITEMS).length);
    for (const d of snap.docs) expect(d.data()).toEqual({});
  });

  test('limit', async () => {
    expect(await ids(items().orderBy('n').limit(3))).toEqual(['i07', 'i01', 'i02']);
  });


  test('offset', async () => {
    expect(await ids(items().orderBy('n').offset(2))).toEqual(['i02', 'i05', 'i03', 'i04', 'i08']);
  });

  test('offset + limit', async () => {
    expect(await ids(items().orderBy('n').offset(2).limit(2))).toEqual(['i02', 'i05']);
  });

  test('offset beyond the result set returns nothing', async () => {
    expect(await ids(items().offset(100))).toEqual([]);
  });

  test('limitToLast returns the last documents in query order', async () => {
    expect(await ids(items().orderBy('n').limitToLast(3))).toEqual(['i03', 'i04', 'i08']);
    expect(await ids(items().orderBy('n', 'desc').limitToLast(2))).toEqual(['i01', 'i07']);
  });

  test('limitToLast with a filter', async () => {
    expect(await ids(items().where('g', '==', 'A').orderBy('n').limitToLast(2))).toEqual(['i01', 'i02']);
  });

  test('a query on an empty collection returns an empty snapshot', async () => {
    const snap = await ctx.db.collection('nothing-here').get();
    expect(snap.empty).toBe(true);
    expect(snap.size).toBe(0);
  });
});
