/**
 * FirestoreLeaseStore's admission logic, with a repository whose leases the
 * test answers by hand, so "does a request wait for the round trip?" is a
 * question of promise order, not of timing. The store against real Firestore
 * and two app instances is in-process.test.ts.
 */
import { FirestoreLeaseStore } from '../../src/http/rate-limit.store';
import type { LeaseGrant, LeaseRequest, RateLimitRepository } from '../../src/http/rate-limit.repository';

/** A repository whose leases stay in flight until the test grants them. */
class HandAnsweredRepository {
  readonly requests: Array<{ request: LeaseRequest; answer: (grant: LeaseGrant) => void }> = [];
  lease(request: LeaseRequest): Promise<LeaseGrant> {
    return new Promise((resolve) => this.requests.push({ request, answer: resolve }));
  }
}

function storeWith(limit: number, leaseSize: number): { store: FirestoreLeaseStore; repo: HandAnsweredRepository } {
  const repo = new HandAnsweredRepository();
  const store = new FirestoreLeaseStore({ scope: 'user', limit, windowMs: 3_600_000, leaseSize, repository: repo as unknown as RateLimitRepository });
  return { store, repo };
}

/** Whether `promise` settles before the lease queue is touched again (microtasks only). */
async function settlesNow<T>(promise: Promise<T>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  return settled;
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('FirestoreLeaseStore', () => {
  it('admits a key\'s first requests on credit while its first lease is in flight, then waits', async () => {
    const { store, repo } = storeWith(100, 4);
    expect(await settlesNow(store.increment('k'))).toBe(true);
    expect(repo.requests).toHaveLength(0); // the first request defers the lease
    for (let i = 1; i < 4; i += 1) expect(await settlesNow(store.increment('k'))).toBe(true);
    expect(repo.requests).toHaveLength(1); // one lease in flight for the key, not one per request
    const fifth = store.increment('k');
    expect(await settlesNow(fifth)).toBe(false); // credit (leaseSize) used up: this one waits
    repo.requests[0]!.answer({ granted: 4, used: 4 });
    await flush();
    // The grant paid the four credited requests; the fifth leases again and waits for that.
    expect(repo.requests).toHaveLength(2);
    repo.requests[1]!.answer({ granted: 4, used: 8 });
    expect((await fifth).totalHits).toBeLessThanOrEqual(100);
  });

  it('refills ahead: a steady client never finds its tokens empty while leases answer', async () => {
    const { store, repo } = storeWith(1000, 10);
    void store.increment('k');
    void store.increment('k'); // the second request starts the first lease
    repo.requests[0]!.answer({ granted: 10, used: 10 });
    await flush();
    for (let i = 0; i < 50; i += 1) {
      expect(await settlesNow(store.increment('k'))).toBe(true);
      const open = repo.requests.at(-1)!;
      if (repo.requests.length > 1 && !('done' in open)) {
        Object.assign(open, { done: true });
        open.answer({ granted: 10, used: 10 * repo.requests.length });
        await flush();
      }
    }
    expect(repo.requests.length).toBeGreaterThan(4);
  });

  it('overshoot is at most leaseSize per instance: credit stops once a grant shows the counter used up', async () => {
    const { store, repo } = storeWith(10, 4);
    void store.increment('k');
    void store.increment('k'); // the second request starts the first lease
    repo.requests[0]!.answer({ granted: 4, used: 8 }); // another instance holds the rest; 2 units pay the 2 credited requests
    await flush();
    let admitted = 2;
    for (let i = 0; i < 2; i += 1) if ((await store.increment('k')).totalHits <= 10) admitted += 1;
    // Tokens at hand spent; the refill ahead is in flight: up to 4 more on credit.
    const onCredit = await Promise.all(Array.from({ length: 4 }, () => store.increment('k')));
    admitted += onCredit.filter((info) => info.totalHits <= 10).length;
    repo.requests[1]!.answer({ granted: 2, used: 10 }); // short: the counter is used up
    await flush();
    const after = await Promise.all(Array.from({ length: 5 }, () => store.increment('k')));
    expect(after.every((info) => info.totalHits > 10)).toBe(true);
    expect(repo.requests).toHaveLength(2); // refused locally, without further leases
    // 8 admitted for the 6 units this instance was granted: an overshoot of 2 ≤ leaseSize.
    expect(admitted).toBe(8);
  });

  it("a key's first request in a window starts no lease; the second starts one whose grant pays both", async () => {
    const { store, repo } = storeWith(100, 4);
    await store.increment('once');
    await store.increment('twice');
    expect(repo.requests).toHaveLength(0);
    await store.increment('twice');
    expect(repo.requests.map(({ request }) => request.want)).toEqual([4]);
    repo.requests[0]!.answer({ granted: 4, used: 4 });
    await flush();
    // 4 granted, 2 paid the credited requests: 2 tokens left, so 2 more go without a new lease ahead of need…
    await store.increment('twice');
    expect(repo.requests).toHaveLength(2); // …but spending one leaves 1 < 4/2: the refill ahead starts
    // 'once' has cost no lease so far (one request: the credit the bound allows); its second request starts one.
    expect((await store.increment('once')).totalHits).toBe(2);
    expect(repo.requests.filter(({ request }) => request.key !== repo.requests[0]!.request.key)).toHaveLength(1);
  });

  it('leaseSize 1 (small limits): the second request waits for the lease that pays the first', async () => {
    const { store, repo } = storeWith(10, 1);
    expect(await settlesNow(store.increment('k'))).toBe(true);
    const second = store.increment('k');
    expect(await settlesNow(second)).toBe(false);
    repo.requests[0]!.answer({ granted: 1, used: 1 });
    expect(await settlesNow(second)).toBe(true); // admitted on credit, with the next lease in flight
    expect(repo.requests).toHaveLength(2);
  });
});
