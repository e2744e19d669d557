/**
 * OWASP API2:2023 Broken Authentication: every way a credential can be
 * missing, malformed, forged, stale or withdrawn must end in 401 with a code
 * saying why, on the very next request. The Auth emulator accepts unsigned
 * (alg none) tokens by design, so forged tokens here differ from a valid one
 * in their claims; in production firebase-admin also checks the RS256
 * signature against Google's keys. (So claims only a signer controls, such
 * as an `iat` in the future, prove nothing here and are not tried.)
 */
import { api } from '../../test/http';
import { bearer, createTestUser, expiredTokenFor } from '../../test/identities';
import { testAuth } from '../../test/firestore';
import { revokeSessionsOf } from '../../functions/test/users/helpers';
import { note } from './record';
import { apiKey, cast, claimsFor, expectProblem, forgedToken, userWithProfile, type TestUser } from './helpers';

let admin: TestUser;
let alice: TestUser;

beforeAll(async () => {
  ({ admin, alice } = await cast());
});

const me = (headers: Record<string, string>) => api('/v1/me', { headers });

describe('API2 broken authentication: bearer tokens', () => {
  it('no credential → 401 UNAUTHENTICATED, also on every other protected route', async () => {
    expectProblem(await me({}), 401, 'UNAUTHENTICATED');
    for (const path of ['/v1/me/kyc', '/v1/me/export', '/v1/admin/users', '/v1/admin/kyc', '/v1/admin/audit-logs', '/v1/admin/api-keys']) {
      expectProblem(await api(path), 401, 'UNAUTHENTICATED');
    }
    note('no Authorization / X-API-Key on /v1/me, /v1/me/kyc, /v1/me/export and four admin lists → 401 UNAUTHENTICATED each');
  });

  it('malformed Authorization headers → 401 INVALID_TOKEN', async () => {
    const variants = ['Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`, `bearer${alice.idToken}`, `Bearer ${alice.idToken} extra`, 'Bearer not.a.jwt', 'Bearer ....', `Token ${alice.idToken}`, 'Bearer ' + 'A'.repeat(4000)];
    for (const value of variants) expectProblem(await me({ Authorization: value }), 401, 'INVALID_TOKEN');
    note(`${variants.length} malformed Authorization values (empty Bearer, Basic, no space, trailing junk, 3 dots, other scheme, 4 kB junk) → 401 INVALID_TOKEN each`);
  });

  it('tokens with bad claims (alg none or forged HS256) → 401, never accepted', async () => {
    const cases: Array<[string, string]> = [
      ['wrong audience (other project)', forgedToken({ alg: 'none', typ: 'JWT' }, claimsFor(alice.uid, { aud: 'someone-elses-project' }))],
      ['wrong issuer', forgedToken({ alg: 'none', typ: 'JWT' }, claimsFor(alice.uid, { iss: 'https://securetoken.google.com/someone-elses-project' }))],
      ['issuer of another IdP', forgedToken({ alg: 'none', typ: 'JWT' }, claimsFor(alice.uid, { iss: 'https://evil.example/' }))],
      ['empty subject', forgedToken({ alg: 'none', typ: 'JWT' }, claimsFor(alice.uid, { sub: '', user_id: '' }))],
      ['subject longer than 128 chars', forgedToken({ alg: 'none', typ: 'JWT' }, claimsFor('x'.repeat(129)))],
      ['no exp', forgedToken({ alg: 'none', typ: 'JWT' }, claimsFor(alice.uid, { exp: undefined }))],
      ['forged roles for a user that does not exist', forgedToken({ alg: 'none', typ: 'JWT' }, claimsFor('no-such-user-0001', { roles: ['admin'] }))],
      ['HS256 signed with a guessed key, wrong project', forgedToken({ alg: 'HS256', typ: 'JWT' }, claimsFor(alice.uid, { aud: 'prod-project', roles: ['admin'] }), 'c2lnbmF0dXJl')],
    ];
    for (const [what, token] of cases) {
      const response = await me(bearer(token));
      expectProblem(response, 401, /^(INVALID_TOKEN|TOKEN_EXPIRED|TOKEN_REVOKED)$/);
      note(`${what} → ${response.status} ${(response.body as { code: string }).code}`);
    }
  });

  it('an expired token → 401 TOKEN_EXPIRED', async () => {
    expectProblem(await me(bearer(expiredTokenFor(alice.uid))), 401, 'TOKEN_EXPIRED');
    note('exp one hour in the past → 401 TOKEN_EXPIRED');
  });

  it('a disabled user (Auth) → 401 USER_DISABLED on the next request', async () => {
    const user = await userWithProfile();
    expect((await me(bearer(user.idToken))).status).toBe(200);
    await testAuth().updateUser(user.uid, { disabled: true });
    expectProblem(await me(bearer(user.idToken)), 401, 'USER_DISABLED');
    note('token works (200), account disabled in Auth, same token → 401 USER_DISABLED');
  });

  it('an admin disabling a user through the API cuts the session at once', async () => {
    const user = await userWithProfile();
    expect((await me(bearer(user.idToken))).status).toBe(200);
    const disabled = await api(`/v1/admin/users/${user.uid}`, { operation: '/v1/admin/users/{uid}', method: 'PATCH', headers: bearer(admin.idToken), body: { status: 'disabled' } });
    expect(disabled.status).toBe(200);
    const after = await me(bearer(user.idToken));
    expectProblem(after, 401, /^(USER_DISABLED|TOKEN_REVOKED)$/);
    note(`PATCH /v1/admin/users/{uid} {status: disabled} → 200; the user's unexpired token → 401 ${(after.body as { code: string }).code}`);
  });

  it('revoked refresh tokens → 401 TOKEN_REVOKED for tokens issued before', async () => {
    const user = await userWithProfile();
    await revokeSessionsOf(user);
    expectProblem(await me(bearer(user.idToken)), 401, 'TOKEN_REVOKED');
    note('revokeRefreshTokens(uid); token issued before → 401 TOKEN_REVOKED');
  });

  it('a deleted user → 401', async () => {
    const user = await createTestUser();
    await testAuth().deleteUser(user.uid);
    const response = await me(bearer(user.idToken));
    expectProblem(response, 401);
    note(`Auth account deleted; its unexpired token → 401 ${(response.body as { code: string }).code}`);
  });

  it('tokens in the query string or a cookie are not credentials', async () => {
    for (const path of [`/v1/me?access_token=${alice.idToken}`, `/v1/me?token=${alice.idToken}`, `/v1/me?key=${alice.idToken}`]) {
      expectProblem(await api(path, { operation: '/v1/me' }), 401, 'UNAUTHENTICATED');
    }
    expectProblem(await me({ Cookie: `__session=${alice.idToken}; token=${alice.idToken}` }), 401, 'UNAUTHENTICATED');
    note('valid ID token in ?access_token=, ?token=, ?key= and in cookies → 401 UNAUTHENTICATED each');
  });
});

describe('API2 broken authentication: API keys', () => {
  it('wrong, malformed, unknown, expired and revoked keys → 401 INVALID_API_KEY', async () => {
    const good = await apiKey(['users:read']);
    const expired = await apiKey(['users:read'], 'expired');
    const revoked = await apiKey(['users:read'], 'revoked');
    const [, id] = good.key.split('_');
    const cases: Array<[string, string]> = [
      ['right id, wrong secret', `nffk_${id}_${'A'.repeat(43)}`],
      ['unknown id', `nffk_0123456789abcdef_${good.key.split('_').slice(2).join('_')}`],
      ['truncated', good.key.slice(0, -1)],
      ['prefix only', `nffk_${id}`],
      ['empty', ''],
      ['id only (Firestore path chars)', 'nffk_../../users_x'],
      ['expired key', expired.key],
      ['revoked key', revoked.key],
    ];
    expect((await api('/v1/admin/users', { headers: { 'X-API-Key': good.key } })).status).toBe(200);
    for (const [what, key] of cases) {
      const response = await api('/v1/admin/users', { headers: { 'X-API-Key': key } });
      expectProblem(response, 401, 'INVALID_API_KEY');
      note(`${what} → 401 INVALID_API_KEY`);
    }
  });

  it('a key revoked through the API stops working on the next request', async () => {
    const created = await api<{ id: string; secret: string }>('/v1/admin/api-keys', { method: 'POST', headers: bearer(admin.idToken), body: { name: 'revoke-me', scopes: ['users:read'] } });
    expect(created.status).toBe(201);
    expect((await api('/v1/admin/users', { headers: { 'X-API-Key': created.body.secret } })).status).toBe(200);
    const revoked = await api(`/v1/admin/api-keys/${created.body.id}`, { operation: '/v1/admin/api-keys/{id}', method: 'DELETE', headers: bearer(admin.idToken) });
    expect(revoked.status).toBeLessThan(300);
    expectProblem(await api('/v1/admin/users', { headers: { 'X-API-Key': created.body.secret } }), 401, 'INVALID_API_KEY');
    note(`key created (201) and used (200); DELETE /v1/admin/api-keys/{id} → ${revoked.status}; same key → 401 INVALID_API_KEY`);
  });

  it('both a bearer token and an API key → 400 AMBIGUOUS_CREDENTIALS (never the stronger of the two)', async () => {
    const key = await apiKey(['users:read']);
    const response = await api('/v1/admin/users', { headers: { ...bearer(alice.idToken), 'X-API-Key': key.key } });
    expectProblem(response, 400, 'AMBIGUOUS_CREDENTIALS');
    const adminAndBadKey = await api('/v1/admin/users', { headers: { ...bearer(admin.idToken), 'X-API-Key': 'nffk_junk' } });
    expectProblem(adminAndBadKey, 400, 'AMBIGUOUS_CREDENTIALS');
    note('user token + users:read key, and admin token + junk key → 400 AMBIGUOUS_CREDENTIALS (refused, neither credential used)');
  });
});
