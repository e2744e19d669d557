/**
 * Who may call the /v1/me routes: every credential failure (401 with its
 * code), API keys (403 USER_REQUIRED), both credentials at once (400), and a
 * profile that is not active (403). Each case runs against every /me
 * operation, and nothing may change when a call is refused.
 */
import { testAuth, testDb } from '../../../test/firestore';
import { api } from '../../../test/http';
import { bearer, expiredTokenFor } from '../../../test/identities';
import { apiKeyWith, profileDoc, revokeSessionsOf, userWithProfile } from './helpers';

const operations = [
  { method: 'GET', path: '/v1/me' },
  { method: 'PATCH', path: '/v1/me', body: { givenName: 'Mallory' } },
  { method: 'DELETE', path: '/v1/me' },
  { method: 'GET', path: '/v1/me/export' },
] as const;

type Operation = (typeof operations)[number];
const call = (operation: Operation, headers: Record<string, string>) =>
  api(operation.path, { method: operation.method, headers, body: 'body' in operation ? operation.body : undefined });

describe.each(operations)('$method $path', (operation) => {
  it('401 UNAUTHENTICATED without credentials', async () => {
    const response = await call(operation, {});
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('401 INVALID_TOKEN for a malformed token, 401 TOKEN_EXPIRED for an expired one', async () => {
    const user = await userWithProfile();
    const malformed = await call(operation, { Authorization: 'Bearer not-a-jwt' });
    expect(malformed.status).toBe(401);
    expect(malformed.body).toMatchObject({ code: 'INVALID_TOKEN' });
    const expired = await call(operation, bearer(expiredTokenFor(user.uid)));
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('401 TOKEN_REVOKED once the sessions are revoked, and nothing changes', async () => {
    const user = await userWithProfile();
    await revokeSessionsOf(user);
    const response = await call(operation, bearer(user.idToken));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'TOKEN_REVOKED' });
    expect(await profileDoc(user.uid)).toMatchObject({ status: 'active', version: 1 });
  });

  it('401 USER_DISABLED for a disabled account, at once, and nothing changes', async () => {
    const user = await userWithProfile();
    await testAuth().updateUser(user.uid, { disabled: true });
    const response = await call(operation, bearer(user.idToken));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'USER_DISABLED' });
    expect(await profileDoc(user.uid)).toMatchObject({ version: 1 });
    expect(await profileDoc(user.uid)).not.toHaveProperty('givenName');
  });

  it('403 USER_REQUIRED for an API key, even one with users:read; 401 INVALID_API_KEY for a bad key', async () => {
    const key = await apiKeyWith(['users:read']);
    const response = await call(operation, { 'X-API-Key': key });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'USER_REQUIRED', status: 403 });
    const bad = await call(operation, { 'X-API-Key': `${key.slice(0, -4)}AAAA` });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ code: 'INVALID_API_KEY' });
  });

  it('400 AMBIGUOUS_CREDENTIALS when both a token and an API key are sent', async () => {
    const user = await userWithProfile();
    const key = await apiKeyWith(['users:read']);
    const response = await call(operation, { ...bearer(user.idToken), 'X-API-Key': key });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'AMBIGUOUS_CREDENTIALS' });
    expect(await profileDoc(user.uid)).toMatchObject({ status: 'active', version: 1 });
  });
});

describe.each(operations.filter((operation) => operation.method !== 'DELETE'))('$method $path with a profile that is not active', (operation) => {
  it('403 ACCOUNT_DISABLED when the profile says disabled (even if Auth still lets the token through)', async () => {
    const user = await userWithProfile();
    await testDb().doc(`users/${user.uid}`).update({ status: 'disabled' });
    const response = await call(operation, bearer(user.idToken));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect(await profileDoc(user.uid)).not.toHaveProperty('givenName');
  });
});
