/**
 * Aggregations: count(), sum(), average() via AggregateField, on filtered
 * queries and empty results.
 */
import { AggregateField } from 'firebase-admin/firestore';
import { expectCode, useEmulator } from './harness';

const ctx = useEmulator('aggregations', { clearBeforeEach: false });

beforeAll(async () => {
  const batch = ctx.db.batch();
  const data: Array<[string, Record<string, unknown>]> = [
    ['a', { g: 'x', n: 1, d: 0.5 }],
    ['b', { g: 'x', n: 2, d: 1.5 }],
    ['c', { g: 'y', n: 3, d: 2 }],
    ['d', { g: 'y', n: 4 }],
    ['e', { g: 'y', n: 'not a number', d: 'nope' }],
    ['f', { g: 'z' }],
    ['g', { g: 'z', n: null }],
  ];
  for (const [id, d] of data) batch.set(ctx.db.collection('agg').doc(id), d);
  batch.set(ctx.db.doc('agg/a/sub/s1'), { g: 'x', n: 100 }); // never counted by collection queries
  await batch.commit();
});

const agg = () => ctx.db.collection('agg');

describe('aggregations', () => {
  test('count() of a collection', async () => {
    const snap = await agg().count().get();
    expect(snap.data().count).toBe(7);
  });

  test('count() of a filtered query', async () => {
    expect((await agg().where('g', '==', 'y').count().get()).data().count).toBe(3);
    expect((await agg().where('n', '>', 1).count().get()).data().count).toBe(3);
  });

  test('count() of an empty result is 0', async () => {
    expect((await agg().where('g', '==', 'nope').count().get()).data().count).toBe(0);
    expect((await ctx.db.collection('empty-coll').count().get()).data().count).toBe(0);
  });

  test('count() respects limit', async () => {
    expect((await agg().limit(4).count().get()).data().count).toBe(4);
  });

  test('sum() of integers is an integer and skips non-numeric / missing values', async () => {
    const snap = await agg().aggregate({ total: AggregateField.sum('n') }).get();
    expect(snap.data().total).toBe(10);
  });

  test('sum() with doubles', async () => {
    const snap = await agg().aggregate({ total: AggregateField.sum('d') }).get();
    expect(snap.data().total).toBe(4);
  });

  test('average() skips non-numeric / missing values', async () => {
    const snap = await agg().aggregate({ avg: AggregateField.average('n') }).get();
    expect(snap.data().avg).toBe(2.5);
  });

  test('sum() and average() on a filtered query', async () => {
    const snap = await agg()
      .where('g', '==', 'x')
      .aggregate({ s: AggregateField.sum('n'), a: AggregateField.average('d') })
      .get();
    expect(snap.data()).toEqual({ s: 3, a: 1 });
  });

  test('several aggregations in one request', async () => {
    const snap = await agg()
      .where('g', 'in', ['x', 'y'])
      .aggregate({ c: AggregateField.count(), s: AggregateField.sum('n'), a: AggregateField.average('n') })
      .get();
    expect(snap.data()).toEqual({ c: 5, s: 10, a: 2.5 });
  });

  test('empty results: count 0, sum 0, average null', async () => {
    const snap = await agg()
      .where('g', '==', 'nope')
      .aggregate({ c: AggregateField.count(), s: AggregateField.sum('n'), a: AggregateField.average('n') })
      .get();
    expect(snap.data()).toEqual({ c: 0, s: 0, a: null });
  });

  test('sum/average over a field that is never numeric: sum 0, average null', async () => {
    const snap = await agg()
      .where('g', '==', 'z')
      .aggregate({ s: AggregateField.sum('n'), a: AggregateField.average('n') })
      .get();
    expect(snap.data()).toEqual({ s: 0, a: null });
  });

  test('count() in a collection group', async () => {
    expect((await ctx.db.collectionGroup('sub').count().get()).data().count).toBe(1);
  });

  test('count() reflects later writes', async () => {
    const ref = ctx.db.doc('agg2/one');
    expect((await ctx.db.collection('agg2').count().get()).data().count).toBe(0);
    await ref.set({ v: 1 });
    expect((await ctx.db.collection('agg2').count().get()).data().count).toBe(1);
    await ref.delete();
    expect((await ctx.db.collection('agg2').count().get()).data().count).toBe(0);
  });

  test('several aggregations take only documents having every aggregated field', async () => {
    // d has n but no d-field; e has both (non-numeric: present, so counted, but not summed);
    // f and g lack d. So the documents are a, b, c and e.
    const snap = await agg()
      .aggregate({ c: AggregateField.count(), sn: AggregateField.sum('n'), ad: AggregateField.average('d') })
      .get();
    expect(snap.data()).toEqual({ c: 4, sn: 6, ad: 4 / 3 });
  });

  test('more than 5 aggregations: INVALID_ARGUMENT naming the maximum', async () => {
    const q = agg().aggregate({
      a: AggregateField.count(), b: AggregateField.sum('n'), c: AggregateField.average('n'),
      d: AggregateField.sum('d'), e: AggregateField.average('d'), f: AggregateField.count(),
    });
    await expectCode(q.get(), 3);
    await expect(q.get()).rejects.toThrow(/maximum number of aggregations/);
    // Exactly 5 is allowed.
    const five = await agg().aggregate({
      a: AggregateField.count(), b: AggregateField.sum('n'), c: AggregateField.average('n'),
      d: AggregateField.sum('d'), e: AggregateField.average('d'),
    }).get();
    expect(five.data().a).toBe(4);
  });
});
