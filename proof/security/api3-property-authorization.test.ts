/**
 * OWASP API3:2023 Broken Object Property Level Authorization: mass
 * assignment of protected properties (refused with their path, nothing
 * written) and excessive data exposure (secrets, hashes, other users' PII and
 * applicant data never appear in response bodies).
 */
import { api } from '../../test/http';
import { bearer } from '../../test/identities';
import { testAuth, testDb, uniqueId } from '../../test/firestore';
import { applicant, submitKyc, waitForStatus } from '../../functions/test/kyc/kyc-helpers';
import { note } from './record';
import { cast, expectProblem, userWithProfile, type TestUser } from './helpers';

let admin: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  ({ admin, alice, bob } = await cast());
});

const PROTECTED: Record<string, unknown> = {
  roles: ['admin'],
  status: 'active',
  kycStatus: 'approved',
  uid: 'someone-else',
  email: 'boss@example.test',
  version: 99,
  createdAt: '2020-01-01T00:00:00.000Z',
  createdBy: 'system',
  deletedAt: null,
  emailVerified: true,
  customClaims: { roles: ['admin'] },
  kycStatusSource: { caseId: 'x' },
};

describe('API3 mass assignment', () => {
  it('PATCH /v1/me with any protected property → 400 naming it; the profile is unchanged', async () => {
    for (const [field, value] of Object.entries(PROTECTED)) {
      const before = (await testDb().doc(`users/${alice.uid}`).get()).data();
      const response = await api('/v1/me', { method: 'PATCH', headers: bearer(alice.idToken), body: { displayName: 'Alice', [field]: value } });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect((response.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain(field);
      expect((await testDb().doc(`users/${alice.uid}`).get()).data()).toEqual(before);
    }
    const claims = (await testAuth().getUser(alice.uid)).customClaims ?? {};
    expect(claims.roles).toBeUndefined();
    note(`PATCH /v1/me with displayName + each of ${Object.keys(PROTECTED).join(', ')} → 400 VALIDATION_FAILED naming the field; users/{uid} and custom claims unchanged`);
  });

  it('prototype pollution keys (__proto__, constructor) change nothing', async () => {
    for (const body of ['{"displayName":"Alice","__proto__":{"roles":["admin"]}}', '{"displayName":"Alice","constructor":{"prototype":{"roles":["admin"]}}}']) {
      const response = await api('/v1/me', { method: 'PATCH', headers: { ...bearer(alice.idToken), 'content-type': 'application/json' }, body });
      expect(response.status).toBeLessThan(500);
      note(`PATCH /v1/me ${body} → ${response.status}${response.status >= 400 ? ` ${(response.body as { code: string }).code}` : ''}`);
    }
    const me = await api<{ roles: string[] }>('/v1/me', { headers: bearer(alice.idToken) });
    expect(me.body.roles).toEqual([]);
    expect((await testDb().doc(`users/${alice.uid}`).get()).get('roles')).toEqual([]);
    expect(({} as Record<string, unknown>).roles).toBeUndefined();
  });

  it('POST /v1/users with protected properties → 400 and no account is created', async () => {
    for (const [field, value] of Object.entries({ roles: ['admin'], status: 'active', kycStatus: 'approved', uid: 'chosen-uid', emailVerified: true, customClaims: { roles: ['admin'] }, disabled: false })) {
      const email = `${uniqueId('massassign')}@example.test`;
      const response = await api('/v1/users', { method: 'POST', body: { email, password: 'correct-horse-42x', displayName: 'Mass Assign', [field]: value } });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      await expect(testAuth().getUserByEmail(email)).rejects.toMatchObject({ code: 'auth/user-not-found' });
    }
    note('POST /v1/users with roles, status, kycStatus, uid, emailVerified, customClaims, disabled → 400 each; no Auth account created');
  });

  it("POST /v1/me/kyc with status, uid, attempt, review or provider fields → 400 and no case", async () => {
    const user = await userWithProfile();
    for (const [field, value] of Object.entries({ status: 'approved', uid: bob.uid, attempt: 3, review: { answer: 'GREEN' }, provider: { checkId: 'x' }, kycStatus: 'approved', maxAttempts: 99 })) {
      const response = await api('/v1/me/kyc', { method: 'POST', headers: bearer(user.idToken), body: { ...applicant(), [field]: value } });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    }
    expect((await testDb().collection('kycCases').where('uid', 'in', [user.uid, bob.uid]).get()).size).toBe(0);
    note('POST /v1/me/kyc with status, uid (another user), attempt, review, provider, kycStatus, maxAttempts → 400 each; no kycCases written for either user');
  });

  it('PATCH /v1/admin/users/{uid} accepts only roles and status, even from an admin', async () => {
    const target = await userWithProfile();
    for (const [field, value] of Object.entries({ kycStatus: 'approved', email: 'x@example.test', uid: 'other', version: 1, emailVerified: true })) {
      const response = await api(`/v1/admin/users/${target.uid}`, { operation: '/v1/admin/users/{uid}', method: 'PATCH', headers: bearer(admin.idToken), body: { [field]: value } });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    }
    expect((await testDb().doc(`users/${target.uid}`).get()).get('kycStatus')).toBe('none');
    note('admin PATCH /v1/admin/users/{uid} with kycStatus, email, uid, version, emailVerified → 400 each; kycStatus still none');
  });
});

describe('API3 excessive data exposure', () => {
  it('no response carries password hashes, salts or the password', async () => {
    const email = `${uniqueId('exposure')}@example.test`;
    const password = 'correct-horse-42-unique';
    const signUp = await api('/v1/users', { method: 'POST', body: { email, password, displayName: 'Exposure Check' } });
    expect(signUp.status).toBe(201);
    const uid = (signUp.body as { uid: string }).uid;
    const adminView = await api(`/v1/admin/users/${uid}`, { operation: '/v1/admin/users/{uid}', headers: bearer(admin.idToken) });
    const list = await api(`/v1/admin/users?emailPrefix=${encodeURIComponent(email)}`, { operation: '/v1/admin/users', headers: bearer(admin.idToken) });
    const exported = await api('/v1/me/export', { headers: bearer(alice.idToken) });
    for (const response of [signUp, adminView, list, exported]) {
      expect(response.text).not.toMatch(/passwordHash|passwordSalt|"salt"|tokensValidAfter.*hash|refreshToken/i);
      expect(response.text).not.toContain(password);
    }
    note(`sign-up 201, admin user view ${adminView.status}, admin list ${list.status}, export ${exported.status}: no password, passwordHash, passwordSalt or refresh token in any body`);
  });

  it('API key secrets and hashes: the secret only in the 201, never in listings or the audit trail', async () => {
    const created = await api<{ id: string; secret: string }>('/v1/admin/api-keys', { method: 'POST', headers: bearer(admin.idToken), body: { name: 'exposure', scopes: ['audit:read'] } });
    expect(created.status).toBe(201);
    const secretPart = created.body.secret.split('_').slice(2).join('_');
    const hash = (await testDb().doc(`apiKeys/${created.body.id}`).get()).get('hash') as string;
    const list = await api('/v1/admin/api-keys?limit=100', { operation: '/v1/admin/api-keys', headers: bearer(admin.idToken) });
    const audit = await api(`/v1/admin/audit-logs?targetId=${created.body.id}`, { operation: '/v1/admin/audit-logs', headers: bearer(admin.idToken) });
    expect(list.status).toBe(200);
    expect(audit.status).toBe(200);
    for (const response of [list, audit]) {
      expect(response.text).not.toContain(secretPart);
      expect(response.text).not.toContain(hash);
      expect(response.text).not.toMatch(/"(secret|hash)"\s*:/);
    }
    note('POST /v1/admin/api-keys → 201 with secret; GET /v1/admin/api-keys and the apiKey.create audit entry contain neither the secret, nor its stored SHA-256, nor a secret/hash field');
  });

  it('KYC responses never echo applicant data, and the audit trail redacts it', async () => {
    const user = await userWithProfile();
    const data = applicant('Exposurestein', { dateOfBirth: '1977-07-07', document: { type: 'passport', number: 'PII0DOC0NUM9', issuingCountry: 'DE', expiresOn: '2035-01-01' } });
    const submitted = await submitKyc(user, data);
    expect(submitted.status).toBe(201);
    await waitForStatus(user, 'approved');
    const current = await api('/v1/me/kyc', { headers: bearer(user.idToken) });
    const audit = await api(`/v1/admin/audit-logs?targetId=${submitted.body.id as string}`, { operation: '/v1/admin/audit-logs', headers: bearer(admin.idToken) });
    for (const response of [submitted, current, audit]) {
      for (const pii of ['Exposurestein', '1977-07-07', 'PII0DOC0NUM9', 'Friedrichstraße']) expect(response.text).not.toContain(pii);
    }
    expect(audit.text).toContain('[REDACTED]');
    note('POST /v1/me/kyc 201 and GET /v1/me/kyc 200 bodies, and the case audit entries: no last name, date of birth, document number or address; audit shows [REDACTED]');
  });

  it("a user's own responses never contain another user's PII", async () => {
    const bobEmail = bob.email;
    for (const path of ['/v1/me', '/v1/me/export']) {
      const response = await api(path, { headers: bearer(alice.idToken) });
      expect(response.status).toBe(200);
      expect(response.text).not.toContain(bob.uid);
      expect(response.text).not.toContain(bobEmail);
    }
    note("alice's GET /v1/me and GET /v1/me/export contain neither bob's uid nor email");
  });
});
