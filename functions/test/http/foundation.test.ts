/**
 * The HTTP foundation through the real Functions emulator: health, the
 * contract and explorer, problem+json errors, request ids, security headers
 * and the body limit. Every JSON response is validated against
 * openapi.yaml.
 */
import { stackEnv } from '../../../test/env';
import { assertMatchesContract } from '../../../test/contract';

async function call(path: string, init: RequestInit = {}): Promise<{ response: Response; body: unknown; text: string }> {
  const response = await fetch(`${stackEnv.apiUrl}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  let body: unknown = undefined;
  if (/json/.test(response.headers.get('content-type') ?? '')) body = JSON.parse(text);
  return { response, body, text };
}

describe('GET /v1/health', () => {
  it('answers 200 with versions, valid against the contract', async () => {
    const { response, body } = await call('/v1/health');
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', service: 'novafacies-onboarding-api', node: process.version });
    assertMatchesContract('/v1/health', 'get', response, body);
  });

  it('echoes a well-formed X-Request-Id and mints one otherwise', async () => {
    const echoed = await call('/v1/health', { headers: { 'X-Request-Id': 'trace-abc.123' } });
    expect(echoed.response.headers.get('x-request-id')).toBe('trace-abc.123');
    const minted = await call('/v1/health', { headers: { 'X-Request-Id': 'bad id with spaces <script>' } });
    expect(minted.response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends helmet security headers', async () => {
    const { response } = await call('/v1/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('errors are RFC 9457 problem+json with a stable code', () => {
  it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    const { response, body } = await call('/v1/no-such-thing?x=1', { headers: { 'X-Request-Id': 'req-404' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toEqual({
      type: 'https://novafacies.dev/problems/route-not-found',
      title: 'Not found',
      status: 404,
      detail: 'No such route.',
      instance: '/v1/no-such-thing',
      code: 'ROUTE_NOT_FOUND',
      requestId: 'req-404',
    });
  });

  it('malformed JSON is refused with 400 and no stack trace (the Functions runtime parses before the app)', async () => {
    const { response, text } = await call('/v1/health', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(response.status).toBe(400);
    expect(text).not.toMatch(/SyntaxError|at JSON|node_modules|\.js:\d+/);
  });

  it('a body over the limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const { response, body } = await call('/v1/health', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(70 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('the contract and the explorer', () => {
  it('GET /v1/openapi.yaml serves the committed document', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const { response, text } = await call('/v1/openapi.yaml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(text).toBe(readFileSync(resolve(__dirname, '../../../openapi.yaml'), 'utf8'));
  });

  it('/docs redirects to /docs/, which loads Swagger UI from local assets', async () => {
    const redirect = await call('/docs');
    expect(redirect.response.status).toBe(301);
    expect(redirect.response.headers.get('location')).toBe('docs/');
    const page = await call('/docs/');
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const bundle = await call('/docs/swagger-ui-bundle.js');
    expect(bundle.response.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
  });
});
