/**
 * OWASP API4:2023 Unrestricted Resource Consumption: body size limit (413),
 * deep or long inputs refused without a 5xx, page sizes capped, and rate
 * limits (429 + Retry-After + RateLimit-*). The Functions emulator runs the
 * demo project's generous limits (600 requests / user / minute), so 429s are
 * provoked on apps built in-process with createApp() and tiny limits against
 * the same Auth and Firestore emulators (functions/test/users/in-process.ts),
 * which is the documented way to exercise the limiter itself.
 */
import { api } from '../../test/http';
import { bearer } from '../../test/identities';
import { applicant, postWebhook } from '../../functions/test/kyc/kyc-helpers';
import { OVERSIZED_BODY, rawRequest } from '../../functions/test/apikeys/api-keys.helpers';
import { serveInProcess, type InProcessApi } from '../../test/in-process';
import { stackEnv } from '../../test/env';
import { note } from './record';
import { apiKey, cast, expectNoInternals, expectProblem, raw, type TestUser } from './helpers';

let admin: TestUser;
let alice: TestUser;
const servers: InProcessApi[] = [];

beforeAll(async () => {
  ({ admin, alice } = await cast());
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('API4 request size and shape', () => {
  it('bodies over 64 KiB → 413 PAYLOAD_TOO_LARGE on public, user and webhook routes', async () => {
    const results: string[] = [];
    for (const [path, headers] of [
      ['/v1/users', {}],
      ['/v1/me/kyc', bearer(alice.idToken)],
      ['/v1/webhooks/kyc', { 'X-Signature': 't=1,v1=00' }],
    ] as const) {
      const response = await api(path, { method: 'POST', headers: { ...headers }, body: OVERSIZED_BODY });
      expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
      results.push(`${path} ${response.status}`);
    }
    const getWithBody = await rawRequest(`${stackEnv.apiUrl}/v1/me`, 'GET', bearer(alice.idToken), OVERSIZED_BODY);
    expect(getWithBody.status).toBe(413);
    const signed = await postWebhook(undefined, { raw: OVERSIZED_BODY });
    expectProblem(signed, 413, 'PAYLOAD_TOO_LARGE');
    note(`70 KiB JSON → ${results.join(', ')}; GET /v1/me with a 70 KiB body → ${getWithBody.status}; correctly signed 70 KiB webhook → ${signed.status}`);
  });

  it('deeply nested and very long inputs under the size limit → 400, never 5xx', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const deepObject = `{"displayName":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;
    const long = { ...applicant(), firstName: 'A'.repeat(60_000) };
    const results = [
      await raw('/v1/me', { method: 'PATCH', headers: { ...bearer(alice.idToken), 'content-type': 'application/json' }, body: deep }),
      await raw('/v1/me', { method: 'PATCH', headers: { ...bearer(alice.idToken), 'content-type': 'application/json' }, body: deepObject }),
      await raw('/v1/me/kyc', { method: 'POST', headers: { ...bearer(alice.idToken), 'content-type': 'application/json' }, body: JSON.stringify(long) }),
      await raw('/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${'a'.repeat(60_000)}@x.test`, password: 'x', displayName: 'x' }) }),
    ];
    for (const response of results) {
      expect(response.status).toBe(400);
      expectNoInternals(response.text);
    }
    note(`40 000-deep array, 5 000-deep object, 60 000-char first name, 60 000-char email → ${results.map((r) => r.status).join(', ')}`);
  });
});

describe('API4 pagination caps', () => {
  it('limit above 100, negative, zero, huge or non-numeric → 400 on every list; 100 is served', async () => {
    const lists = ['/v1/admin/users', '/v1/admin/kyc', '/v1/admin/audit-logs', '/v1/admin/api-keys'];
    const bad = ['101', '1000000', '-1', '0', '1e9', 'abc', '9007199254740993'];
    for (const path of lists) {
      const headers = bearer(admin.idToken);
      for (const limit of bad) expectProblem(await api(`${path}?limit=${limit}`, { operation: path, headers }), 400, 'VALIDATION_FAILED');
      const max = await api<{ items?: unknown[] }>(`${path}?limit=100`, { operation: path, headers });
      expect(max.status).toBe(200);
      expect((max.body.items ?? []).length).toBeLessThanOrEqual(100);
      const array = await api(`${path}?limit=10&limit=1000`, { operation: path, headers });
      expect(array.status).toBe(400);
    }
    note(`as admin, ${lists.join(', ')}: limit=${bad.join('|')} → 400 each; limit=100 → 200 with ≤ 100 items; ?limit=10&limit=1000 → 400`);
  });
});

describe('API4 rate limits', () => {
  it('every response through the Functions emulator carries RateLimit-* headers, 401s included', async () => {
    for (const response of [await api('/v1/health'), await api('/v1/me'), await api('/v1/me', { headers: bearer(alice.idToken) })]) {
      expect(Number(response.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
      expect(response.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
      expect(response.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
    }
    note('GET /v1/health 200, GET /v1/me 401 and 200: RateLimit-Limit/Remaining/Reset present');
  });

  it('per user, per API key and per IP: the request over the limit → 429 RATE_LIMITED with Retry-After', async () => {
    const server = await serveInProcess({ rateLimits: { perMinuteUser: 3, perMinuteApiKey: 3, perMinuteIp: 9 } });
    servers.push(server);
    const key = await apiKey(['users:read']);
    const byUser = [];
    for (let i = 0; i < 4; i++) byUser.push(await server.call('/v1/me', { headers: bearer(alice.idToken) }));
    expect(byUser.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    const limited = byUser[3];
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    const byKey = [];
    for (let i = 0; i < 4; i++) byKey.push(await server.call('/v1/admin/users', { headers: { 'X-API-Key': key.key } }));
    expect(byKey.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    // 8 requests already counted for this IP: the 9th passes, the 10th exceeds the per-IP limit of 9.
    expect((await server.call('/v1/health')).status).toBe(200);
    const anonymous = await server.call('/v1/health');
    expectProblem(anonymous, 429, 'RATE_LIMITED');
    note(`in-process app, limits user 3 / key 3 / IP 9 per minute: user ${byUser.map((r) => r.status).join(',')}; key ${byKey.map((r) => r.status).join(',')}; then the 10th request from the same IP (anonymous /v1/health) → ${anonymous.status}, Retry-After ${limited.headers.get('retry-after')} s`);
  });

  it('wrong API keys count against the IP limit (no unlimited key guessing)', async () => {
    const server = await serveInProcess({ rateLimits: { perMinuteIp: 5 } });
    servers.push(server);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await server.call('/v1/admin/users', { headers: { 'X-API-Key': `nffk_0123456789abcdef_${'B'.repeat(43)}` } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    note(`6 guesses of an API key from one IP, limit 5/min → ${statuses.join(',')}`);
  });

  it('the per-IP limit cannot be escaped by choosing X-Forwarded-For', async () => {
    const server = await serveInProcess({ rateLimits: { perMinuteIp: 3 } });
    servers.push(server);
    // What Google's front end forwards: the client's own X-Forwarded-For, then the address it saw (appended).
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await server.call('/v1/health', { headers: { 'X-Forwarded-For': `198.51.100.${i + 1}, 203.0.113.50` } })).status);
    note(`6 anonymous requests from one client (203.0.113.50, appended by the front end), each with a different client-chosen X-Forwarded-For entry in front, per-IP limit 3/min → ${statuses.join(',')}; the limit must follow the appended address, not the client's entry`);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});
