/**
 * Cursors and pagination: startAt / startAfter / endAt / endBefore with
 * values and with document snapshots, and stable pagination over ties.
 */
import { FieldPath, type Query, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { useEmulator } from './harness';

const ctx = useEmulator('cursors', { clearBeforeEach: false });

const ids = async (q: Query) => (await q.get()).docs.map((d) => d.id);

// n: a=1, b=2, c=2, d=2, e=3, f=4 ; g has no n
const DOCS: Record<string, Record<string, unknown>> = {
  a: { n: 1, s: 'x' },
  b: { n: 2, s: 'z' },
  c: { n: 2, s: 'y' },
  d: { n: 2, s: 'y' },
  e: { n: 3, s: 'x' },
  f: { n: 4, s: 'w' },
  g: { s: 'v' },
};

beforeAll(async () => {
  const batch = ctx.db.batch();
  for (const [id, data] of Object.entries(DOCS)) batch.set(ctx.db.collection('c').doc(id), data);
  await batch.commit();

  // 1,000 documents with many ties (only 7 distinct bucket values).
  const big = ctx.db.collection('big');
  for (let start = 0; start < 1000; start += 500) {
    const b = ctx.db.batch();
    for (let i = start; i < start + 500; i++) {
      b.set(big.doc(`doc${String((i * 7919) % 1000).padStart(4, '0')}`), { bucket: i % 7, i });
    }
    await b.commit();
  }
});

describe('cursors with values', () => {
  const byN = () => ctx.db.collection('c').orderBy('n');

  test('startAt(value) includes ties', async () => {
    expect(await ids(byN().startAt(2))).toEqual(['b', 'c', 'd', 'e', 'f']);
  });

  test('startAfter(value) skips all ties', async () => {
    expect(await ids(byN().startAfter(2))).toEqual(['e', 'f']);
  });

  test('endAt(value) includes ties', async () => {
    expect(await ids(byN().endAt(2))).toEqual(['a', 'b', 'c', 'd']);
  });

  test('endBefore(value) excludes ties', async () => {
    expect(await ids(byN().endBefore(2))).toEqual(['a']);
  });

  test('startAt + endBefore window', async () => {
    expect(await ids(byN().startAt(2).endBefore(4))).toEqual(['b', 'c', 'd', 'e']);
  });

  test('cursor value between existing values', async () => {
    expect(await ids(byN().startAt(1.5).endAt(3.5))).toEqual(['b', 'c', 'd', 'e']);
  });

  test('cursor with two orderBy values', async () => {
    const q = ctx.db.collection('c').orderBy('n').orderBy('s');
    // (n,s): a(1,x) c(2,y) d(2,y) b(2,z) e(3,x) f(4,w)
    expect(await ids(q)).toEqual(['a', 'c', 'd', 'b', 'e', 'f']);
    expect(await ids(q.startAfter(2, 'y'))).toEqual(['b', 'e', 'f']);
    expect(await ids(q.startAt(2, 'y').endAt(2, 'z'))).toEqual(['c', 'd', 'b']);
  });

  test('cursor with an explicit document id tiebreak', async () => {
    const q = ctx.db.collection('c').orderBy('n').orderBy(FieldPath.documentId());
    expect(await ids(q.startAfter(2, 'c'))).toEqual(['d', 'e', 'f']);
    expect(await ids(q.endBefore(2, 'd'))).toEqual(['a', 'b', 'c']);
  });

  test('cursors on a descending order', async () => {
    const q = ctx.db.collection('c').orderBy('n', 'desc');
    expect(await ids(q)).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    expect(await ids(q.startAfter(3))).toEqual(['d', 'c', 'b', 'a']);
    expect(await ids(q.startAt(2).endAt(2))).toEqual(['d', 'c', 'b']);
  });

  test('cursor on __name__ only', async () => {
    const q = ctx.db.collection('c').orderBy(FieldPath.documentId());
    expect(await ids(q.startAfter('c').endBefore('f'))).toEqual(['d', 'e']);
  });

  test('cursor + offset + limit', async () => {
    expect(await ids(byN().startAt(2).offset(1).limit(2))).toEqual(['c', 'd']);
  });

  test('limitToLast with endBefore', async () => {
    expect(await ids(byN().endBefore(4).limitToLast(2))).toEqual(['d', 'e']);
  });
});

describe('cursors with document snapshots', () => {
  test('startAfter(snapshot) continues after that document among ties', async () => {
    const c = await ctx.db.doc('c/c').get();
    expect(await ids(ctx.db.collection('c').orderBy('n').startAfter(c))).toEqual(['d', 'e', 'f']);
  });

  test('startAt(snapshot) includes that document', async () => {
    const c = await ctx.db.doc('c/c').get();
    expect(await ids(ctx.db.collection('c').orderBy('n').startAt(c))).toEqual(['c', 'd', 'e', 'f']);
  });

  test('endAt(snapshot) / endBefore(snapshot)', async () => {
    const c = await ctx.db.doc('c/c').get();
    expect(await ids(ctx.db.collection('c').orderBy('n').endAt(c))).toEqual(['a', 'b', 'c']);
    expect(await ids(ctx.db.collection('c').orderBy('n').endBefore(c))).toEqual(['a', 'b']);
  });

  test('snapshot cursor without orderBy orders by __name__', async () => {
    const d = await ctx.db.doc('c/d').get();
    expect(await ids(ctx.db.collection('c').startAfter(d))).toEqual(['e', 'f', 'g']);
  });

  test('snapshot cursor on a descending order', async () => {
    const c = await ctx.db.doc('c/c').get();
    expect(await ids(ctx.db.collection('c').orderBy('n', 'desc').startAfter(c))).toEqual(['b', 'a']);
  });

  test('snapshot cursor combined with an inequality filter', async () => {
    const b = await ctx.db.doc('c/b').get();
    expect(await ids(ctx.db.collection('c').where('n', '>=', 2).startAfter(b))).toEqual(['c', 'd', 'e', 'f']);
  });
});

describe('pagination', () => {
  async function paginate(base: Query, pageSize: number): Promise<QueryDocumentSnapshot[]> {
    const out: QueryDocumentSnapshot[] = [];
    let last: QueryDocumentSnapshot | undefined;
    for (let guard = 0; guard < 1000; guard++) {
      const q = last ? base.startAfter(last).limit(pageSize) : base.limit(pageSize);
      const snap = await q.get();
      out.push(...snap.docs);
      if (snap.size < pageSize) return out;
      last = snap.docs[snap.size - 1];
    }
    throw new Error('pagination did not terminate');
  }

  test('ACCEPTANCE: 1,000 documents with many ties, pages of 37 via startAfter(lastSnapshot) → each exactly once', async () => {
    const docs = await paginate(ctx.db.collection('big').orderBy('bucket'), 37);
    const seen = docs.map((d) => d.id);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    // Sorted by (bucket, __name__).
    for (let i = 1; i < docs.length; i++) {
      const [pb, cb] = [docs[i - 1].get('bucket'), docs[i].get('bucket')];
      expect(pb < cb || (pb === cb && docs[i - 1].id < docs[i].id)).toBe(true);
    }
  });

  test('descending pagination over ties visits every document exactly once', async () => {
    const docs = await paginate(ctx.db.collection('big').orderBy('bucket', 'desc'), 37);
    const seen = docs.map((d) => d.id);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    for (let i = 1; i < docs.length; i++) {
      const [pb, cb] = [docs[i - 1].get('bucket'), docs[i].get('bucket')];
      expect(pb > cb || (pb === cb && docs[i - 1].id > docs[i].id)).toBe(true);
    }
  });

  test('pagination with a filter and startAfter(values) matches the full result', async () => {
    const base = ctx.db.collection('big').where('bucket', 'in', [1, 3]).orderBy('i');
    const full = (await base.get()).docs.map((d) => d.id);
    const paged: string[] = [];
    let lastI: number | undefined;
    for (;;) {
      const snap = await (lastI === undefined ? base : base.startAfter(lastI)).limit(50).get();
      paged.push(...snap.docs.map((d) => d.id));
      if (snap.size < 50) break;
      lastI = snap.docs[snap.size - 1].get('i');
    }
    expect(full.length).toBe(286); // 143 + 143 of 0..999 with i % 7 in {1, 3}
    expect(paged).toEqual(full);
  });
});
