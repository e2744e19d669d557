/**
 * OWASP API8:2023 Security Misconfiguration: security headers on every kind
 * of response, CORS only for allow-listed origins, problem+json without
 * internals for any malformed input, unknown methods and routes.
 */
import { api } from '../../test/http';
import { bearer } from '../../test/identities';
import { serveInProcess, type InProcessApi } from '../../test/in-process';
import { note } from './record';
import { cast, expectNoInternals, expectProblem, raw, type TestUser } from './helpers';

let alice: TestUser;
const ALLOWED_ORIGIN = 'http://localhost:3000';

beforeAll(async () => {
  ({ alice } = await cast());
});

/** Headers our app sets (helmet). X-Powered-By is checked separately: see the first test. */
function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  expect(headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
}

describe('API8 security misconfiguration', () => {
  let inProcess: InProcessApi;
  beforeAll(async () => {
    // The app exactly as deployed, with the demo project's CORS allow-list (functions/.env.demo-nff).
    inProcess = await serveInProcess({ corsAllowedOrigins: [ALLOWED_ORIGIN] });
  });
  afterAll(() => inProcess.close());

  it('helmet headers on 200, 400, 401, 404 and 413 responses; the app sends no X-Powered-By', async () => {
    const responses = [
      await api('/v1/health'),
      await api('/v1/me', { method: 'PATCH', headers: bearer(alice.idToken), body: { roles: ['admin'] } }),
      await api('/v1/me'),
      await raw('/v1/nope'),
      await raw('/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'y'.repeat(70_000) }) }),
    ];
    for (const response of responses) expectSecurityHeaders(response.headers);
    expect((await api('/v1/me', { headers: bearer(alice.idToken) })).headers.get('cache-control')).toContain('no-store');
    const emulatorPoweredBy = responses.map((r) => r.headers.get('x-powered-by'));
    const app = [await inProcess.call('/v1/health'), await inProcess.call('/v1/me'), await inProcess.call('/v1/nope', { contract: false })];
    for (const response of app) expect(response.headers.get('x-powered-by')).toBeNull();
    note(
      `through the Functions emulator, statuses ${responses.map((r) => r.status).join(', ')}: nosniff, HSTS, CSP default-src 'self', X-Frame-Options SAMEORIGIN; GET /v1/me is Cache-Control no-store. ` +
        `X-Powered-By through the emulator: ${emulatorPoweredBy.map((v) => v ?? 'none').join(', ')} (added by the emulator's own Express proxy, not by the app); the app served in-process (200, 401, 404): none`,
    );
  });

  it('CORS: the allow-listed origin gets its own origin back; others get no CORS headers; never *', async () => {
    const allowed = await inProcess.call('/v1/health', { headers: { Origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const preflight = await inProcess.call('/v1/me', { method: 'OPTIONS', contract: false, headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type,if-match' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    const refused = ['https://evil.example', 'null', 'http://localhost:3000.evil.example', 'http://localhost:3001', 'HTTP://LOCALHOST:3000'];
    for (const origin of refused) {
      const simple = await inProcess.call('/v1/health', { headers: { Origin: origin } });
      const pre = await inProcess.call('/v1/me', { method: 'OPTIONS', contract: false, headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE' } });
      for (const response of [simple, pre]) {
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      }
    }
    const viaEmulator = await raw('/v1/health', { headers: { Origin: 'https://evil.example' } });
    note(
      `app (createApp, allow-list [${ALLOWED_ORIGIN}]): ${ALLOWED_ORIGIN} → echoed, preflight ${preflight.status} allows PATCH; ${refused.join(', ')} → no Access-Control-Allow-Origin on GET or preflight. ` +
        `Through the Functions emulator https://evil.example gets Access-Control-Allow-Origin: ${viaEmulator.headers.get('access-control-allow-origin') ?? 'none'} — firebase-tools turns on the firebase-functions debug feature enableCors, which wraps every onRequest in cors({ origin: true }); emulator only`,
    );
  });

  it('malformed input of every kind → 4xx problem+json with no internals', async () => {
    const h = { ...bearer(alice.idToken) };
    const probes: Array<[string, string, string, Record<string, string>, string | undefined]> = [
      ['truncated JSON', 'PATCH', '/v1/me', { ...h, 'content-type': 'application/json' }, '{"displayName": '],
      ['JSON null', 'PATCH', '/v1/me', { ...h, 'content-type': 'application/json' }, 'null'],
      ['JSON array', 'PATCH', '/v1/me', { ...h, 'content-type': 'application/json' }, '[1,2]'],
      ['JSON string', 'POST', '/v1/me/kyc', { ...h, 'content-type': 'application/json' }, '"hello"'],
      ['text/plain body', 'POST', '/v1/me/kyc', { ...h, 'content-type': 'text/plain' }, 'hello'],
      ['form body', 'POST', '/v1/users', { 'content-type': 'application/x-www-form-urlencoded' }, 'email=a@b.c&password=x'],
      ['wrong types', 'POST', '/v1/users', { 'content-type': 'application/json' }, '{"email":1,"password":[],"displayName":{}}'],
      ['huge number', 'PATCH', '/v1/me', { ...h, 'content-type': 'application/json' }, '{"displayName":1e999999}'],
      ['bad charset', 'PATCH', '/v1/me', { ...h, 'content-type': 'application/json; charset=utf-7' }, '{"displayName":"x"}'.replace('x', 'é')],
      ['invalid UTF-8', 'PATCH', '/v1/me', { ...h, 'content-type': 'application/json' }, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1')],
      ['operator injection in query', 'GET', '/v1/admin/users?limit[$gt]=1&status[$ne]=x', h, undefined],
      ['bad percent-encoding in path', 'GET', '/v1/admin/users/%E0%A4%A', h, undefined],
      ['NUL in path', 'GET', '/v1/admin/users/abc%00def', h, undefined],
      ['bad If-Match', 'PATCH', '/v1/me', { ...h, 'content-type': 'application/json', 'If-Match': 'W/"garbage' }, '{"displayName":"x"}'],
      ['bad Idempotency-Key', 'POST', '/v1/me/kyc', { ...h, 'content-type': 'application/json', 'Idempotency-Key': 'ü'.repeat(300) }, '{}'],
    ];
    const seen: string[] = [];
    const results = [];
    for (const [what, method, path, headers, body] of probes) {
      const response = await raw(path, { method, headers, body });
      results.push(response);
      const type = /problem\+json/.test(response.headers.get('content-type') ?? '') ? `${String(response.body.code)}` : String(response.headers.get('content-type'));
      seen.push(`${what} → ${response.status} ${type}`);
    }
    note(seen.join('; '));
    // The app itself, without the emulator's parsing in front (a malformed path reaches the router).
    const appProbes = [
      await inProcess.call('/v1/admin/users/%E0%A4%A', { contract: false, headers: h }),
      await inProcess.call('/v1/admin/users/%', { contract: false, headers: h }),
      await inProcess.call('/v1/admin/api-keys/%zz', { method: 'DELETE', contract: false, headers: h }),
    ];
    note(`in-process app: bad percent-encodings in path parameters → ${appProbes.map((r) => `${r.status} ${String((r.body as { code?: string }).code)}`).join(', ')}`);
    // The Functions runtime decodes JSON bodies as UTF-8 whatever charset is declared, so a
    // harmless body with a bogus charset may be accepted; it must never be a 5xx.
    const mayBeAccepted = new Set(['bad charset']);
    results.forEach((response, i) => {
      if (!mayBeAccepted.has(probes[i][0])) expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expectNoInternals(response.text);
    });
    for (const response of appProbes) expectProblem(response, 400);
  });

  it('unknown methods on known paths and unknown paths → 404 problem, never 2xx or 5xx', async () => {
    const seen: string[] = [];
    for (const [method, path] of [['PUT', '/v1/me'], ['POST', '/v1/health'], ['DELETE', '/v1/admin/audit-logs'], ['PATCH', '/v1/admin/kyc'], ['PUT', '/v1/admin/api-keys'], ['GET', '/v1/webhooks/kyc'], ['PROPFIND', '/v1/me'], ['PURGE', '/v1/me']] as const) {
      const response = await raw(path, { method, headers: bearer(alice.idToken) });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expectNoInternals(response.text);
      if (response.status === 404) expectProblem(response, 404, 'ROUTE_NOT_FOUND');
      seen.push(`${method} ${path} ${response.status}`);
    }
    note(seen.join(', '));
  });
});
