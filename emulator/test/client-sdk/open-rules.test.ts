/**
 * The `firebase` JS SDK against the embedded emulator with no rules loaded
 * (open rules, as the official emulator): the Write stream (setDoc,
 * updateDoc, deleteDoc, writeBatch), transactions, onSnapshot, queries,
 * aggregations, and firebase/firestore/lite over REST.
 */
import {
  collection,
  deleteDoc,
  doc,
  getCountFromServer,
  getDoc,
  getDocs,
  increment,
  limit,
  onSnapshot,
  orderBy,
  query,
  runTransaction,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  writeBatch,
  type DocumentData,
} from 'firebase/firestore';
import * as lite from 'firebase/firestore/lite';
import { codeOf, useClientSdk } from './client';

const h = useClientSdk('open');

describe('client SDK, open rules: writes over the Write stream', () => {
  test('setDoc, updateDoc with transforms, deleteDoc round-trip through the server', async () => {
    const db = h.db({ uid: 'u1' });
    const ref = doc(db, 'open/w1');
    await setDoc(ref, { n: 1, name: 'a', nested: { x: true } });
    await updateDoc(ref, { n: increment(2), at: serverTimestamp(), 'nested.y': 5 });
    const snap = await getDoc(ref);
    expect(snap.get('n')).toBe(3);
    expect(snap.get('nested')).toEqual({ x: true, y: 5 });
    expect(snap.get('at')).toBeInstanceOf(Timestamp);
    // What the server stored, read by another client (no shared cache).
    const other = await getDoc(doc(h.db('owner'), 'open/w1'));
    expect(other.data()).toEqual(snap.data());
    await deleteDoc(ref);
    expect((await getDoc(doc(h.db('owner'), 'open/w1'))).exists()).toBe(false);
  });

  test('a write batch is applied as one commit', async () => {
    const db = h.db({ uid: 'u1' });
    const batch = writeBatch(db);
    batch.set(doc(db, 'open-batch/a'), { v: 1 });
    batch.set(doc(db, 'open-batch/b'), { v: 2 });
    batch.update(doc(db, 'open-batch/a'), { v: 10 });
    await batch.commit();
    const [a, b] = await Promise.all([getDoc(doc(h.db('owner'), 'open-batch/a')), getDoc(doc(h.db('owner'), 'open-batch/b'))]);
    expect([a.get('v'), b.get('v')]).toEqual([10, 2]);
    expect(a.get('v') && a.metadata.fromCache).toBe(false);
  });

  test('a failing write rejects with its code and later writes still go through', async () => {
    const db = h.db({ uid: 'u1' });
    expect(await codeOf(updateDoc(doc(db, 'open/missing'), { x: 1 }))).toBe('not-found');
    await setDoc(doc(db, 'open/after-error'), { ok: true });
    expect((await getDoc(doc(h.db('owner'), 'open/after-error'))).get('ok')).toBe(true);
  });

  test('many pipelined writes are acknowledged in order', async () => {
    const db = h.db({ uid: 'u1' });
    await Promise.all(Array.from({ length: 30 }, (_, i) => setDoc(doc(db, 'open-many', `d${i}`), { i })));
    const all = await getDocs(collection(h.db('owner'), 'open-many'));
    expect(all.size).toBe(30);
  });

  test('concurrent transactions on one counter lose no increment', async () => {
    const dbs = [h.db({ uid: 'a' }), h.db({ uid: 'b' })];
    await setDoc(doc(dbs[0]!, 'open/counter'), { n: 0 });
    await Promise.all(
      dbs.flatMap((db) =>
        Array.from({ length: 5 }, () =>
          runTransaction(db, async (tx) => {
            const snap = await tx.get(doc(db, 'open/counter'));
            tx.update(doc(db, 'open/counter'), { n: (snap.get('n') as number) + 1 });
          }),
        ),
      ),
    );
    expect((await getDoc(doc(h.db('owner'), 'open/counter'))).get('n')).toBe(10);
  });
});

describe('client SDK, open rules: reads', () => {
  beforeAll(async () => {
    const db = h.db('owner');
    const batch = writeBatch(db);
    for (let i = 0; i < 6; i++) batch.set(doc(db, 'open-q', `q${i}`), { i, even: i % 2 === 0 });
    await batch.commit();
  });

  test('queries with filters, order and limit, and count()', async () => {
    const db = h.db({ uid: 'u1' });
    const q = query(collection(db, 'open-q'), where('even', '==', true), orderBy('i', 'desc'), limit(2));
    expect((await getDocs(q)).docs.map((d) => d.id)).toEqual(['q4', 'q2']);
    expect((await getCountFromServer(query(collection(db, 'open-q'), where('i', '>=', 2)))).data().count).toBe(4);
  });

  test('onSnapshot sees the initial state and every later server change, in order', async () => {
    const db = h.db({ uid: 'u1' });
    const writer = h.db('owner');
    const seen: (DocumentData | undefined)[] = [];
    let resolveDone: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const unsubscribe = onSnapshot(doc(db, 'open/live'), (snap) => {
      if (snap.metadata.hasPendingWrites) return;
      seen.push(snap.data());
      if (snap.get('step') === 3) resolveDone();
    });
    for (let step = 1; step <= 3; step++) await setDoc(doc(writer, 'open/live'), { step });
    await done;
    unsubscribe();
    const steps = seen.filter(Boolean).map((d) => d!.step as number);
    expect(steps).toEqual([...steps].sort());
    expect(steps[steps.length - 1]).toBe(3);
  });
});

describe('firebase/firestore/lite over REST', () => {
  test('setDoc, updateDoc, getDoc, query, count, batch and transaction', async () => {
    const db = h.lite({ uid: 'u1' });
    await lite.setDoc(lite.doc(db, 'open-lite/a'), { n: 1, when: lite.serverTimestamp(), bytes: lite.Bytes.fromUint8Array(new Uint8Array([1, 2])) });
    await lite.updateDoc(lite.doc(db, 'open-lite/a'), { n: lite.increment(1) });
    const snap = await lite.getDoc(lite.doc(db, 'open-lite/a'));
    expect(snap.get('n')).toBe(2);
    expect(snap.get('when')).toBeInstanceOf(lite.Timestamp);
    expect(Array.from((snap.get('bytes') as lite.Bytes).toUint8Array())).toEqual([1, 2]);
    const batch = lite.writeBatch(db);
    batch.set(lite.doc(db, 'open-lite/b'), { n: 5 });
    batch.delete(lite.doc(db, 'open-lite/gone'));
    await batch.commit();
    await lite.runTransaction(db, async (tx) => {
      const b = await tx.get(lite.doc(db, 'open-lite/b'));
      tx.update(lite.doc(db, 'open-lite/b'), { n: (b.get('n') as number) * 2 });
    });
    const q = await lite.getDocs(lite.query(lite.collection(db, 'open-lite'), lite.where('n', '>', 1), lite.orderBy('n')));
    expect(q.docs.map((d) => [d.id, d.get('n')])).toEqual([
      ['a', 2],
      ['b', 10],
    ]);
    expect((await lite.getCount(lite.collection(db, 'open-lite'))).data().count).toBe(2);
    expect((await lite.getDoc(lite.doc(db, 'open-lite/none'))).exists()).toBe(false);
  });

  test('a failed precondition reaches lite as not-found', async () => {
    const db = h.lite({ uid: 'u1' });
    expect(await codeOf(lite.updateDoc(lite.doc(db, 'open-lite/missing'), { x: 1 }))).toBe('not-found');
  });

  test('plain HTTP: document GET and a 404 body in the Google error format', async () => {
    await lite.setDoc(lite.doc(h.lite('owner'), 'open-lite/plain'), { s: 'x', i: 7 });
    const base = `http://${h.emu.url}/v1/projects/${h.projectId}/databases/(default)/documents`;
    const ok = await fetch(`${base}/open-lite/plain`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { name: string; fields: unknown; updateTime: string };
    expect(body.fields).toEqual({ s: { stringValue: 'x' }, i: { integerValue: '7' } });
    expect(body.updateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    const missing = await fetch(`${base}/open-lite/nothing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
  });
});
