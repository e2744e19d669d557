/**
 * Usage analytics, pure parts: the in-memory counters (nothing dropped or
 * doubled by drain/restore), the route templates they count by, the meter's
 * cost (writes per flush, never per request) and the report's arithmetic.
 */
import type { Request } from 'express';
import { UsageCounters, dayOf, statusClassOf, type DayCounts } from '../../src/usage/usage.counters';
import { createUsageMeter, type UsageSink } from '../../src/usage/usage.meter';
import { operationOf, requestMetering } from '../../src/http/request-metering';
import { buildUsageReport, daysBetween, kycFunnel, percentile } from '../../src/usage/usage.report';

const at = new Date('2025-01-31T10:00:00Z');

test('status classes and UTC days', () => {
  expect([200, 204, 301, 404, 429, 500, 503].map(statusClassOf)).toEqual(['2xx', '2xx', '3xx', '4xx', '4xx', '5xx', '5xx']);
  expect(dayOf(new Date('2025-01-31T23:59:59.999Z'))).toBe('2025-01-31');
});

test('counters: by operation and class, by API key, 429s; drain hands out everything once; restore gives it back', () => {
  const counters = new UsageCounters();
  counters.record({ at, operation: 'GET /v1/me', status: 200 });
  counters.record({ at, operation: 'GET /v1/me', status: 200 });
  counters.record({ at, operation: 'GET /v1/admin/users', status: 429, apiKeyId: 'k1' });
  counters.record({ at: new Date('2025-02-01T00:00:00Z'), operation: 'unmatched', status: 404 });
  expect(counters.pending).toBe(4);
  const batch = counters.drain();
  expect(counters.pending).toBe(0);
  expect(batch.requests).toBe(4);
  expect(batch.days.get('2025-01-31')).toEqual({ requests: { 'GET /v1/me': { '2xx': 2 }, 'GET /v1/admin/users': { '4xx': 1 } }, rateLimited: 1, apiKeys: { k1: { '4xx': 1 } } });
  expect(counters.drain().days.size).toBe(0);

  counters.record({ at, operation: 'GET /v1/me', status: 200 });
  counters.restore(batch);
  const again = counters.drain();
  expect(again.requests).toBe(5);
  expect(again.days.get('2025-01-31')?.requests['GET /v1/me']).toEqual({ '2xx': 3 });
  expect(again.days.get('2025-02-01')?.requests.unmatched).toEqual({ '4xx': 1 });
});

test('operations are route templates, never raw paths', () => {
  const req = (method: string, originalUrl: string, path?: string) => ({ method, originalUrl, route: path === undefined ? undefined : { path } }) as unknown as Request;
  expect(operationOf(req('GET', '/v1/admin/users/abc123?x=1', '/users/:uid'))).toBe('GET /v1/admin/users/:uid');
  expect(operationOf(req('POST', '/v1/admin/kyc/kc_1/decision', '/admin/kyc/:caseId/decision'))).toBe('POST /v1/admin/kyc/:caseId/decision');
  expect(operationOf(req('GET', '/v1/me', '/me'))).toBe('GET /v1/me');
  expect(operationOf(req('GET', '/v1/me/', '/me'))).toBe('GET /v1/me');
  expect(operationOf(req('GET', '/v1/no/such/route'))).toBe('unmatched');
});

class RecordingSink implements UsageSink {
  writes: Array<Map<string, DayCounts>> = [];
  failNext = false;
  async add(days: Map<string, DayCounts>): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('unavailable');
    }
    this.writes.push(days);
  }
}

/** Drive the metering middleware with a minimal finished response. */
function finish(meter: ReturnType<typeof createUsageMeter>, status: number): void {
  const listeners: Array<() => void> = [];
  const res = { statusCode: status, locals: {}, once: (_event: string, fn: () => void) => listeners.push(fn) };
  requestMetering(() => meter)({ method: 'GET', originalUrl: '/v1/me', route: { path: '/me' }, socket: {} } as unknown as Request, res as never, () => undefined);
  for (const fn of listeners) fn();
}

test('cost: 1,000 requests make no write until the flush, then one write', async () => {
  const sink = new RecordingSink();
  const meter = createUsageMeter(() => sink, { intervalMs: 60_000, now: () => at });
  for (let i = 0; i < 1_000; i += 1) finish(meter, 200);
  expect(sink.writes).toHaveLength(0);
  await meter.flush();
  expect(sink.writes).toHaveLength(1);
  expect(sink.writes[0].get('2025-01-31')?.requests['GET /v1/me']).toEqual({ '2xx': 1_000 });
  await meter.flush();
  expect(sink.writes).toHaveLength(1); // nothing pending: no empty write
});

test('accuracy: a failed write is retried with the next flush, nothing lost', async () => {
  const sink = new RecordingSink();
  const failures: number[] = [];
  const meter = createUsageMeter(() => sink, { intervalMs: 60_000, now: () => at, onFlushFailure: (requests) => failures.push(requests) });
  for (let i = 0; i < 10; i += 1) finish(meter, 200);
  sink.failNext = true;
  await meter.flush();
  expect(failures).toEqual([10]);
  expect(sink.writes).toHaveLength(0);
  finish(meter, 500);
  await meter.flush();
  expect(sink.writes[0].get('2025-01-31')?.requests['GET /v1/me']).toEqual({ '2xx': 10, '5xx': 1 });
});

test('the interval flushes on its own after the first request', async () => {
  const sink = new RecordingSink();
  const meter = createUsageMeter(() => sink, { intervalMs: 20, now: () => at });
  finish(meter, 200);
  finish(meter, 201);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(sink.writes).toHaveLength(1);
  expect(meter.counters.pending).toBe(0);
});

test('percentiles (nearest rank) and day ranges', () => {
  expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
  expect(percentile([7], 95)).toBe(7);
  expect(daysBetween('2025-01-30', '2025-02-02')).toEqual(['2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02']);
  expect(daysBetween('2025-02-02', '2025-02-01')).toEqual([]);
});

test('KYC funnel: decided, open, reviewer share, time to decision', () => {
  const c = (status: string, createdAt: string, decidedAt: string | null, decidedBy: 'provider' | 'reviewer' | null) => ({ status, createdAt, decidedAt, decidedBy });
  const funnel = kycFunnel(
    [
      c('approved', '2025-01-31T10:00:00Z', '2025-01-31T10:00:10Z', 'provider'),
      c('rejected', '2025-01-31T10:00:00Z', '2025-01-31T10:01:40Z', 'reviewer'),
      c('on_hold', '2025-01-31T10:00:00Z', '2025-01-31T10:00:05Z', 'provider'),
      c('submitted', '2025-01-31T10:00:00Z', null, null),
      c('expired', '2025-01-31T10:00:00Z', null, null),
    ],
    false,
  );
  expect(funnel).toEqual({ submitted: 5, decided: 2, open: 2, decidedByReviewer: 1, reviewerShare: 0.5, timeToDecisionSeconds: { p50: 10, p95: 100 }, casesExamined: 5, truncated: false });
  expect(kycFunnel([], false)).toMatchObject({ decided: 0, reviewerShare: null, timeToDecisionSeconds: null });
});

test('report: every day of the range, totals added up', () => {
  const stored = new Map<string, DayCounts>([
    ['2025-01-30', { requests: { 'GET /v1/me': { '2xx': 3 } }, rateLimited: 0, apiKeys: {} }],
    ['2025-01-31', { requests: { 'GET /v1/me': { '2xx': 1, '4xx': 2 } }, rateLimited: 2, apiKeys: { k1: { '2xx': 1 } } }],
  ]);
  const report = buildUsageReport({ from: '2025-01-29', to: '2025-01-31', stored, cases: [], truncated: false, flushIntervalSeconds: 30 });
  expect(report.days.map((d) => d.day)).toEqual(['2025-01-29', '2025-01-30', '2025-01-31']);
  expect(report.days[0]).toEqual({ day: '2025-01-29', requests: [], rateLimited: 0, apiKeys: [] });
  expect(report.totals.requests).toEqual([
    { operation: 'GET /v1/me', statusClass: '2xx', count: 4 },
    { operation: 'GET /v1/me', statusClass: '4xx', count: 2 },
  ]);
  expect(report.totals.rateLimited).toBe(2);
  expect(report.totals.apiKeys).toEqual([{ keyId: 'k1', statusClass: '2xx', count: 1 }]);
});

test('an app whose server closed schedules no more flushes', async () => {
  const { EventEmitter } = await import('node:events');
  const server = new EventEmitter();
  const sink = new RecordingSink();
  const meter = createUsageMeter(() => sink, { intervalMs: 20, now: () => at });
  const res = { statusCode: 200, locals: {}, once: (_event: string, fn: () => void) => fn() };
  const req = { method: 'GET', originalUrl: '/v1/me', route: { path: '/me' }, socket: { server } } as unknown as Request;
  server.emit('close');
  requestMetering(() => meter)(req, res as never, () => undefined); // watches the server from now on
  server.emit('close');
  requestMetering(() => meter)(req, res as never, () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 80));
  expect(sink.writes).toHaveLength(0);
  expect(meter.counters.pending).toBe(2);
});
