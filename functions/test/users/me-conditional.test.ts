/**
 * The API offers no conditional GETs: ETags are for If-Match on writes. A GET
 * with If-None-Match (the current ETag, or `*`) still answers 200 with the
 * body — Express alone would have answered 304, which the contract lacks.
 */
import { api } from '../../../test/http';
import { bearer, createTestUser } from '../../../test/identities';

it('GET /v1/me with If-None-Match of the current ETag → 200 with the profile', async () => {
  const user = await createTestUser();
  const first = await api('/v1/me', { headers: bearer(user.idToken) });
  expect(first.status).toBe(200);
  const etag = first.headers.get('etag') ?? '';
  expect(etag).toMatch(/^"\d+"$/);
  const again = await api<{ uid: string }>('/v1/me', { headers: { ...bearer(user.idToken), 'If-None-Match': etag } });
  expect(again.status).toBe(200);
  expect(again.body.uid).toBe(user.uid);
});

it('GET /v1/health with If-None-Match: * → 200 and no ETag', async () => {
  const health = await api('/v1/health', { headers: { 'If-None-Match': '*' } });
  expect(health.status).toBe(200);
  expect(health.headers.get('etag')).toBeNull();
});
