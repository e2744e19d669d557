/**
 * GET /v1/admin/usage against the stack: who may read it, the range checks,
 * and that traffic shows up — exactly, for a key of its own — once the
 * instances flushed (the serving instance flushes before it reads; the
 * others within USAGE_FLUSH_SECONDS). Rate-limit refusals are counted too
 * (in-process app with a tiny per-IP budget).
 */
import { api } from '../../../test/http';
import { documentedStatuses } from '../../../test/contract';
import { bearer, createTestUser, type TestUser } from '../../../test/identities';
import { eventually } from '../../../test/firestore';
import { newIp, serveInProcess } from '../../../test/in-process';
import { createKey } from '../apikeys/api-keys.helpers';

const USAGE = '/v1/admin/usage';

interface Report {
  from: string;
  to: string;
  days: Array<{ day: string }>;
  totals: { requests: Array<{ operation: string; statusClass: string; count: number }>; rateLimited: number; apiKeys: Array<{ keyId: string; statusClass: string; count: number }> };
  kycFunnel: { submitted: number; decided: number; open: number; decidedByReviewer: number; reviewerShare: number | null; casesExamined: number };
  counting: { flushIntervalSeconds: number };
}

let admin: TestUser;
let support: TestUser;

beforeAll(async () => {
  [admin, support] = await Promise.all([createTestUser({ roles: ['admin'] }), createTestUser({ roles: ['support'] })]);
}, 120_000);

const count = (report: Report, operation: string, statusClass: string): number => report.totals.requests.find((r) => r.operation === operation && r.statusClass === statusClass)?.count ?? 0;

test('200: a week by default, every day listed, the KYC funnel consistent', async () => {
  const response = await api<Report>(USAGE, { headers: bearer(admin.idToken) });
  expect(response.status).toBe(200);
  const { body } = response;
  expect(body.days).toHaveLength(7);
  expect(body.days[6].day).toBe(body.to);
  expect(body.to).toBe(new Date().toISOString().slice(0, 10));
  expect(body.counting.flushIntervalSeconds).toBeGreaterThan(0);
  expect(body.kycFunnel.decided + body.kycFunnel.open).toBeLessThanOrEqual(body.kycFunnel.submitted);
  expect(body.kycFunnel.decidedByReviewer).toBeLessThanOrEqual(body.kycFunnel.decided);
  expect(response.headers.get('cache-control')).toBe('private, no-store');
});

test('requests with an API key are counted exactly, by operation, status class and key', async () => {
  const key = await createKey(admin.idToken, { name: 'usage-test', scopes: ['users:read'] });
  for (let i = 0; i < 3; i += 1) expect((await api('/v1/admin/users?limit=1', { headers: { 'x-api-key': key.secret } })).status).toBe(200);
  expect((await api('/v1/admin/users/someone', { operation: '/v1/admin/users/{uid}', headers: { 'x-api-key': key.secret } })).status).toBe(403);
  const report = await eventually(
    'the key traffic to be flushed',
    async () => {
      const { body } = await api<Report>(USAGE, { headers: bearer(admin.idToken) });
      const mine = body.totals.apiKeys.filter((row) => row.keyId === key.id);
      return mine.reduce((sum, row) => sum + row.count, 0) >= 4 ? body : undefined;
    },
    75_000,
  );
  expect(report.totals.apiKeys.filter((row) => row.keyId === key.id).sort((a, b) => a.statusClass.localeCompare(b.statusClass))).toEqual([
    { keyId: key.id, statusClass: '2xx', count: 3 },
    { keyId: key.id, statusClass: '4xx', count: 1 },
  ]);
  expect(count(report, 'GET /v1/admin/users', '2xx')).toBeGreaterThanOrEqual(3);
  expect(count(report, 'GET /v1/admin/users/:uid', '4xx')).toBeGreaterThanOrEqual(1);
}, 90_000);

test('rate-limit refusals are counted (per-IP budget of 2, in-process app)', async () => {
  const app = await serveInProcess({ rateLimits: { perMinuteIp: 2 } });
  try {
    const asAdmin = { headers: { ...bearer(admin.idToken), 'X-Forwarded-For': newIp() } };
    const before = (await app.call<Report>(USAGE, asAdmin)).body;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await app.call('/v1/health')).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const after = (await app.call<Report>(USAGE, { headers: { ...bearer(admin.idToken), 'X-Forwarded-For': newIp() } })).body;
    expect(after.totals.rateLimited - before.totals.rateLimited).toBeGreaterThanOrEqual(2);
    expect(count(after, 'unmatched', '4xx') - count(before, 'unmatched', '4xx')).toBeGreaterThanOrEqual(2);
  } finally {
    await app.close();
  }
});

test('400 for a malformed day, a reversed range or more than 31 days', async () => {
  for (const query of ['from=2025-13-01', 'from=2025-02-02&to=2025-02-01', 'from=2025-01-01&to=2025-03-01', 'extra=1']) {
    const response = await api<{ code: string }>(`${USAGE}?${query}`, { operation: USAGE, headers: bearer(admin.idToken) });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  }
});

test('401 without credentials; 403 for support and for API keys', async () => {
  expect((await api<{ code: string }>(USAGE)).body.code).toBe('UNAUTHENTICATED');
  expect((await api(USAGE, { headers: bearer(support.idToken) })).status).toBe(403);
  const key = await createKey(admin.idToken, { name: 'usage-403', scopes: ['users:read', 'audit:read'] });
  expect((await api(USAGE, { headers: { 'x-api-key': key.secret } })).status).toBe(403);
});

test('the contract documents exactly the statuses these suites exercise', () => {
  // 413 and 415: functions/test/http/every-operation*.test.ts; 429 and 500 as for every operation (rate-limit suites).
  expect(documentedStatuses(USAGE, 'get').sort()).toEqual(['200', '400', '401', '403', '413', '415', '429', '500']);
});
