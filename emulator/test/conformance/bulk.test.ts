/**
 * BatchWrite (BulkWriter, recursiveDelete) and atomic batch() commits.
 */
import { FieldValue } from 'firebase-admin/firestore';
import { codeOf, expectCode, useEmulator } from './harness';

const ctx = useEmulator('bulk');

describe('BulkWriter', () => {
  test('many writes of every kind are all applied', async () => {
    await ctx.db.doc('bw/upd').set({ n: 1 });
    await ctx.db.doc('bw/del').set({ n: 1 });
    const writer = ctx.db.bulkWriter();
    for (let i = 0; i < 600; i++) void writer.set(ctx.db.doc(`bw-many/d${i}`), { i });
    void writer.create(ctx.db.doc('bw/created'), { c: true });
    void writer.update(ctx.db.doc('bw/upd'), { n: FieldValue.increment(1) });
    void writer.delete(ctx.db.doc('bw/del'));
    await writer.close();
    expect((await ctx.db.collection('bw-many').count().get()).data().count).toBe(600);
    expect((await ctx.db.doc('bw-many/d599').get()).get('i')).toBe(599);
    expect((await ctx.db.doc('bw/created').get()).get('c')).toBe(true);
    expect((await ctx.db.doc('bw/upd').get()).get('n')).toBe(2);
    expect((await ctx.db.doc('bw/del').get()).exists).toBe(false);
  });

  test('one failing write surfaces its error without failing the others', async () => {
    await ctx.db.doc('bwf/existing').set({ v: 1 });
    const writer = ctx.db.bulkWriter();
    const errors: Array<{ code: number }> = [];
    writer.onWriteError((e) => {
      errors.push(e);
      return false; // do not retry
    });
    const ok = Array.from({ length: 20 }, (_, i) => writer.set(ctx.db.doc(`bwf/ok${i}`), { i }));
    const bad = writer.create(ctx.db.doc('bwf/existing'), { v: 2 });
    const badUpdate = writer.update(ctx.db.doc('bwf/missing'), { v: 3 });
    // BulkWriter only sends a partial batch on flush()/close().
    const closed = writer.close();
    const outcomes = await Promise.allSettled([...ok, bad, badUpdate]);
    await closed;

    expect(outcomes.slice(0, 20).every((o) => o.status === 'fulfilled')).toBe(true);
    const badOutcome = outcomes[20];
    const badUpdateOutcome = outcomes[21];
    expect(badOutcome.status).toBe('rejected');
    expect(codeOf((badOutcome as PromiseRejectedResult).reason)).toBe(6);
    expect(badUpdateOutcome.status).toBe('rejected');
    expect(codeOf((badUpdateOutcome as PromiseRejectedResult).reason)).toBe(5);
    expect(errors.map((e) => e.code).sort()).toEqual([5, 6]);
    expect((await ctx.db.collection('bwf').count().get()).data().count).toBe(21);
    expect((await ctx.db.doc('bwf/existing').get()).get('v')).toBe(1);
    expect((await ctx.db.doc('bwf/missing').get()).exists).toBe(false);
  });
});

describe('batch()', () => {
  test('commit applies all writes atomically with one commit time', async () => {
    const batch = ctx.db.batch();
    batch.set(ctx.db.doc('b/1'), { v: 1 });
    batch.set(ctx.db.doc('b/2'), { v: 2 });
    batch.create(ctx.db.doc('b/3'), { v: 3 });
    const results = await batch.commit();
    expect(results).toHaveLength(3);
    expect(results[0].writeTime.isEqual(results[2].writeTime)).toBe(true);
    const snaps = await ctx.db.getAll(ctx.db.doc('b/1'), ctx.db.doc('b/2'), ctx.db.doc('b/3'));
    expect(snaps.map((s) => s.get('v'))).toEqual([1, 2, 3]);
  });

  test('a failing update precondition (NOT_FOUND) applies nothing', async () => {
    await ctx.db.doc('ba/keep').set({ v: 1 });
    const batch = ctx.db.batch();
    batch.set(ctx.db.doc('ba/new'), { v: 'new' });
    batch.update(ctx.db.doc('ba/keep'), { v: 2 });
    batch.update(ctx.db.doc('ba/missing'), { v: 3 });
    batch.delete(ctx.db.doc('ba/keep'));
    await expectCode(batch.commit(), 5);
    expect((await ctx.db.doc('ba/new').get()).exists).toBe(false);
    expect((await ctx.db.doc('ba/keep').get()).get('v')).toBe(1);
  });

  test('a failing create precondition (ALREADY_EXISTS) applies nothing', async () => {
    await ctx.db.doc('bc/existing').set({ v: 1 });
    const batch = ctx.db.batch();
    batch.set(ctx.db.doc('bc/a'), { v: 'a' });
    batch.create(ctx.db.doc('bc/existing'), { v: 2 });
    await expectCode(batch.commit(), 6);
    expect((await ctx.db.doc('bc/a').get()).exists).toBe(false);
    expect((await ctx.db.doc('bc/existing').get()).get('v')).toBe(1);
  });

  test('a stale lastUpdateTime precondition (FAILED_PRECONDITION) applies nothing', async () => {
    const first = await ctx.db.doc('bs/x').set({ v: 1 });
    await ctx.db.doc('bs/x').set({ v: 2 });
    const batch = ctx.db.batch();
    batch.set(ctx.db.doc('bs/y'), { v: 'y' });
    batch.update(ctx.db.doc('bs/x'), { v: 3 }, { lastUpdateTime: first.writeTime });
    await expectCode(batch.commit(), 9);
    expect((await ctx.db.doc('bs/y').get()).exists).toBe(false);
    expect((await ctx.db.doc('bs/x').get()).get('v')).toBe(2);
  });

  test('later writes in a batch see earlier ones (set then update the same doc)', async () => {
    const batch = ctx.db.batch();
    batch.set(ctx.db.doc('bo/doc'), { a: 1 });
    batch.update(ctx.db.doc('bo/doc'), { b: 2 });
    await batch.commit();
    expect((await ctx.db.doc('bo/doc').get()).data()).toEqual({ a: 1, b: 2 });
  });

  test('a batch of 500 writes commits', async () => {
    const batch = ctx.db.batch();
    for (let i = 0; i < 500; i++) batch.set(ctx.db.doc(`b500/d${i}`), { i });
    await batch.commit();
    expect((await ctx.db.collection('b500').count().get()).data().count).toBe(500);
  });
});

describe('recursiveDelete', () => {
  async function seedTree() {
    const batch = ctx.db.batch();
    for (const p of [
      'tree/root',
      'tree/root/a/1',
      'tree/root/a/2',
      'tree/root/a/1/b/1',
      'tree/root/a/1/b/1/c/1',
      'tree/root/z/1',
      'tree/ghostless/a/1', // missing parent with a child
      'tree/sibling',
      'tree/sibling/a/1',
      'treeother/root',
    ]) {
      batch.set(ctx.db.doc(p), { p });
    }
    await batch.commit();
  }

  test('recursiveDelete(doc) removes the document and all descendants only', async () => {
    await seedTree();
    await ctx.db.recursiveDelete(ctx.db.doc('tree/root'));
    for (const p of ['tree/root', 'tree/root/a/1', 'tree/root/a/2', 'tree/root/a/1/b/1', 'tree/root/a/1/b/1/c/1', 'tree/root/z/1']) {
      expect((await ctx.db.doc(p).get()).exists).toBe(false);
    }
    expect(await ctx.db.doc('tree/root').listCollections()).toEqual([]);
    for (const p of ['tree/sibling', 'tree/sibling/a/1', 'tree/ghostless/a/1', 'treeother/root']) {
      expect((await ctx.db.doc(p).get()).exists).toBe(true);
    }
  });

  test('recursiveDelete(collection) removes every document below it', async () => {
    await seedTree();
    await ctx.db.recursiveDelete(ctx.db.collection('tree'));
    expect(await ctx.db.collection('tree').listDocuments()).toEqual([]);
    expect((await ctx.db.collectionGroup('a').get()).empty).toBe(true);
    expect((await ctx.db.doc('treeother/root').get()).exists).toBe(true);
    expect((await ctx.db.listCollections()).map((c) => c.id)).toEqual(['treeother']);
  });
});
