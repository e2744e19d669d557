/**
 * Multi-project isolation: two firebase-admin apps with different project ids
 * share one emulator but never see each other's data.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { useEmulator } from './harness';

const ctx = useEmulator('isolation');
const OTHER = 'demo-conf-isolation-other';
let other: Firestore;

beforeAll(() => {
  other = ctx.newDb({ projectId: OTHER });
});
beforeEach(async () => {
  await ctx.clear(OTHER);
});

describe('multi-project isolation', () => {
  test('the same path holds different documents per project', async () => {
    await ctx.db.doc('shared/doc').set({ owner: 'main' });
    await other.doc('shared/doc').set({ owner: 'other' });
    expect((await ctx.db.doc('shared/doc').get()).get('owner')).toBe('main');
    expect((await other.doc('shared/doc').get()).get('owner')).toBe('other');
  });

  test('a document written in one project is missing in the other', async () => {
    await ctx.db.doc('only/main').set({ v: 1 });
    expect((await other.doc('only/main').get()).exists).toBe(false);
  });

  test('queries, counts, collection groups and listings are per project', async () => {
    await ctx.db.doc('q/a').set({ v: 1 });
    await ctx.db.doc('q/b').set({ v: 2 });
    await ctx.db.doc('p/x/q/c').set({ v: 3 });
    await other.doc('q/z').set({ v: 9 });
    expect((await other.collection('q').get()).docs.map((d) => d.id)).toEqual(['z']);
    expect((await other.collection('q').count().get()).data().count).toBe(1);
    expect((await other.collectionGroup('q').get()).size).toBe(1);
    expect((await ctx.db.collectionGroup('q').get()).size).toBe(3);
    expect((await other.listCollections()).map((c) => c.id)).toEqual(['q']);
    expect((await other.collection('p').listDocuments()).length).toBe(0);
  });

  test('clearing one project leaves the other intact', async () => {
    await ctx.db.doc('c/main').set({ v: 1 });
    await other.doc('c/other').set({ v: 1 });
    await ctx.clear(OTHER);
    expect((await other.doc('c/other').get()).exists).toBe(false);
    expect((await ctx.db.doc('c/main').get()).exists).toBe(true);
  });

  test('transactions and preconditions are per project', async () => {
    await ctx.db.doc('t/doc').set({ n: 1 });
    // create() in the other project succeeds although the path exists in main
    await other.doc('t/doc').create({ n: 100 });
    await other.runTransaction(async (t) => {
      const s = await t.get(other.doc('t/doc'));
      t.update(other.doc('t/doc'), { n: s.get('n') + 1 });
    });
    expect((await ctx.db.doc('t/doc').get()).get('n')).toBe(1);
    expect((await other.doc('t/doc').get()).get('n')).toBe(101);
  });

  test('references keep their project-relative path', async () => {
    await other.doc('refs/r').set({ to: other.doc('target/t') });
    const ref = (await other.doc('refs/r').get()).get('to');
    expect(ref.path).toBe('target/t');
    expect((await ctx.db.doc('refs/r').get()).exists).toBe(false);
  });
});
