/**
 * Vector values and vector search (findNearest): ordering and equality of
 * vectors among other types, the three distance measures, distanceResultField,
 * distanceThreshold, the limit bounds, nested fields, skipped documents and select.
 */
import { FieldValue, type Query } from 'firebase-admin/firestore';
import { expectCode, useEmulator } from './harness';

const ctx = useEmulator('vectors', { clearBeforeEach: false });
const ids = async (q: Pick<Query, 'get'> | ReturnType<Query['findNearest']>) => (await q.get()).docs.map((d) => d.id);
const vec = () => ctx.db.collection('vec');

beforeAll(async () => {
  const batch = ctx.db.batch();
  const docs: Record<string, Record<string, unknown>> = {
    none: { g: 'a' },
    arr: { g: 'a', e: [10, 10] }, // a plain array, not a vector
    str: { g: 'a', e: 'not a vector' },
    d1: { g: 'a', e: FieldValue.vector([10]) }, // another dimension
    v1: { g: 'a', e: FieldValue.vector([1, 1]), m: { e: FieldValue.vector([1, 1]) } },
    v2: { g: 'a', e: FieldValue.vector([10, 0]), m: { e: FieldValue.vector([10, 0]) } },
    v3: { g: 'a', e: FieldValue.vector([20, 0]) },
    v4: { g: 'b', e: FieldValue.vector([100, 100]) },
    map: { g: 'a', e: { a: 1 } },
  };
  for (const [id, d] of Object.entries(docs)) batch.set(vec().doc(id), d);
  await batch.commit();
});

describe('vector values', () => {
  test('round-trip and equality filter', async () => {
    const snap = await vec().doc('v1').get();
    expect(snap.get('e').isEqual(FieldValue.vector([1, 1]))).toBe(true);
    expect(await ids(vec().where('e', '==', FieldValue.vector([10, 0])))).toEqual(['v2']);
  });

  test('vectors sort after arrays and before maps; by dimension, then element-wise', async () => {
    expect(await ids(vec().orderBy('e'))).toEqual(['str', 'arr', 'd1', 'v1', 'v2', 'v3', 'v4', 'map']);
  });
});

describe('findNearest', () => {
  const near = (measure: 'EUCLIDEAN' | 'COSINE' | 'DOT_PRODUCT', extra: Record<string, unknown> = {}, q: Query = vec()) =>
    q.findNearest({ vectorField: 'e', queryVector: [10, 10], limit: 3, distanceMeasure: measure, ...extra });

  test('EUCLIDEAN after filters, nearest first; other types and dimensions skipped', async () => {
    expect(await ids(near('EUCLIDEAN', {}, vec().where('g', '==', 'a')))).toEqual(['v2', 'v1', 'v3']);
    expect(await ids(near('EUCLIDEAN', { limit: 100 }))).toEqual(['v2', 'v1', 'v3', 'v4']);
  });

  test('COSINE and DOT_PRODUCT (largest first)', async () => {
    expect(await ids(near('COSINE', { limit: 2 }))).toEqual(['v1', 'v4']);
    expect(await ids(near('DOT_PRODUCT'))).toEqual(['v4', 'v3', 'v2']);
  });

  test('distanceResultField and distanceThreshold per measure', async () => {
    // Distances from [10, 10]: v2 10, v1 12.73, v3 14.14, v4 127.3.
    const snap = await near('EUCLIDEAN', { distanceResultField: 'dist', distanceThreshold: 13 }).get();
    expect(snap.docs.map((d) => d.id)).toEqual(['v2', 'v1']);
    expect(snap.docs[0]!.get('dist')).toBe(10);
    expect(snap.docs[1]!.get('dist')).toBeCloseTo(Math.hypot(9, 9), 12);
    // Dot products: v4 2000, v3 200, v2 100, v1 20; the threshold is a minimum.
    expect(await ids(near('DOT_PRODUCT', { distanceThreshold: 200, limit: 10 }))).toEqual(['v4', 'v3']);
    // Cosine distances: v1 and v4 0 (same direction), v2 and v3 0.29.
    expect(await ids(near('COSINE', { distanceThreshold: 0.01, limit: 10 }))).toEqual(['v1', 'v4']);
  });

  test('nested vector fields and select', async () => {
    const q = vec().select('g').findNearest({ vectorField: 'm.e', queryVector: [10, 10], limit: 5, distanceMeasure: 'EUCLIDEAN' });
    const snap = await q.get();
    expect(snap.docs.map((d) => d.id)).toEqual(['v2', 'v1']);
    expect(snap.docs[0]!.data()).toEqual({ g: 'a' });
  });

  test('limit must be 1..1000', async () => {
    await expectCode(near('EUCLIDEAN', { limit: 1001 }).get(), 3);
    expect(await ids(near('EUCLIDEAN', { limit: 1000 }))).toHaveLength(4);
  });
});
