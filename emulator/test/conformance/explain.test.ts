/**
 * Query explain: explain() / explainStream() on queries and aggregations,
 * plan only (no results) and with analyze (results plus execution statistics).
 * Exact index names and figures differ between emulators, so only their
 * presence and the measured result counts are asserted.
 */
import { AggregateField } from 'firebase-admin/firestore';
import { useEmulator } from './harness';

const ctx = useEmulator('explain', { clearBeforeEach: false });
const col = () => ctx.db.collection('ex');

beforeAll(async () => {
  const batch = ctx.db.batch();
  [1, 2, 1, 3].forEach((foo, i) => batch.set(col().doc(`d${i}`), { foo }));
  await batch.commit();
});

describe('explain', () => {
  test('plan only: indexes used, no statistics and no snapshot', async () => {
    const res = await col().where('foo', '>', 1).explain();
    expect(res.metrics.planSummary.indexesUsed.length).toBeGreaterThan(0);
    expect(res.metrics.executionStats).toBeNull();
    expect(res.snapshot).toBeNull();
  });

  test('analyze: the results and their statistics', async () => {
    const res = await col().where('foo', '==', 1).explain({ analyze: true });
    expect(res.snapshot?.docs.map((d) => d.id)).toEqual(['d0', 'd2']);
    const stats = res.metrics.executionStats!;
    expect(stats.resultsReturned).toBe(2);
    expect(stats.readOperations).toBeGreaterThan(0);
    expect(stats.executionDuration.seconds > 0 || stats.executionDuration.nanoseconds > 0).toBe(true);
    expect(Object.keys(stats.debugStats).length).toBeGreaterThan(0);
  });

  test('analyze with no match still reports statistics', async () => {
    const res = await col().where('foo', '==', 99).explain({ analyze: true });
    expect(res.snapshot?.size).toBe(0);
    expect(res.metrics.executionStats?.resultsReturned).toBe(0);
  });

  test('explainStream with analyze: metrics ride on the last document', async () => {
    const seen: Array<{ document?: unknown; metrics?: unknown }> = [];
    await new Promise<void>((resolve, reject) => {
      col().where('foo', '==', 1).explainStream({ analyze: true })
        .on('data', (d: { document?: unknown; metrics?: unknown }) => seen.push(d))
        .on('end', resolve).on('error', reject);
    });
    expect(seen.filter((d) => d.document)).toHaveLength(2);
    expect(seen.filter((d) => d.metrics)).toHaveLength(1);
  });

  test('aggregations: plan only, and analyze with the result', async () => {
    const plan = await col().where('foo', '>', 0).count().explain();
    expect(plan.snapshot).toBeNull();
    expect(plan.metrics.planSummary.indexesUsed.length).toBeGreaterThan(0);
    const res = await col().aggregate({ n: AggregateField.count(), s: AggregateField.sum('foo') }).explain({ analyze: true });
    expect(res.snapshot?.data()).toEqual({ n: 4, s: 7 });
    expect(res.metrics.executionStats?.resultsReturned).toBe(1);
  });
});
