/**
 * onSnapshot (Listen streams) on documents and queries.
 */
import type { DocumentSnapshot, QuerySnapshot } from 'firebase-admin/firestore';
import { sleep, useEmulator } from './harness';

const ctx = useEmulator('listen');

/** Collects snapshots; `next(pred)` resolves with the first unseen one matching pred. */
class Recorder<T> {
  private readonly items: T[] = [];
  private cursor = 0;
  private error: unknown;
  private wake: (() => void) | undefined;
  readonly onNext = (x: T) => {
    this.items.push(x);
    this.wake?.();
  };
  readonly onError = (e: unknown) => {
    this.error = e;
    this.wake?.();
  };
  get count() {
    return this.items.length;
  }
  async next(pred: (x: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.error) throw this.error;
      while (this.cursor < this.items.length) {
        const x = this.items[this.cursor++];
        if (pred(x)) return x;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching snapshot within ${timeoutMs} ms (${this.items.length} received)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}

const idsOf = (s: QuerySnapshot) => s.docs.map((d) => d.id);
const changesOf = (s: QuerySnapshot) =>
  s
    .docChanges()
    .map((c) => `${c.type}:${c.doc.id}`)
    .sort();

describe('onSnapshot on a document', () => {
  test('initial missing state, then add, modify, delete', async () => {
    const ref = ctx.db.doc('watch/doc');
    const rec = new Recorder<DocumentSnapshot>();
    const unsubscribe = ref.onSnapshot(rec.onNext, rec.onError);
    try {
      const initial = await rec.next();
      expect(initial.exists).toBe(false);

      await ref.set({ v: 1 });
      const added = await rec.next((s) => s.exists);
      expect(added.data()).toEqual({ v: 1 });

      await ref.update({ v: 2 });
      const modified = await rec.next((s) => s.get('v') === 2);
      expect(modified.data()).toEqual({ v: 2 });
      expect(modified.updateTime!.toMillis()).toBeGreaterThanOrEqual(added.updateTime!.toMillis());

      await ref.delete();
      const removed = await rec.next((s) => !s.exists);
      expect(removed.exists).toBe(false);
    } finally {
      unsubscribe();
    }
  });

  test('initial state of an existing document', async () => {
    const ref = ctx.db.doc('watch/existing');
    await ref.set({ hello: 'world' });
    const rec = new Recorder<DocumentSnapshot>();
    const unsubscribe = ref.onSnapshot(rec.onNext, rec.onError);
    try {
      const initial = await rec.next();
      expect(initial.exists).toBe(true);
      expect(initial.data()).toEqual({ hello: 'world' });
    } finally {
      unsubscribe();
    }
  });

  test('changes to other documents do not fire the document listener', async () => {
    const ref = ctx.db.doc('watch/quiet');
    await ref.set({ v: 1 });
    const rec = new Recorder<DocumentSnapshot>();
    const unsubscribe = ref.onSnapshot(rec.onNext, rec.onError);
    try {
      await rec.next();
      await ctx.db.doc('watch/noisy').set({ v: 1 });
      await ctx.db.doc('watch/quiet/sub/x').set({ v: 1 });
      await sleep(300);
      expect(rec.count).toBe(1);
    } finally {
      unsubscribe();
    }
  });

  test('unsubscribe stops delivery', async () => {
    const ref = ctx.db.doc('watch/unsub');
    const rec = new Recorder<DocumentSnapshot>();
    const unsubscribe = ref.onSnapshot(rec.onNext, rec.onError);
    await rec.next();
    unsubscribe();
    const before = rec.count;
    await ref.set({ v: 1 });
    await ref.set({ v: 2 });
    await sleep(300);
    expect(rec.count).toBe(before);
  });
});

describe('onSnapshot on a query', () => {
  test('where + orderBy + limit: initial, add, modify, remove, leave by field change, unsubscribe', async () => {
    const col = ctx.db.collection('tasks');
    await col.doc('t1').set({ open: true, rank: 1, title: 'one' });
    await col.doc('t2').set({ open: true, rank: 2, title: 'two' });
    await col.doc('t3').set({ open: false, rank: 0, title: 'closed' });

    const q = col.where('open', '==', true).orderBy('rank').limit(3);
    const rec = new Recorder<QuerySnapshot>();
    const unsubscribe = q.onSnapshot(rec.onNext, rec.onError);
    try {
      // initial state
      const initial = await rec.next();
      expect(idsOf(initial)).toEqual(['t1', 't2']);
      expect(changesOf(initial)).toEqual(['added:t1', 'added:t2']);

      // add a matching document
      await col.doc('t4').set({ open: true, rank: 1.5, title: 'four' });
      const added = await rec.next((s) => idsOf(s).includes('t4'));
      expect(idsOf(added)).toEqual(['t1', 't4', 't2']);
      expect(changesOf(added)).toEqual(['added:t4']);

      // a non-matching write does not change the result
      await col.doc('t5').set({ open: false, rank: 0.5 });

      // modify a document inside the result
      await col.doc('t2').update({ title: 'two!' });
      const modified = await rec.next((s) => s.docs.some((d) => d.id === 't2' && d.get('title') === 'two!'));
      expect(idsOf(modified)).toEqual(['t1', 't4', 't2']);
      expect(changesOf(modified)).toEqual(['modified:t2']);

      // limit: a 4th matching doc with a high rank stays outside the window
      await col.doc('t6').set({ open: true, rank: 10 });
      // and a doc that sorts first pushes t2 out of the window
      await col.doc('t7').set({ open: true, rank: 0 });
      const pushed = await rec.next((s) => idsOf(s).includes('t7'));
      expect(idsOf(pushed)).toEqual(['t7', 't1', 't4']);

      // a document leaves the query because a field changed; t2 comes back into the window
      await col.doc('t1').update({ open: false });
      const left = await rec.next((s) => !idsOf(s).includes('t1'));
      expect(idsOf(left)).toEqual(['t7', 't4', 't2']);
      expect(changesOf(left)).toEqual(['added:t2', 'removed:t1']);

      // a document is deleted
      await col.doc('t7').delete();
      const removed = await rec.next((s) => !idsOf(s).includes('t7'));
      expect(idsOf(removed)).toEqual(['t4', 't2', 't6']);
      expect(changesOf(removed)).toEqual(['added:t6', 'removed:t7']);

      // a modification that moves a document within the order
      await col.doc('t6').update({ rank: -1 });
      const moved = await rec.next((s) => idsOf(s)[0] === 't6');
      expect(idsOf(moved)).toEqual(['t6', 't4', 't2']);
      const change = moved.docChanges().find((c) => c.doc.id === 't6')!;
      expect(change.type).toBe('modified');
      expect(change.oldIndex).toBe(2);
      expect(change.newIndex).toBe(0);
    } finally {
      unsubscribe();
    }

    const before = rec.count;
    await col.doc('t8').set({ open: true, rank: -5 });
    await sleep(300);
    expect(rec.count).toBe(before);
  });

  test('a listener on an empty query gets an empty initial snapshot', async () => {
    const rec = new Recorder<QuerySnapshot>();
    const unsubscribe = ctx.db.collection('empty-watch').onSnapshot(rec.onNext, rec.onError);
    try {
      const initial = await rec.next();
      expect(initial.empty).toBe(true);
      await ctx.db.doc('empty-watch/a').set({ x: 1 });
      const s = await rec.next((x) => x.size === 1);
      expect(idsOf(s)).toEqual(['a']);
    } finally {
      unsubscribe();
    }
  });

  test('a batch of writes appears atomically in one snapshot', async () => {
    const col = ctx.db.collection('atomic-watch');
    const rec = new Recorder<QuerySnapshot>();
    const unsubscribe = col.onSnapshot(rec.onNext, rec.onError);
    try {
      await rec.next();
      const batch = ctx.db.batch();
      for (let i = 0; i < 5; i++) batch.set(col.doc(`d${i}`), { i });
      await batch.commit();
      const s = await rec.next((x) => x.size > 0);
      expect(s.size).toBe(5);
    } finally {
      unsubscribe();
    }
  });

  test('two listeners on the same query both receive changes', async () => {
    const col = ctx.db.collection('shared-watch');
    const r1 = new Recorder<QuerySnapshot>();
    const r2 = new Recorder<QuerySnapshot>();
    const u1 = col.onSnapshot(r1.onNext, r1.onError);
    const u2 = col.where('x', '>', 0).onSnapshot(r2.onNext, r2.onError);
    try {
      await Promise.all([r1.next(), r2.next()]);
      await col.doc('a').set({ x: 1 });
      const [s1, s2] = await Promise.all([r1.next((s) => s.size === 1), r2.next((s) => s.size === 1)]);
      expect(idsOf(s1)).toEqual(['a']);
      expect(idsOf(s2)).toEqual(['a']);
    } finally {
      u1();
      u2();
    }
  });
});
