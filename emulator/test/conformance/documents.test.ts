/**
 * Documents: set / get / update / merge / delete, nested maps, field paths,
 * and the round trip of every value type.
 */
import { FieldPath, GeoPoint, Timestamp, type DocumentReference } from 'firebase-admin/firestore';
import { expectCode, useEmulator } from './harness';

const ctx = useEmulator('documents');

describe('documents: basic CRUD', () => {
  test('set then get returns the data with createTime == updateTime', async () => {
    const ref = ctx.db.doc('people/alice');
    const wr = await ref.set({ name: 'Alice', age: 30 });
    const snap = await ref.get();
    expect(snap.exists).toBe(true);
    expect(snap.id).toBe('alice');
    expect(snap.data()).toEqual({ name: 'Alice', age: 30 });
    expect(snap.createTime).toBeDefined();
    expect(snap.updateTime!.isEqual(snap.createTime!)).toBe(true);
    expect(wr.writeTime.isEqual(snap.updateTime!)).toBe(true);
    expect(snap.readTime.toMillis()).toBeGreaterThanOrEqual(snap.updateTime!.toMillis());
  });

  test('get of a missing document reports exists=false and no data', async () => {
    const snap = await ctx.db.doc('people/nobody').get();
    expect(snap.exists).toBe(false);
    expect(snap.data()).toBeUndefined();
    expect(snap.createTime).toBeUndefined();
    expect(snap.updateTime).toBeUndefined();
  });

  test('set without merge replaces the whole document', async () => {
    const ref = ctx.db.doc('people/bob');
    await ref.set({ a: 1, b: { c: 2, d: 3 } });
    await ref.set({ b: { c: 4 } });
    expect((await ref.get()).data()).toEqual({ b: { c: 4 } });
  });

  test('set with merge deep-merges nested maps', async () => {
    const ref = ctx.db.doc('people/carol');
    await ref.set({ a: 1, m: { x: 1, y: 2 } });
    await ref.set({ b: 2, m: { y: 20, z: 30 } }, { merge: true });
    expect((await ref.get()).data()).toEqual({ a: 1, b: 2, m: { x: 1, y: 20, z: 30 } });
  });

  test('set with merge on a missing document creates it', async () => {
    const ref = ctx.db.doc('people/dan');
    await ref.set({ m: { x: 1 } }, { merge: true });
    const snap = await ref.get();
    expect(snap.exists).toBe(true);
    expect(snap.data()).toEqual({ m: { x: 1 } });
  });

  test('set with mergeFields only writes the listed fields', async () => {
    const ref = ctx.db.doc('people/erin');
    await ref.set({ a: 1, b: 1, m: { x: 1, y: 1 } });
    await ref.set({ a: 2, b: 2, m: { x: 2, y: 2 } }, { mergeFields: ['a', 'm.x'] });
    expect((await ref.get()).data()).toEqual({ a: 2, b: 1, m: { x: 2, y: 1 } });
  });

  test('update with a dotted field path changes only the nested field', async () => {
    const ref = ctx.db.doc('people/frank');
    await ref.set({ m: { x: 1, y: 2, deep: { k: 'v', j: 'w' } }, top: true });
    await ref.update({ 'm.y': 3, 'm.deep.k': 'v2', 'm.new': 'n' });
    expect((await ref.get()).data()).toEqual({
      m: { x: 1, y: 3, deep: { k: 'v2', j: 'w' }, new: 'n' },
      top: true,
    });
  });

  test('update with a map value replaces the whole map', async () => {
    const ref = ctx.db.doc('people/gina');
    await ref.set({ m: { x: 1, y: 2 } });
    await ref.update({ m: { z: 3 } });
    expect((await ref.get()).data()).toEqual({ m: { z: 3 } });
  });

  test('update with FieldPath treats a dot as part of the field name', async () => {
    const ref = ctx.db.doc('people/hank');
    await ref.set({ a: { b: 1 } });
    await ref.update(new FieldPath('a.b'), 2, new FieldPath('x', 'y'), 3);
    const data = (await ref.get()).data()!;
    expect(data).toEqual({ a: { b: 1 }, 'a.b': 2, x: { y: 3 } });
    expect((await ref.get()).get(new FieldPath('a.b'))).toBe(2);
  });

  test('set keeps dotted keys literally (no path interpretation)', async () => {
    const ref = ctx.db.doc('people/ivy');
    await ref.set({ 'x.y': 1, 'with space': 2, 'ünï': 3, '`tick`': 4 });
    const snap = await ref.get();
    expect(snap.data()).toEqual({ 'x.y': 1, 'with space': 2, 'ünï': 3, '`tick`': 4 });
    expect(snap.get('x')).toBeUndefined();
  });

  test('update creates intermediate maps for a new nested path', async () => {
    const ref = ctx.db.doc('people/jack');
    await ref.set({ a: 1 });
    await ref.update({ 'p.q.r': 'deep' });
    expect((await ref.get()).data()).toEqual({ a: 1, p: { q: { r: 'deep' } } });
  });

  test('createTime is kept and updateTime advances on update', async () => {
    const ref = ctx.db.doc('people/kate');
    await ref.set({ v: 1 });
    const s1 = await ref.get();
    await ref.update({ v: 2 });
    const s2 = await ref.get();
    expect(s2.createTime!.isEqual(s1.createTime!)).toBe(true);
    const after =
      s2.updateTime!.seconds > s1.updateTime!.seconds ||
      (s2.updateTime!.seconds === s1.updateTime!.seconds && s2.updateTime!.nanoseconds > s1.updateTime!.nanoseconds);
    expect(after).toBe(true);
  });

  test('delete removes the document; deleting a missing document succeeds', async () => {
    const ref = ctx.db.doc('people/liam');
    await ref.set({ v: 1 });
    await ref.delete();
    expect((await ref.get()).exists).toBe(false);
    await expect(ctx.db.doc('people/never').delete()).resolves.toBeDefined();
  });

  test('re-creating a deleted document gets a new createTime', async () => {
    const ref = ctx.db.doc('people/mia');
    await ref.set({ v: 1 });
    const s1 = await ref.get();
    await ref.delete();
    await ref.set({ v: 2 });
    const s2 = await ref.get();
    expect(s2.data()).toEqual({ v: 2 });
    expect(s2.createTime!.isEqual(s1.createTime!)).toBe(false);
  });

  test('add() creates a document with a 20-character auto id', async () => {
    const ref = await ctx.db.collection('auto').add({ x: 1 });
    expect(ref.id).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await ref.get()).data()).toEqual({ x: 1 });
  });

  test('document ids with unicode and spaces work', async () => {
    const ref = ctx.db.collection('ids').doc('héllo wörld 😀');
    await ref.set({ ok: true });
    const snap = await ref.get();
    expect(snap.id).toBe('héllo wörld 😀');
    expect(snap.data()).toEqual({ ok: true });
  });

  test('subcollection documents are independent of their (missing) parent', async () => {
    const child = ctx.db.doc('parents/p1/children/c1');
    await child.set({ n: 1 });
    expect((await ctx.db.doc('parents/p1').get()).exists).toBe(false);
    expect((await child.get()).data()).toEqual({ n: 1 });
    await ctx.db.doc('parents/p1').set({ parent: true });
    await ctx.db.doc('parents/p1').delete();
    expect((await child.get()).exists).toBe(true);
  });

  test('getAll returns snapshots in request order, including missing ones', async () => {
    await ctx.db.doc('multi/a').set({ v: 'a' });
    await ctx.db.doc('multi/c').set({ v: 'c' });
    const snaps = await ctx.db.getAll(
      ctx.db.doc('multi/c'),
      ctx.db.doc('multi/b'),
      ctx.db.doc('multi/a'),
    );
    expect(snaps.map((s) => [s.id, s.exists])).toEqual([
      ['c', true],
      ['b', false],
      ['a', true],
    ]);
    expect(snaps[0].data()).toEqual({ v: 'c' });
  });

  test('getAll with a fieldMask returns only the masked fields', async () => {
    await ctx.db.doc('masked/a').set({ keep: 1, drop: 2, m: { in: 1, out: 2 } });
    const [snap] = await ctx.db.getAll(ctx.db.doc('masked/a'), { fieldMask: ['keep', 'm.in'] });
    expect(snap.data()).toEqual({ keep: 1, m: { in: 1 } });
  });
});

describe('documents: value types round-trip', () => {
  async function roundTrip(ref: DocumentReference, data: Record<string, unknown>) {
    await ref.set(data);
    return (await ref.get()).data()!;
  }

  test('null and booleans', async () => {
    const d = await roundTrip(ctx.db.doc('types/basic'), { n: null, t: true, f: false });
    expect(d).toEqual({ n: null, t: true, f: false });
  });

  test('int64 extremes round-trip exactly (useBigInt)', async () => {
    const db = ctx.newDb({ settings: { useBigInt: true } });
    const ref = db.doc('types/ints');
    await ref.set({
      max: BigInt('9223372036854775807'),
      min: BigInt('-9223372036854775808'),
      zero: 0,
      neg: -1,
      safe: Number.MAX_SAFE_INTEGER,
    });
    const d = (await ref.get()).data()!;
    expect(d.max).toBe(BigInt('9223372036854775807'));
    expect(d.min).toBe(BigInt('-9223372036854775808'));
    expect(d.zero).toBe(BigInt(0));
    expect(d.neg).toBe(BigInt(-1));
    expect(d.safe).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });

  test('doubles incl. NaN, ±Infinity, -0, subnormal and MAX_VALUE', async () => {
    const d = await roundTrip(ctx.db.doc('types/doubles'), {
      half: 1.5,
      nan: NaN,
      inf: Infinity,
      ninf: -Infinity,
      negzero: -0,
      tiny: 5e-324,
      max: Number.MAX_VALUE,
      pi: Math.PI,
    });
    expect(d.half).toBe(1.5);
    expect(Number.isNaN(d.nan)).toBe(true);
    expect(d.inf).toBe(Infinity);
    expect(d.ninf).toBe(-Infinity);
    expect(Object.is(d.negzero, -0)).toBe(true);
    expect(d.tiny).toBe(5e-324);
    expect(d.max).toBe(Number.MAX_VALUE);
    expect(d.pi).toBe(Math.PI);
  });

  test('integers and doubles keep their wire type (1 vs 1.5 stays int vs double)', async () => {
    // Query for an int field with a double value of equal magnitude would be
    // the same value; here we only check that an integer comes back as an
    // integer (a safe JS number) and not as e.g. a string.
    const d = await roundTrip(ctx.db.doc('types/intdouble'), { i: 42, big: 2 ** 40 });
    expect(d.i).toBe(42);
    expect(d.big).toBe(2 ** 40);
  });

  test('timestamps keep microsecond precision (nanos truncated to micros)', async () => {
    const d = await roundTrip(ctx.db.doc('types/ts'), {
      t: new Timestamp(1700000000, 123456789),
      early: new Timestamp(-62135596800, 0), // 0001-01-01T00:00:00Z
      pre1970: Timestamp.fromMillis(-86400000 + 1),
      date: new Date('2024-02-29T12:34:56.789Z'),
    });
    expect(d.t).toBeInstanceOf(Timestamp);
    expect(d.t.seconds).toBe(1700000000);
    expect(d.t.nanoseconds).toBe(123456000);
    expect(d.early.seconds).toBe(-62135596800);
    expect(d.early.nanoseconds).toBe(0);
    expect(d.pre1970.toMillis()).toBe(-86400000 + 1);
    expect(d.date).toBeInstanceOf(Timestamp);
    expect(d.date.toDate().toISOString()).toBe('2024-02-29T12:34:56.789Z');
  });

  test('strings incl. empty, unicode, emoji and embedded NUL', async () => {
    const values = { empty: '', acc: 'héllo', cjk: '日本語', emoji: '👩‍💻😀', nul: 'a\u0000b', long: 'x'.repeat(100000) };
    const d = await roundTrip(ctx.db.doc('types/strings'), values);
    expect(d).toEqual(values);
  });

  test('bytes', async () => {
    const d = await roundTrip(ctx.db.doc('types/bytes'), {
      b: Buffer.from([0, 1, 2, 254, 255]),
      e: Buffer.alloc(0),
    });
    expect(Buffer.from(d.b).equals(Buffer.from([0, 1, 2, 254, 255]))).toBe(true);
    expect(Buffer.from(d.e).length).toBe(0);
  });

  test('references', async () => {
    const target = ctx.db.doc('some/where/deep/doc');
    const d = await roundTrip(ctx.db.doc('types/refs'), { r: target, arr: [target] });
    expect(d.r.path).toBe('some/where/deep/doc');
    expect(d.r.isEqual(target)).toBe(true);
    expect(d.arr[0].path).toBe('some/where/deep/doc');
  });

  test('geopoints', async () => {
    const d = await roundTrip(ctx.db.doc('types/geo'), { g: new GeoPoint(-33.8688, 151.2093), z: new GeoPoint(0, 0) });
    expect(d.g).toBeInstanceOf(GeoPoint);
    expect(d.g.latitude).toBe(-33.8688);
    expect(d.g.longitude).toBe(151.2093);
    expect(d.z.isEqual(new GeoPoint(0, 0))).toBe(true);
  });

  test('arrays (empty, mixed types, maps containing arrays)', async () => {
    const values = {
      empty: [],
      mixed: [1, 'two', null, true, 2.5, { k: 'v' }],
      nested: [{ inner: [1, 2, 3] }, { inner: [] }],
      dup: [1, 1, 1],
    };
    const d = await roundTrip(ctx.db.doc('types/arrays'), values);
    expect(d).toEqual(values);
  });

  test('maps (empty, deeply nested)', async () => {
    const values = { empty: {}, deep: { a: { b: { c: { d: { e: 'bottom' } } } } }, withEmpty: { e: {} } };
    const d = await roundTrip(ctx.db.doc('types/maps'), values);
    expect(d).toEqual(values);
  });

  test('an empty document exists with no fields', async () => {
    const d = await roundTrip(ctx.db.doc('types/emptydoc'), {});
    expect(d).toEqual({});
    expect((await ctx.db.doc('types/emptydoc').get()).exists).toBe(true);
  });
});

describe('documents: reserved ids', () => {
  test('ids matching __.*__ are rejected with INVALID_ARGUMENT', async () => {
    await expectCode(ctx.db.doc('people/__doc__').set({ a: 1 }), 3);
    await expectCode(ctx.db.doc('__coll__/x').set({ a: 1 }), 3);
    const batch = ctx.db.batch();
    batch.create(ctx.db.doc('people/__x__'), { a: 1 });
    await expectCode(batch.commit(), 3);
    expect((await ctx.db.collection('people').get()).size).toBe(0);
  });

  test('ids over 1,500 bytes, and . or .., are rejected with INVALID_ARGUMENT; 1,500 bytes is accepted', async () => {
    await expectCode(ctx.db.doc(`people/${'x'.repeat(1_501)}`).set({ a: 1 }), 3);
    await expectCode(ctx.db.doc(`people/${'é'.repeat(751)}`).set({ a: 1 }), 3); // 1,502 bytes in 751 characters
    await expectCode(ctx.db.doc(`${'c'.repeat(1_501)}/x`).set({ a: 1 }), 3);
    expect((await ctx.db.collection('people').get()).size).toBe(0);
    await ctx.db.doc(`people/${'x'.repeat(1_500)}`).set({ a: 1 });
    expect((await ctx.db.collection('people').get()).size).toBe(1);
  });

  test('numeric ids __id<int>__ and near misses stay valid', async () => {
    for (const id of ['__id7__', '__id-2__', '__id-9223372036854775808__', '__id1_', '__id', '_x_']) {
      await ctx.db.doc(`people/${id}`).set({ id });
    }
    expect((await ctx.db.collection('people').get()).size).toBe(6);
  });
});
