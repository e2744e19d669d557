/**
 * Collection groups: every collection with a given id, at any depth.
 */
import { FieldPath, type Query } from 'firebase-admin/firestore';
import { useEmulator } from './harness';

const ctx = useEmulator('collection-groups', { clearBeforeEach: false });

const paths = async (q: Query) => (await q.get()).docs.map((d) => d.ref.path);

beforeAll(async () => {
  const batch = ctx.db.batch();
  const docs: Array<[string, Record<string, unknown>]> = [
    ['reviews/r1', { stars: 5, by: 'ann' }],
    ['products/p1/reviews/r2', { stars: 3, by: 'bob' }],
    ['products/p1/reviews/r3', { stars: 4, by: 'ann' }],
    ['products/p2/reviews/r4', { stars: 1, by: 'cid' }],
    ['shops/s1/products/p9/reviews/r5', { stars: 4, by: 'dan' }],
    ['reviews/r1/reviews/r6', { stars: 2, by: 'eve' }],
    // not in the group
    ['reviewsx/n1', { stars: 5 }],
    ['xreviews/n2', { stars: 5 }],
    ['products/p1/reviewz/n3', { stars: 5 }],
    ['reviews/r1/comments/n4', { stars: 5 }],
    ['products/reviews', { stars: 5 }], // a document named "reviews", not a collection
  ];
  for (const [p, d] of docs) batch.set(ctx.db.doc(p), d);
  await batch.commit();
});

describe('collection groups', () => {
  test('collectionGroup returns documents of every collection with that id, at any depth', async () => {
    expect((await paths(ctx.db.collectionGroup('reviews'))).sort()).toEqual(
      [
        'products/p1/reviews/r2',
        'products/p1/reviews/r3',
        'products/p2/reviews/r4',
        'reviews/r1',
        'reviews/r1/reviews/r6',
        'shops/s1/products/p9/reviews/r5',
      ].sort(),
    );
  });

  test('default order is by full document path', async () => {
    expect(await paths(ctx.db.collectionGroup('reviews'))).toEqual([
      'products/p1/reviews/r2',
      'products/p1/reviews/r3',
      'products/p2/reviews/r4',
      'reviews/r1',
      'reviews/r1/reviews/r6',
      'shops/s1/products/p9/reviews/r5',
    ]);
  });

  test('collectionGroup with an equality filter', async () => {
    expect(await paths(ctx.db.collectionGroup('reviews').where('by', '==', 'ann'))).toEqual([
      'products/p1/reviews/r3',
      'reviews/r1',
    ]);
  });

  test('collectionGroup with a range filter and ordering', async () => {
    const q = ctx.db.collectionGroup('reviews').where('stars', '>=', 3).orderBy('stars', 'desc');
    // stars desc; the tie at 4 is broken by path descending
    expect(await paths(q)).toEqual([
      'reviews/r1',
      'shops/s1/products/p9/reviews/r5',
      'products/p1/reviews/r3',
      'products/p1/reviews/r2',
    ]);
  });

  test('collectionGroup with orderBy, limit and a snapshot cursor', async () => {
    const base = ctx.db.collectionGroup('reviews').orderBy('stars');
    const first = await base.limit(2).get();
    expect(first.docs.map((d) => d.ref.path)).toEqual(['products/p2/reviews/r4', 'reviews/r1/reviews/r6']);
    const next = await base.startAfter(first.docs[1]).limit(3).get();
    expect(next.docs.map((d) => d.ref.path)).toEqual([
      'products/p1/reviews/r2',
      'products/p1/reviews/r3',
      'shops/s1/products/p9/reviews/r5',
    ]);
  });

  test('collectionGroup ordered by document id (full path) with path range', async () => {
    const q = ctx.db
      .collectionGroup('reviews')
      .orderBy(FieldPath.documentId())
      .startAt('products/p1')
      .endAt('products/p1\uf8ff');
    expect(await paths(q)).toEqual(['products/p1/reviews/r2', 'products/p1/reviews/r3']);
  });

  test('collectionGroup count', async () => {
    expect((await ctx.db.collectionGroup('reviews').count().get()).data().count).toBe(6);
  });

  test('collectionGroup of an unknown id is empty', async () => {
    expect((await ctx.db.collectionGroup('nothing').get()).empty).toBe(true);
  });

  test('collectionGroup with a where on a missing field excludes documents without it', async () => {
    expect(await paths(ctx.db.collectionGroup('reviews').where('by', 'in', ['eve', 'zed']))).toEqual([
      'reviews/r1/reviews/r6',
    ]);
  });
});
