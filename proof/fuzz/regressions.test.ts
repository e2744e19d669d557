/**
 * Bugs the fuzz suite found, kept as plain regression tests (in-process app,
 * real Auth and Firestore emulators; responses validated against openapi.yaml).
 * Both used to answer 500 INTERNAL.
 */
import { assertMatchesContract } from '../../test/contract';
import { bearer, createTestUser } from '../../test/identities';
import { serveInProcess, type InProcessServer } from './fixtures';

let server: InProcessServer;

beforeAll(async () => {
  server = await serveInProcess(['unused-secret']);
});

afterAll(async () => {
  await server.close();
});

async function send(method: string, path: string, template: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, { method, headers: init.headers, body: init.body });
  const body = (await response.json()) as Record<string, unknown>;
  assertMatchesContract(template, method, response, body);
  return { status: response.status, contentType: response.headers.get('content-type'), body };
}

it('a body whose Content-Encoding does not decode → 400 MALFORMED_BODY, not 500', async () => {
  const result = await send('DELETE', '/v1/me', '/v1/me', { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"not":"gzip"}' });
  expect(result).toMatchObject({ status: 400, contentType: expect.stringMatching(/^application\/problem\+json/), body: { code: 'MALFORMED_BODY', status: 400 } });
});

it('a path parameter with broken percent-encoding → 400 MALFORMED_URL, not 500', async () => {
  const admin = await createTestUser({ roles: ['admin'] });
  const result = await send('DELETE', '/v1/admin/api-keys/%E0%A4%A', '/v1/admin/api-keys/{id}', { headers: bearer(admin.idToken) });
  expect(result).toMatchObject({ status: 400, body: { code: 'MALFORMED_URL', instance: '/v1/admin/api-keys/%E0%A4%A' } });
});
