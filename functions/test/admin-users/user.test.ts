/**
 * GET / PATCH / DELETE /v1/admin/users/{uid}: the admin view, roles as custom
 * claims (other claims kept), disabling effective at once, soft delete,
 * self-lockout protection, If-Match, and the audit trail of every change.
 */
import { documentedStatuses } from '../../../test/contract';
import { api } from '../../../test/http';
import { bearer, createTestUser, signIn, type TestUser } from '../../../test/identities';
import { eventually, testAuth, uniqueId } from '../../../test/firestore';
import type { Profile } from '../../src/users/users.schemas';
import { apiKeyWith, as, oneAudit, profileDoc, userWithProfile } from '../users/helpers';
import { seedKycCase } from '../kyc/kyc-fixtures';

interface AdminUser {
  profile: Profile;
  auth: { uid: string; disabled: boolean; emailVerified: boolean; providers: string[]; creationTime: string | null; lastSignInTime: string | null; tokensValidAfterTime: string | null } | null;
  kycCases: Array<{ id: string; uid: string; status: string }>;
}

const OP = '/v1/admin/users/{uid}';
const AUTH = ['400', '401', '403', '429', '500'];
let admin: TestUser;
beforeAll(async () => {
  admin = await createTestUser({ roles: ['admin'] });
});

const adminCall = <T = unknown>(uid: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; as?: TestUser } = {}) =>
  as<T>(init.as ?? admin, `/v1/admin/users/${encodeURIComponent(uid)}`, { operation: OP, method: init.method, headers: { 'User-Agent': 'admin-console/1.0', ...init.headers }, body: init.body });

describe('GET /v1/admin/users/{uid}', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses(OP, 'get').sort()).toEqual(['200', '404', '413', '415', ...AUTH].sort());
  });

  it('200: profile, Auth summary and KYC cases, with the ETag', async () => {
    const user = await userWithProfile({ displayName: 'Vera View' });
    const caseId = uniqueId('case-admin');
    await seedKycCase({ uid: user.uid, caseId, status: 'approved' });
    const response = await adminCall<AdminUser>(user.uid);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${response.body.profile.version}"`);
    expect(response.body.profile).toMatchObject({ uid: user.uid, displayName: 'Vera View', status: 'active' });
    expect(response.body.auth).toMatchObject({ uid: user.uid, disabled: false, emailVerified: false, providers: ['password'] });
    expect(Date.parse(response.body.auth?.creationTime ?? '')).not.toBeNaN();
    expect(response.body.kycCases.map((kycCase) => kycCase.id)).toEqual([caseId]);
  });

  it('200 for an Auth account whose profile is missing: the profile is created then', async () => {
    const uid = uniqueId('noprofile');
    // Profile path (a) would race this; the profile either exists already or is backfilled now.
    await testAuth().createUser({ uid, email: `${uid}@example.test` });
    const response = await adminCall<AdminUser>(uid);
    expect(response.status).toBe(200);
    expect(response.body.profile).toMatchObject({ uid, email: `${uid}@example.test` });
    expect(await profileDoc(uid)).toMatchObject({ uid });
  });

  it('404 USER_NOT_FOUND for an unknown uid; 400 for an id that cannot be a uid', async () => {
    const missing = await adminCall(uniqueId('ghost'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'USER_NOT_FOUND' });
    const bad = await adminCall('__reserved__');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'params.uid' }] });
  });

  it('401 without credentials; 403 for non-admins and for API keys (even users:read)', async () => {
    const user = await userWithProfile();
    expect((await api(`/v1/admin/users/${user.uid}`, { operation: OP })).status).toBe(401);
    const support = await createTestUser({ roles: ['support'] });
    const key = await apiKeyWith(['users:read']);
    for (const headers of [bearer(user.idToken), bearer(support.idToken), { 'X-API-Key': key }]) {
      const response = await api(`/v1/admin/users/${user.uid}`, { operation: OP, headers });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('PATCH /v1/admin/users/{uid}', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses(OP, 'patch').sort()).toEqual(['200', '404', '409', '412', '413', '415', ...AUTH].sort());
  });

  it('200 roles: become the `roles` claim (the `kyc` claim kept), mirrored into the profile, audited', async () => {
    const user = await userWithProfile();
    // The `kyc` claim derives from the latest KYC case (claims are rebuilt from Firestore), so the
    // case is what sets it up; wait for the trigger to mirror it (it bumps the profile version).
    await seedKycCase({ uid: user.uid, caseId: uniqueId('case-roles'), status: 'approved' });
    await eventually('the trigger to mirror the case', async () => ((await profileDoc(user.uid))?.kycStatus === 'approved' ? true : undefined));
    const base = Number((await profileDoc(user.uid))?.version);
    // In the cloud the front end adds X-Forwarded-For; the emulator's worker socket has no client address.
    const response = await adminCall<AdminUser>(user.uid, { method: 'PATCH', headers: { 'X-Request-Id': `roles-${user.uid}`, 'X-Forwarded-For': '203.0.113.9' }, body: { roles: ['support'] } });
    expect(response.status).toBe(200);
    expect(response.body.profile).toMatchObject({ roles: ['support'], version: base + 1, updatedBy: admin.uid });
    expect((await testAuth().getUser(user.uid)).customClaims).toEqual({ kyc: 'approved', roles: ['support'] });
    expect(await profileDoc(user.uid)).toMatchObject({ roles: ['support'], version: base + 1 });
    const entry = await oneAudit(user.uid, 'admin.user.updated');
    expect(entry).toMatchObject({
      actor: { type: 'user', id: admin.uid, ip: '203.0.113.9', userAgent: 'admin-console/1.0' },
      target: { type: 'user', id: user.uid },
      before: { roles: [], version: base },
      after: { roles: ['support'], version: base + 1 },
      requestId: `roles-${user.uid}`,
    });
    // The new role is in the next token.
    const fresh = await signIn(user.email, user.password);
    expect(JSON.parse(Buffer.from(fresh.idToken.split('.')[1], 'base64url').toString())).toMatchObject({ roles: ['support'], kyc: 'approved' });
  });

  it('200 status disabled: Auth disabled, sessions revoked, the existing token refused at once; re-enable works', async () => {
    const user = await userWithProfile();
    expect((await as(user, '/v1/me')).status).toBe(200);
    const response = await adminCall<AdminUser>(user.uid, { method: 'PATCH', body: { status: 'disabled' } });
    expect(response.status).toBe(200);
    expect(response.body.profile.status).toBe('disabled');
    expect(response.body.auth).toMatchObject({ disabled: true });
    expect(response.body.auth?.tokensValidAfterTime).toEqual(expect.any(String));
    const refused = await as(user, '/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'USER_DISABLED' });
    expect((await testAuth().getUser(user.uid)).disabled).toBe(true);
    expect(await oneAudit(user.uid, 'admin.user.updated')).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' } });

    const enabled = await adminCall<AdminUser>(user.uid, { method: 'PATCH', body: { status: 'active' } });
    expect(enabled.status).toBe(200);
    expect(enabled.body.profile).toMatchObject({ status: 'active', version: 3 });
    const session = await signIn(user.email, user.password);
    expect((await as(session, '/v1/me')).status).toBe(200);
  });

  it('409 SELF_LOCKOUT: an admin cannot disable themselves or drop their own admin role', async () => {
    const self = await createTestUser({ roles: ['admin'] });
    for (const body of [{ status: 'disabled' }, { roles: ['support'] }, { roles: [] }]) {
      const response = await adminCall(self.uid, { method: 'PATCH', body, as: self });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'SELF_LOCKOUT' });
    }
    expect((await testAuth().getUser(self.uid)).customClaims).toEqual({ roles: ['admin'] });
    expect((await testAuth().getUser(self.uid)).disabled).toBe(false);
    // Keeping admin while adding support is fine.
    expect((await adminCall(self.uid, { method: 'PATCH', body: { roles: ['admin', 'support'] }, as: self })).status).toBe(200);
  });

  it('409 USER_DELETED for a soft-deleted user', async () => {
    const user = await userWithProfile();
    expect((await adminCall(user.uid, { method: 'DELETE' })).status).toBe(204);
    const response = await adminCall(user.uid, { method: 'PATCH', body: { status: 'active' } });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'USER_DELETED' });
    expect((await testAuth().getUser(user.uid)).disabled).toBe(true);
  });

  it('412 PRECONDITION_FAILED for a stale If-Match, before Auth is touched', async () => {
    const user = await userWithProfile();
    const stale = await adminCall(user.uid, { method: 'PATCH', headers: { 'If-Match': '"7"' }, body: { status: 'disabled' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await testAuth().getUser(user.uid)).disabled).toBe(false);
    expect(await profileDoc(user.uid)).toMatchObject({ status: 'active', version: 1 });
    const fresh = await adminCall(user.uid, { method: 'PATCH', headers: { 'If-Match': '"1"' }, body: { roles: ['support'] } });
    expect(fresh.status).toBe(200);
  });

  it('400 VALIDATION_FAILED for unknown fields, bad roles, or an empty change', async () => {
    const user = await userWithProfile();
    for (const [body, path] of [
      [{ roles: ['root'] }, 'roles.0'],
      [{ status: 'deleted' }, 'status'],
      [{ kycStatus: 'approved' }, 'kycStatus'],
      [{ roles: ['admin', 'admin'] }, 'roles'],
      [{}, '(root)'],
    ] as const) {
      const response = await adminCall(user.uid, { method: 'PATCH', body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.arrayContaining([expect.objectContaining({ path })]) });
    }
    expect(await profileDoc(user.uid)).toMatchObject({ version: 1, roles: [] });
  });

  it('404 USER_NOT_FOUND; 413 for an oversized body; 401 and 403 for the wrong callers', async () => {
    expect((await adminCall(uniqueId('ghost'), { method: 'PATCH', body: { status: 'disabled' } })).status).toBe(404);
    const user = await userWithProfile();
    const tooLarge = await adminCall(user.uid, { method: 'PATCH', body: { roles: ['support'], pad: 'x'.repeat(70 * 1024) } });
    expect(tooLarge.status).toBe(413);
    expect((await api(`/v1/admin/users/${user.uid}`, { operation: OP, method: 'PATCH', body: { status: 'disabled' } })).status).toBe(401);
    const other = await userWithProfile();
    const forbidden = await adminCall(user.uid, { method: 'PATCH', body: { roles: ['admin'] }, as: other });
    expect(forbidden.status).toBe(403);
    expect((await testAuth().getUser(user.uid)).customClaims ?? {}).not.toHaveProperty('roles', ['admin']);
  });
});

describe('DELETE /v1/admin/users/{uid}', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses(OP, 'delete').sort()).toEqual(['204', '404', '409', '413', '415', ...AUTH].sort());
  });

  it('204: soft delete — status deleted, deletedAt/By, data kept, Auth disabled, token refused at once, audited; idempotent', async () => {
    const user = await userWithProfile({ displayName: 'Dee Leted' });
    const response = await adminCall(user.uid, { method: 'DELETE', headers: { 'X-Request-Id': `del-${user.uid}` } });
    expect(response.status).toBe(204);
    const stored = await profileDoc(user.uid);
    expect(stored).toMatchObject({ status: 'deleted', deletedBy: admin.uid, displayName: 'Dee Leted', version: 2 });
    expect(stored?.deletedAt).toBeDefined();
    expect((await testAuth().getUser(user.uid)).disabled).toBe(true);
    expect((await as(user, '/v1/me')).status).toBe(401);
    const entry = await oneAudit(user.uid, 'admin.user.deleted');
    expect(entry).toMatchObject({ actor: { id: admin.uid }, before: { status: 'active', displayName: '[REDACTED]' }, after: { status: 'deleted' }, requestId: `del-${user.uid}` });

    const view = await adminCall<AdminUser>(user.uid);
    expect(view.body.profile).toMatchObject({ status: 'deleted', deletedBy: admin.uid });
    expect(Date.parse(view.body.profile.deletedAt ?? '')).not.toBeNaN();

    expect((await adminCall(user.uid, { method: 'DELETE' })).status).toBe(204);
    expect(await profileDoc(user.uid)).toMatchObject({ version: 2 });
    await oneAudit(user.uid, 'admin.user.deleted'); // still exactly one
  });

  it('409 SELF_LOCKOUT for deleting oneself; 404 for an unknown user; 401/403 for the wrong callers', async () => {
    const self = await createTestUser({ roles: ['admin'] });
    const own = await adminCall(self.uid, { method: 'DELETE', as: self });
    expect(own.status).toBe(409);
    expect(own.body).toMatchObject({ code: 'SELF_LOCKOUT' });
    expect((await testAuth().getUser(self.uid)).disabled).toBe(false);
    const missing = await adminCall(uniqueId('ghost'), { method: 'DELETE' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'USER_NOT_FOUND' });
    const user = await userWithProfile();
    expect((await api(`/v1/admin/users/${user.uid}`, { operation: OP, method: 'DELETE' })).status).toBe(401);
    const other = await userWithProfile();
    expect((await adminCall(user.uid, { method: 'DELETE', as: other })).status).toBe(403);
    expect(await profileDoc(user.uid)).toMatchObject({ status: 'active' });
  });
});
