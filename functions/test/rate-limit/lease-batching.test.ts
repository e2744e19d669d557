/**
 * RateLimitRepository against the Firestore emulator: leases asked for while
 * a batch is in flight go out together (one commit and one read for the
 * batch), and each grant is what the lease would have got alone. RPCs are
 * counted from firebase-admin's request log, as proof/bench does.
 */
import { randomUUID } from 'node:crypto';
import { setLogFunction } from 'firebase-admin/firestore';
import { RateLimitRepository, type LeaseRequest } from '../../src/http/rate-limit.repository';
import { testDb } from '../../../test/firestore';

const HOUR_MS = 3_600_000;
const windowStartMs = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
const request = (key: string, want: number, limit = 100): LeaseRequest => ({ key, scope: 'test', windowStartMs, windowMs: HOUR_MS, limit, want });

/** Commits and batch reads firebase-admin sends while `fn` runs. */
async function rpcsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; commits: number; reads: number }> {
  let commits = 0;
  let reads = 0;
  setLogFunction((line) => {
    const at = line.indexOf('Sending request: ');
    if (at < 0) return;
    const body = line.slice(at + 17, at + 417);
    if (body.includes('"writes"')) commits += 1;
    else if (body.includes('"documents"')) reads += 1;
  });
  try {
    const result = await fn();
    return { result, commits, reads };
  } finally {
    setLogFunction(null);
  }
}

describe('RateLimitRepository leases', () => {
  it('30 clients at once: the first lease alone, the 29 asked during its flight in one batch; every grant full', async () => {
    const repository = new RateLimitRepository(testDb);
    const keys = Array.from({ length: 30 }, () => randomUUID());
    const { result: grants, commits, reads } = await rpcsDuring(() => Promise.all(keys.map((key) => repository.lease(request(key, 10)))));
    expect(grants).toEqual(keys.map(() => ({ granted: 10, used: 10 })));
    expect(commits).toBe(2);
    expect(reads).toBe(2);
    const stored = await Promise.all(keys.map((key) => testDb().doc(`rateLimits/test_${key}_${HOUR_MS}_${windowStartMs}`).get()));
    expect(stored.map((doc) => doc.get('count'))).toEqual(keys.map(() => 10));
  });

  it('leases of one counter in one batch never grant more than the limit together', async () => {
    const repository = new RateLimitRepository(testDb);
    const key = randomUUID();
    await repository.lease(request(key, 4, 10)); // 4 of 10 used
    // Three leases of 4 queued behind a lease of another key: they share the next batch.
    const [, ...grants] = await Promise.all([repository.lease(request(randomUUID(), 1)), ...[1, 2, 3].map(() => repository.lease(request(key, 4, 10)))]);
    const granted = grants.reduce((sum, grant) => sum + grant.granted, 0);
    expect(granted).toBeLessThanOrEqual(6);
    expect(grants.every((grant) => grant.used === 10)).toBe(true);
  });

  it('a failed batch rejects each of its leases (the store then fails open and logs)', async () => {
    const repository = new RateLimitRepository(testDb);
    const slash = `${randomUUID()}/x`; // names a collection, not a document: the batch fails before it is sent
    const leases = [repository.lease(request(randomUUID(), 1)), repository.lease(request(randomUUID(), 1)), repository.lease(request(slash, 1))];
    const outcomes = await Promise.allSettled(leases);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']); // the 2nd shared the failed batch
    // The repository is not stuck: the next lease goes out.
    await expect(repository.lease(request(randomUUID(), 2))).resolves.toEqual({ granted: 2, used: 2 });
  });

  it('batches start at least spacingMs apart: leases asked meanwhile wait and share one batch', async () => {
    const spacingMs = 300;
    const repository = new RateLimitRepository(testDb, spacingMs);
    const { result: startedLate, commits, reads } = await rpcsDuring(async () => {
      const first = Date.now();
      await repository.lease(request(randomUUID(), 1)); // after a quiet spell: sent at once
      // Asked after the first came back, so nothing is in flight: only the spacing holds them.
      const [a, b] = await Promise.all([repository.lease(request(randomUUID(), 1)), repository.lease(request(randomUUID(), 1))]);
      expect([a, b]).toEqual([{ granted: 1, used: 1 }, { granted: 1, used: 1 }]);
      return Date.now() - first;
    });
    expect(commits).toBe(2);
    expect(reads).toBe(2);
    expect(startedLate).toBeGreaterThanOrEqual(spacingMs);
  });
});
