/**
 * createApp() served in-process on an ephemeral port: the parts of the HTTP
 * layer the Functions emulator hides: it parses JSON bodies before our app,
 * and it adds permissive CORS headers to every response (production does not).
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { serveInProcess, type InProcessApi } from '../../../test/in-process';

let api: InProcessApi;
let baseUrl: string;

beforeAll(async () => {
  api = await serveInProcess({ corsAllowedOrigins: ['http://localhost:3000'], maxBodyBytes: 1024 });
  baseUrl = api.url;
});

afterAll(() => api.close());

it('malformed JSON → 400 problem+json MALFORMED_JSON, no parser internals', async () => {
  const response = await fetch(`${baseUrl}/v1/health`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
    body: '{"a": ',
  });
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const text = await response.text();
  expect(JSON.parse(text)).toMatchObject({ code: 'MALFORMED_JSON', status: 400, requestId: 'r-1', instance: '/v1/health' });
  expect(text).not.toMatch(/SyntaxError|Unexpected|position/);
});

it('a declared body over the limit → 413 before the body is read', async () => {
  const response = await fetch(`${baseUrl}/v1/health`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ blob: 'x'.repeat(2048) }),
  });
  expect(response.status).toBe(413);
  expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
});

describe('CORS allow-list', () => {
  it('allows a configured origin, with a preflight', async () => {
    const response = await fetch(`${baseUrl}/v1/health`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'PATCH' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('gives an unlisted origin no CORS grant', async () => {
    const response = await fetch(`${baseUrl}/v1/health`, { headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

it('a malformed percent-escape in the path → 400 MALFORMED_URL, not 500', async () => {
  const response = await fetch(`${baseUrl}/v1/admin/users/%E0%A4%A`);
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ code: 'MALFORMED_URL', status: 400 });
});

it("every helmet() header, exactly as helmet sets it, on a 200, a 404 and a 401 (they are worked out once, http/security-headers.ts)", async () => {
  // helmet itself on a bare app: the reference.
  const bare = express();
  bare.disable('x-powered-by');
  bare.use(helmet());
  bare.get('/', (_req, res) => void res.json({}));
  const reference = bare.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => reference.once('listening', () => resolve()));
  try {
    const expected = await fetch(`http://127.0.0.1:${(reference.address() as AddressInfo).port}/`);
    const names = [...expected.headers.keys()].filter((name) => !['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'etag'].includes(name));
    expect(names).toEqual(expect.arrayContaining(['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy']));
    for (const path of ['/v1/health', '/v1/nope', '/v1/me']) {
      const response = await fetch(`${baseUrl}${path}`);
      expect([200, 404, 401]).toContain(response.status);
      for (const name of names) expect([path, name, response.headers.get(name)]).toEqual([path, name, expected.headers.get(name)]);
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  } finally {
    await new Promise<void>((resolve) => reference.close(() => resolve()));
  }
});
