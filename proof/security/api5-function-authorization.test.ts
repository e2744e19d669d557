/**
 * OWASP API5:2023 Broken Function Level Authorization: every admin operation
 * called by a plain user, a support agent, API keys lacking the scope, and
 * admins (so the matrix is not vacuous). Refusals are 403 and change nothing.
 */
import { api, type ApiResponse } from '../../test/http';
import { bearer, signIn } from '../../test/identities';
import { eventually, testAuth, testDb } from '../../test/firestore';
import { API_KEY_SCOPES } from '../../functions/src/kernel/principal';
import { note } from './record';
import { apiKey, cast, expectProblem, userWithProfile, type TestUser } from './helpers';

let admin: TestUser;
let support: TestUser;
let alice: TestUser;
let target: TestUser;

beforeAll(async () => {
  ({ admin, support, alice } = await cast());
  target = await userWithProfile();
});

interface Operation {
  name: string;
  path: string;
  operation: string;
  method: string;
  body?: unknown;
}

function operations(): Operation[] {
  return [
    { name: 'list users', method: 'GET', path: '/v1/admin/users', operation: '/v1/admin/users' },
    { name: 'get user', method: 'GET', path: `/v1/admin/users/${target.uid}`, operation: '/v1/admin/users/{uid}' },
    { name: 'patch user', method: 'PATCH', path: `/v1/admin/users/${target.uid}`, operation: '/v1/admin/users/{uid}', body: { roles: ['admin'] } },
    { name: 'delete user', method: 'DELETE', path: `/v1/admin/users/${target.uid}`, operation: '/v1/admin/users/{uid}' },
    { name: 'review queue', method: 'GET', path: '/v1/admin/kyc', operation: '/v1/admin/kyc' },
    { name: 'decide case', method: 'POST', path: '/v1/admin/kyc/kc_000000000000000000000000/decision', operation: '/v1/admin/kyc/{caseId}/decision', body: { decision: 'approve', reason: 'self-service' } },
    { name: 'audit logs', method: 'GET', path: '/v1/admin/audit-logs', operation: '/v1/admin/audit-logs' },
    { name: 'create key', method: 'POST', path: '/v1/admin/api-keys', operation: '/v1/admin/api-keys', body: { name: 'escalate', scopes: ['users:read', 'kyc:read', 'audit:read'] } },
    { name: 'list keys', method: 'GET', path: '/v1/admin/api-keys', operation: '/v1/admin/api-keys' },
    { name: 'revoke key', method: 'DELETE', path: '/v1/admin/api-keys/0123456789abcdef', operation: '/v1/admin/api-keys/{id}' },
  ];
}

const call = (op: Operation, headers: Record<string, string>): Promise<ApiResponse> => api(op.path, { method: op.method, operation: op.operation, headers, body: op.body });

/** Call every operation; `allowed` names those that may pass. Refusals must be 403 with `code`. */
async function matrix(who: string, headers: Record<string, string>, allowed: string[], code: RegExp): Promise<void> {
  const seen: string[] = [];
  for (const op of operations()) {
    const response = await call(op, headers);
    if (allowed.includes(op.name)) expect(response.status).toBe(200);
    else expectProblem(response, 403, code);
    seen.push(`${op.name} ${response.status}`);
  }
  note(`${who}: ${seen.join(', ')}`);
}

describe('API5 function level authorization', () => {
  it('a plain user → 403 on every admin operation', async () => {
    await matrix('user', bearer(alice.idToken), [], /^FORBIDDEN$/);
  });

  it('support → only the review queue; 403 elsewhere', async () => {
    await matrix('support', bearer(support.idToken), ['review queue'], /^(FORBIDDEN|USER_REQUIRED)$/);
  });

  it('API keys: each scope opens its one read route; writes, user detail and key management → 403', async () => {
    // The read route each scope opens (scopes come from the code, so a scope added later is covered once listed here).
    const opens: Record<string, string> = { 'users:read': 'list users', 'audit:read': 'audit logs', 'kyc:read': 'review queue' };
    const scopes: readonly string[] = API_KEY_SCOPES;
    for (const scope of scopes) {
      expect(opens[scope]).toBeDefined();
      await matrix(`key ${scope}`, { 'X-API-Key': (await apiKey([scope])).key }, [opens[scope]], /^(FORBIDDEN|USER_REQUIRED)$/);
    }
    await matrix(`key with every scope (${scopes.join(', ')})`, { 'X-API-Key': (await apiKey(scopes)).key }, scopes.map((scope) => opens[scope]), /^(FORBIDDEN|USER_REQUIRED)$/);
    const unknown = await apiKey(['kyc:write', 'admin', '*']);
    await matrix('key with made-up scopes (kyc:write, admin, *)', { 'X-API-Key': unknown.key }, [], /^(FORBIDDEN|USER_REQUIRED)$/);
  });

  it('API keys cannot act as a user on /v1/me routes (403 USER_REQUIRED)', async () => {
    const key = (await apiKey(API_KEY_SCOPES)).key;
    const results = [await api('/v1/me', { headers: { 'X-API-Key': key } }), await api('/v1/me/kyc', { headers: { 'X-API-Key': key } }), await api('/v1/me/export', { headers: { 'X-API-Key': key } })];
    for (const response of results) expectProblem(response, 403, 'USER_REQUIRED');
    note(`key with every scope on GET /v1/me, /v1/me/kyc, /v1/me/export → ${results.map((r) => r.status).join(', ')} USER_REQUIRED`);
  });

  it('nothing changed after the refusals: target still active, no roles, no new keys by non-admins', async () => {
    const profile = (await testDb().doc(`users/${target.uid}`).get()).data() ?? {};
    expect(profile.status).toBe('active');
    expect(profile.roles).toEqual([]);
    expect((await testAuth().getUser(target.uid)).customClaims?.roles).toBeUndefined();
    const keys = await testDb().collection('apiKeys').where('name', '==', 'escalate').get();
    expect(keys.size).toBe(0);
    note('after every refused call: target active with no roles (profile and claims), no key named "escalate" exists');
  });

  it('role-like claims outside `roles` grant nothing (admin: true, role: "admin", roles: "admin")', async () => {
    const user = await userWithProfile();
    for (const claims of [{ admin: true }, { role: 'admin' }, { roles: 'admin' }, { roles: ['Admin'] }, { roles: ['superuser', 'root'] }]) {
      await testAuth().setCustomUserClaims(user.uid, claims);
      const { idToken } = await signIn(user.email, user.password);
      expectProblem(await api('/v1/admin/users', { headers: bearer(idToken) }), 403, 'FORBIDDEN');
    }
    note('claims {admin:true}, {role:"admin"}, {roles:"admin"}, {roles:["Admin"]}, {roles:["superuser","root"]}: GET /v1/admin/users → 403 each');
  });

  it('an admin demoted through the API loses admin rights at once, not when the token expires', async () => {
    const demoted = await userWithProfile({ roles: ['admin'] });
    expect((await api('/v1/admin/users', { headers: bearer(demoted.idToken) })).status).toBe(200);
    // Firebase records revocations with one-second granularity: a token signed in during the very
    // second of the revocation stays valid. A real admin session is older than that, so wait it out.
    const { auth_time: authTime } = JSON.parse(Buffer.from(demoted.idToken.split('.')[1], 'base64url').toString('utf8')) as { auth_time: number };
    await eventually('the clock to pass the sign-in second', async () => (Date.now() >= (authTime + 1) * 1000 ? true : undefined));
    const patched = await api(`/v1/admin/users/${demoted.uid}`, { operation: '/v1/admin/users/{uid}', method: 'PATCH', headers: bearer(admin.idToken), body: { roles: [] } });
    expect(patched.status).toBe(200);
    const after = await api('/v1/admin/users', { headers: bearer(demoted.idToken) });
    note(`admin token (signed in over a second ago) works (200); PATCH roles [] → 200; the same unexpired token on GET /v1/admin/users → ${after.status}${after.status >= 400 ? ` ${(after.body as { code: string }).code}` : ' (still admin)'}`);
    expect([401, 403]).toContain(after.status);
  });
});
