/**
 * Rate limits with tiny limits, on apps built in-process with createApp()
 * (the Functions emulator runs the demo project's generous limits) and served
 * on ephemeral ports, all sharing the stack's Firestore emulator, as function
 * instances share Firestore in production. Also exercises the 429 and 500
 * responses of the api-keys and audit-logs operations against openapi.yaml.
 *
 * Each test uses its own client IP (X-Forwarded-For; app.ts trusts the proxy)
 * and its own identities, so counters never collide between tests; windows
 * are one hour long so no test straddles a window boundary.
 */
import { createHash, randomInt } from 'node:crypto';
import { FieldPath } from 'firebase-admin/firestore';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../src/app';
import { createServices, productionPlatform, type Services } from '../../src/composition';
import type { RateLimitConfig } from '../../src/config';
import { unreachableFirestore } from '../../../test/services';
import { loggedEvents } from '../../../test/logs';
import { assertMatchesContract } from '../../../test/contract';
import { bearer, createTestUser } from '../../../test/identities';
import { testDb } from '../../../test/firestore';
import { createKey } from '../apikeys/api-keys.helpers';

const HOUR_MS = 3_600_000;
const generous: RateLimitConfig = { perMinuteUser: 1000, perMinuteApiKey: 1000, perMinuteIp: 10_000, windowMs: HOUR_MS };
const servers: Server[] = [];

async function serve(rateLimits: Partial<RateLimitConfig>, services?: Services): Promise<string> {
  const app = createApp({ config: { corsAllowedOrigins: [], maxBodyBytes: 65_536, rateLimits: { ...generous, ...rateLimits } }, services });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A client IP of its own for each test. */
const newIp = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

interface Result {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Result> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: /json/.test(response.headers.get('content-type') ?? '') && text ? (JSON.parse(text) as unknown) : text };
}

function expectRateLimited(result: Result, limit: number): void {
  expect(result.status).toBe(429);
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(result.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: 'https://novafacies.dev/problems/rate-limited' });
  const retryAfter = Number(result.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(HOUR_MS / 1000);
  expect(result.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(result.headers.get('ratelimit-remaining')).toBe('0');
}

describe('per IP, before authentication', () => {
  it('RateLimit-* on every response (200, 401, 404), counting down', async () => {
    const base = await serve({ perMinuteIp: 50 });
    const ip = { 'X-Forwarded-For': newIp() };
    const results = [await call(base, '/v1/health', { headers: ip }), await call(base, '/v1/admin/audit-logs', { headers: ip }), await call(base, '/v1/nothing', { headers: ip })];
    expect(results.map((result) => result.status)).toEqual([200, 401, 404]);
    results.forEach((result, index) => {
      expect(result.headers.get('ratelimit-limit')).toBe('50');
      expect(result.headers.get('ratelimit-remaining')).toBe(String(49 - index));
      expect(result.headers.get('ratelimit-policy')).toBe(`50;w=${HOUR_MS / 1000}`);
      expect(Number(result.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(HOUR_MS / 1000);
    });
  });

  it('the request past the limit → 429 RATE_LIMITED with Retry-After; another IP is unaffected', async () => {
    const base = await serve({ perMinuteIp: 3 });
    const ip = { 'X-Forwarded-For': newIp() };
    for (let i = 0; i < 3; i += 1) expect((await call(base, '/v1/health', { headers: ip })).status).toBe(200);
    expectRateLimited(await call(base, '/v1/health', { headers: ip }), 3);
    // Refused before authentication: even a request with no credentials is 429, not 401.
    expectRateLimited(await call(base, '/v1/admin/audit-logs', { headers: ip }), 3);
    expect((await call(base, '/v1/health', { headers: { 'X-Forwarded-For': newIp() } })).status).toBe(200);
  });
});

describe('per principal, after authentication', () => {
  it('per user: counted by uid, not by IP', async () => {
    const base = await serve({ perMinuteUser: 2 });
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const ip = newIp();
    const asAlice = (from: string) => call(base, '/v1/admin/api-keys', { headers: { ...bearer(alice.idToken), 'X-Forwarded-For': from } });
    for (let i = 0; i < 2; i += 1) {
      const result = await asAlice(ip);
      expect(result.status).toBe(403);
      expect(result.headers.get('ratelimit-limit')).toBe('2');
      expect(result.headers.get('ratelimit-remaining')).toBe(String(1 - i));
    }
    expectRateLimited(await asAlice(ip), 2);
    expectRateLimited(await asAlice(newIp()), 2);
    expect((await call(base, '/v1/admin/api-keys', { headers: { ...bearer(bob.idToken), 'X-Forwarded-For': ip } })).status).toBe(403);
  });

  it('per API key: counted by key id', async () => {
    const base = await serve({ perMinuteApiKey: 2 });
    const admin = await createTestUser({ roles: ['admin'] });
    const [first, second] = [await createKey(admin.idToken, { name: 'k1', scopes: ['audit:read'] }), await createKey(admin.idToken, { name: 'k2', scopes: ['audit:read'] })];
    const ip = { 'X-Forwarded-For': newIp() };
    for (let i = 0; i < 2; i += 1) expect((await call(base, '/v1/admin/audit-logs?limit=1', { headers: { ...ip, 'X-API-Key': first.secret } })).status).toBe(200);
    const limited = await call(base, '/v1/admin/audit-logs?limit=1', { headers: { ...ip, 'X-API-Key': first.secret } });
    expectRateLimited(limited, 2);
    assertMatchesContract('/v1/admin/audit-logs', 'GET', limited, limited.body);
    expect((await call(base, '/v1/admin/audit-logs?limit=1', { headers: { ...ip, 'X-API-Key': second.secret } })).status).toBe(200);
  });

  it('the headers describe whichever limit has fewer requests left', async () => {
    const base = await serve({ perMinuteIp: 5, perMinuteUser: 100 });
    const someone = await createTestUser();
    const result = await call(base, '/v1/admin/api-keys', { headers: { ...bearer(someone.idToken), 'X-Forwarded-For': newIp() } });
    expect(result.headers.get('ratelimit-limit')).toBe('5');
    expect(result.headers.get('ratelimit-remaining')).toBe('4');
  });
});

describe('429 and 500 of the api-keys and audit-logs operations, against the contract', () => {
  const operations = [
    { method: 'POST', path: '/v1/admin/api-keys', operation: '/v1/admin/api-keys', body: { name: 'x', scopes: ['users:read'] } },
    { method: 'GET', path: '/v1/admin/api-keys', operation: '/v1/admin/api-keys' },
    { method: 'DELETE', path: '/v1/admin/api-keys/0123456789abcdef', operation: '/v1/admin/api-keys/{id}' },
    { method: 'GET', path: '/v1/admin/audit-logs', operation: '/v1/admin/audit-logs' },
  ];

  it('429 RATE_LIMITED on each', async () => {
    const base = await serve({ perMinuteUser: 1 });
    const admin = await createTestUser({ roles: ['admin'] });
    const headers = { ...bearer(admin.idToken), 'X-Forwarded-For': newIp() };
    expect((await call(base, '/v1/admin/api-keys', { headers })).status).toBe(200);
    for (const op of operations) {
      const result = await call(base, op.path, { method: op.method, headers, body: op.body });
      expectRateLimited(result, 1);
      assertMatchesContract(op.operation, op.method, result, result.body);
    }
  });

  it('500 INTERNAL on each when storage fails, with no internal detail in the body', async () => {
    const services = createServices({ ...productionPlatform(), db: unreachableFirestore('firestore unavailable: internal-detail-42') });
    const base = await serve({}, services);
    const admin = await createTestUser({ roles: ['admin'] });
    for (const op of operations) {
      const result = await call(base, op.path, { method: op.method, headers: { ...bearer(admin.idToken), 'X-Forwarded-For': newIp() }, body: op.body });
      expect(result.status).toBe(500);
      expect(result.body).toMatchObject({ code: 'INTERNAL' });
      expect(JSON.stringify(result.body)).not.toContain('internal-detail-42');
      assertMatchesContract(op.operation, op.method, result, result.body);
    }
    // The cause is logged (never sent): one unhandled_error per request, naming it.
    const logged = loggedEvents('unhandled_error').filter((entry) => JSON.stringify(entry.error).includes('internal-detail-42'));
    expect(logged.length).toBeGreaterThanOrEqual(operations.length);
  });
});

describe('across instances', () => {
  /*
   * The invariant of http/rate-limit.store.ts: instances sharing Firestore
   * admit at most limit + leaseSize · instances requests per client and
   * window in total (requests admitted on credit while the lease that found
   * the counter used up was in flight), and at least
   * limit − (2 · leaseSize − 1) · instances to a client that keeps them all busy.
   */
  it('two app instances together exceed the limit by at most leaseSize each', async () => {
    const limit = 40;
    const leaseSize = 4;
    const config = { perMinuteUser: limit, leaseSize };
    const [first, second] = [await serve(config), await serve(config)];
    const caller = await createTestUser();
    const headers = { ...bearer(caller.idToken), 'X-Forwarded-For': newIp() };

    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => call(i % 2 === 0 ? first : second, '/v1/admin/api-keys', { headers })));
    const admitted = burst.filter((result) => result.status !== 429);
    expect(admitted.every((result) => result.status === 403)).toBe(true);
    expect(admitted.length).toBeLessThanOrEqual(limit + leaseSize * 2);
    expect(admitted.length).toBeGreaterThanOrEqual(limit - (2 * leaseSize - 1) * 2);
    for (const refused of burst.filter((result) => result.status === 429)) expectRateLimited(refused, limit);

    // Later requests to either instance stay refused for the rest of the window.
    for (const base of [first, second, first, second]) expectRateLimited(await call(base, '/v1/admin/api-keys', { headers }), limit);

    // The shared counter holds every admitted unit, and neither the uid nor the IP in clear.
    const prefix = `user_${createHash('sha256').update(caller.uid).digest('hex').slice(0, 40)}_${HOUR_MS}_`;
    const counters = await testDb().collection('rateLimits').where(FieldPath.documentId(), '>=', prefix).where(FieldPath.documentId(), '<', `${prefix}~`).get();
    expect(counters.size).toBe(1);
    expect(counters.docs[0].get('count')).toBeGreaterThanOrEqual(admitted.length - leaseSize * 2);
    expect(JSON.stringify(counters.docs[0].data())).not.toContain(caller.uid);
  });
});

it('fails open when the counter store is unreachable (a limiter outage does not take the API down)', async () => {
  const services = createServices({
    ...productionPlatform(),
    db: () => {
      throw new Error('no Firestore');
    },
  });
  const base = await serve({ perMinuteIp: 1 }, services);
  const ip = { 'X-Forwarded-For': newIp() };
  for (let i = 0; i < 3; i += 1) expect((await call(base, '/v1/health', { headers: ip })).status).toBe(200);
});
