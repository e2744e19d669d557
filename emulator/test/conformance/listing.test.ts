/**
 * listDocuments (ListDocuments with show_missing) and listCollections
 * (ListCollectionIds) on documents and at the root.
 */
import { useEmulator } from './harness';

const ctx = useEmulator('listing');

const idsOf = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();

describe('listDocuments', () => {
  test('lists every document of a collection', async () => {
    await ctx.db.doc('users/u1').set({ a: 1 });
    await ctx.db.doc('users/u2').set({ a: 2 });
    await ctx.db.doc('users/u3').set({});
    const refs = await ctx.db.collection('users').listDocuments();
    expect(idsOf(refs)).toEqual(['u1', 'u2', 'u3']);
    expect(refs.every((r) => r.parent.id === 'users')).toBe(true);
  });

  test('includes a missing parent document that only has a subcollection', async () => {
    await ctx.db.doc('users/real').set({ a: 1 });
    await ctx.db.doc('users/ghost/posts/p1').set({ t: 'x' });
    const refs = await ctx.db.collection('users').listDocuments();
    expect(idsOf(refs)).toEqual(['ghost', 'real']);
    expect((await ctx.db.doc('users/ghost').get()).exists).toBe(false);
    // ...while a normal query does not return it
    const q = await ctx.db.collection('users').get();
    expect(q.docs.map((d) => d.id)).toEqual(['real']);
  });

  test('a deeply nested descendant also makes the ancestor listable', async () => {
    await ctx.db.doc('orgs/o1/teams/t1/members/m1').set({ x: 1 });
    expect(idsOf(await ctx.db.collection('orgs').listDocuments())).toEqual(['o1']);
    expect(idsOf(await ctx.db.collection('orgs/o1/teams').listDocuments())).toEqual(['t1']);
  });

  test('does not list documents of other collections or of subcollections', async () => {
    await ctx.db.doc('a/1').set({});
    await ctx.db.doc('a/1/a/2').set({});
    await ctx.db.doc('ab/3').set({});
    expect(idsOf(await ctx.db.collection('a').listDocuments())).toEqual(['1']);
  });

  test('empty / unknown collection lists nothing', async () => {
    expect(await ctx.db.collection('nope').listDocuments()).toEqual([]);
  });

  test('deleted documents are no longer listed', async () => {
    await ctx.db.doc('tmp/x').set({});
    await ctx.db.doc('tmp/y').set({});
    await ctx.db.doc('tmp/x').delete();
    expect(idsOf(await ctx.db.collection('tmp').listDocuments())).toEqual(['y']);
  });

  test('lists many documents (more than one page)', async () => {
    const batch = ctx.db.batch();
    for (let i = 0; i < 450; i++) batch.set(ctx.db.doc(`many/d${String(i).padStart(3, '0')}`), { i });
    await batch.commit();
    const refs = await ctx.db.collection('many').listDocuments();
    expect(refs).toHaveLength(450);
    expect(new Set(refs.map((r) => r.id)).size).toBe(450);
  });
});

describe('listCollections', () => {
  test('on a document lists its immediate subcollections only', async () => {
    await ctx.db.doc('users/u1').set({ a: 1 });
    await ctx.db.doc('users/u1/posts/p1').set({});
    await ctx.db.doc('users/u1/likes/l1').set({});
    await ctx.db.doc('users/u1/posts/p1/comments/c1').set({});
    await ctx.db.doc('users/u2/other/o1').set({});
    const cols = await ctx.db.doc('users/u1').listCollections();
    expect(idsOf(cols)).toEqual(['likes', 'posts']);
    expect(cols.every((c) => c.parent?.path === 'users/u1')).toBe(true);
  });

  test('on a missing document that has subcollections', async () => {
    await ctx.db.doc('users/ghost/posts/p1').set({});
    await ctx.db.doc('users/ghost/a/b/c/d').set({});
    expect(idsOf(await ctx.db.doc('users/ghost').listCollections())).toEqual(['a', 'posts']);
  });

  test('on a document without subcollections is empty', async () => {
    await ctx.db.doc('users/lonely').set({ a: 1 });
    expect(await ctx.db.doc('users/lonely').listCollections()).toEqual([]);
  });

  test('at the root lists root collections only', async () => {
    await ctx.db.doc('alpha/1').set({});
    await ctx.db.doc('beta/1/gamma/1').set({});
    await ctx.db.doc('delta/x/y/z/epsilon/1').set({});
    expect(idsOf(await ctx.db.listCollections())).toEqual(['alpha', 'beta', 'delta']);
  });

  test('a collection whose documents were all deleted disappears', async () => {
    await ctx.db.doc('gone/1').set({});
    await ctx.db.doc('stay/1').set({});
    await ctx.db.doc('gone/1').delete();
    expect(idsOf(await ctx.db.listCollections())).toEqual(['stay']);
  });
});
