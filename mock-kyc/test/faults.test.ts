import { verifySignature } from '../src/signature';
import { applicantBody, createCheck, SECRET, sleep, startMock, startReceiver, waitFor } from './helpers';

describe('fault injection', () => {
  let mk: Awaited<ReturnType<typeof startMock>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const forCase = (caseId: string) => receiver.received.filter((r) => r.body.caseId === caseId);

  beforeAll(async () => {
    receiver = await startReceiver();
    mk = await startMock({ seed: 1234, timeoutHangMs: 300, lateRedDelayMs: 30 });
  });
  afterEach(async () => {
    await mk.api('DELETE', '/v1/sandbox/faults');
  });
  afterAll(async () => {
    await mk.stop();
    await receiver.close();
  });

  it('starts with no faults and validates settings', async () => {
    expect((await mk.api('GET', '/v1/sandbox/faults')).body).toEqual({ errorRate: 0, latencyMs: 0, timeoutRate: 0, duplicateRate: 0, outOfOrderRate: 0, seed: 1234 });
    const bad = await mk.api('PUT', '/v1/sandbox/faults', { errorRate: 2, latencyMs: -1, errorrate: 1 });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['errorRate', 'errorrate', 'latencyMs']);
  });

  it('errorRate 1 → every API request answers 500/503 problem+json; the control plane still works; DELETE resets', async () => {
    const set = await mk.api('PUT', '/v1/sandbox/faults', { errorRate: 1 });
    expect(set.body).toMatchObject({ errorRate: 1, duplicateRate: 0 });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i += 1) {
      const res = await mk.api('POST', '/v1/applicants', applicantBody(), { 'Idempotency-Key': 'faulty-1' });
      expect([500, 503]).toContain(res.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(res.status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR');
      if (res.status === 503) expect(res.headers.get('retry-after')).toBe('1');
      statuses.add(res.status);
    }
    expect(statuses.size).toBe(2);
    expect((await mk.api('GET', '/v1/deliveries')).status).toBe(200);

    const reset = await mk.api('DELETE', '/v1/sandbox/faults');
    expect(reset.body.errorRate).toBe(0);
    // The failed attempts stored nothing under the key, so the retry creates the applicant.
    const ok = await mk.api('POST', '/v1/applicants', applicantBody(), { 'Idempotency-Key': 'faulty-1' });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
  });

  it('is reproducible: the same seed gives the same fault sequence', async () => {
    const run = async () => {
      await mk.api('PUT', '/v1/sandbox/faults', { errorRate: 0.5, seed: 7 });
      const out: number[] = [];
      for (let i = 0; i < 16; i += 1) out.push((await mk.api('GET', '/v1/checks/chk_nope')).status);
      return out;
    };
    const first = await run();
    expect(new Set(first).has(404)).toBe(true);
    expect(first.some((s) => s >= 500)).toBe(true);
    expect(await run()).toEqual(first);
  });

  it('latencyMs delays API responses', async () => {
    await mk.api('PUT', '/v1/sandbox/faults', { latencyMs: 150 });
    const started = Date.now();
    expect((await mk.api('GET', '/v1/checks/chk_nope')).status).toBe(404);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('timeoutRate 1 → the request is processed but never answered, then dropped', async () => {
    await mk.api('PUT', '/v1/sandbox/faults', { timeoutRate: 1 });
    const key = { 'Idempotency-Key': 'lost-response-1' };
    await expect(mk.api('POST', '/v1/applicants', applicantBody(), { ...key })).rejects.toThrow(); // dropped after 300 ms
    const aborted = fetch(`${mk.url}/v1/checks/chk_nope`, { headers: { Authorization: 'Bearer demo-nff-local-kyc-token' }, signal: AbortSignal.timeout(100) });
    await expect(aborted).rejects.toThrow();

    await mk.api('DELETE', '/v1/sandbox/faults');
    const retry = await mk.api('POST', '/v1/applicants', applicantBody(), key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true'); // it had been created
  });

  it('duplicateRate 1 → the same event id is delivered twice, both correctly signed', async () => {
    await mk.api('PUT', '/v1/sandbox/faults', { duplicateRate: 1 });
    const { check } = await createCheck(mk.api, receiver.url, {}, 'case-dup');
    await waitFor(() => forCase('case-dup').length === 2, 3000, 'two copies');
    const [a, b] = forCase('case-dup');
    expect(a!.body.id).toBe(b!.body.id);
    expect(a!.rawBody).toBe(b!.rawBody);
    for (const r of [a!, b!]) expect(verifySignature(r.signature, r.rawBody, SECRET, Math.floor(Date.now() / 1000))).toBe(true);
    await sleep(60);
    expect(forCase('case-dup')).toHaveLength(2);
    const log = (await mk.api('GET', `/v1/deliveries?checkId=${check.id}`)).body.data;
    expect(log.map((d: { copy: string }) => d.copy).sort()).toEqual(['duplicate', 'original']);
  });

  it('outOfOrderRate 1 → an older event arrives after a newer one', async () => {
    await mk.api('PUT', '/v1/sandbox/faults', { outOfOrderRate: 1 });
    await createCheck(mk.api, receiver.url, { lastName: 'Late' }, 'case-ooo');
    await waitFor(() => forCase('case-ooo').length === 2, 3000, 'both events');
    const [first, second] = forCase('case-ooo');
    expect(first!.body.review.answer).toBe('RED');
    expect(second!.body.review.answer).toBe('GREEN');
    expect(second!.body.createdAt < first!.body.createdAt).toBe(true);
  });

  it('outOfOrderRate 1 with a single event still delivers it after the maximum hold', async () => {
    await mk.api('PUT', '/v1/sandbox/faults', { outOfOrderRate: 1 });
    const started = Date.now();
    await createCheck(mk.api, receiver.url, {}, 'case-held');
    await waitFor(() => forCase('case-held').length === 1, 3000, 'held event');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450); // outOfOrderMaxHoldMs 500 in tests
  });
});
