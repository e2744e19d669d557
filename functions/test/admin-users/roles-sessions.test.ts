/**
 * PATCH /v1/admin/users/{uid}, roles and concurrency: removing a role ends
 * the sessions that carry it; the custom claims are rebuilt from Firestore
 * (profile roles + latest KYC case) by every writer, so an admin change and
 * the KYC trigger cannot undo each other; If-Match is checked inside the
 * write, so two admins holding the same ETag never both succeed.
 */
import { triggerEvents } from '../../../test/trigger-events';
import { randomUUID } from 'node:crypto';
import { createTestUser, signIn, type TestUser } from '../../../test/identities';
import { eventually, testAuth, testDb, uniqueId } from '../../../test/firestore';
import type { KycWorker } from '../../src/kyc/kyc.worker';
import { testServices } from '../../../test/services';
import type { Profile } from '../../src/users/users.schemas';
import { afterSignInSecond, as, auditAbout, profileDoc, userWithProfile } from '../users/helpers';
import { seedKycCase } from '../kyc/kyc-fixtures';

interface AdminUser {
  profile: Profile;
  auth: { disabled: boolean } | null;
}

const OP = '/v1/admin/users/{uid}';
const fft = triggerEvents(testDb());

let admin: TestUser;
beforeAll(async () => {
  admin = await createTestUser({ roles: ['admin'] });
});

const patch = <T = unknown>(caller: TestUser, uid: string, body: unknown, headers: Record<string, string> = {}) =>
  as<T>(caller, `/v1/admin/users/${uid}`, { operation: OP, method: 'PATCH', headers, body });

const claimsOf = async (uid: string) => (await testAuth().getUser(uid)).customClaims ?? {};

/** The KYC worker of services built against the stack's emulators; the provider is never reached (no case here is `submitted`). */
function triggerWorker(): KycWorker {
  return testServices({
    kycProvider: () => {
      throw new Error('not used');
    },
  }).kycWorker;
}

describe('PATCH /v1/admin/users/{uid}: removing a role', () => {
  it('200, and the user\'s sessions are revoked: the old token still carrying the role is refused (401 TOKEN_REVOKED) and cannot restore it', async () => {
    const demoted = await userWithProfile({ roles: ['admin'] });
    // The profile is the source of truth for roles: make it say admin, as the admin API would have.
    expect((await patch(admin, demoted.uid, { roles: ['admin'] })).status).toBe(200);
    await afterSignInSecond(demoted);

    const response = await patch<AdminUser>(admin, demoted.uid, { roles: [] });
    expect(response.status).toBe(200);
    expect(response.body.profile.roles).toEqual([]);
    expect(await claimsOf(demoted.uid)).toEqual({ roles: [] });

    // The scenario of the review: the demoted admin tries to re-grant themselves with the token issued before.
    const regrant = await patch(demoted, demoted.uid, { roles: ['admin'] });
    expect(regrant.status).toBe(401);
    expect(regrant.body).toMatchObject({ code: 'TOKEN_REVOKED' });
    expect(await claimsOf(demoted.uid)).toEqual({ roles: [] });
    expect(await profileDoc(demoted.uid)).toMatchObject({ roles: [] });

    // Signed in again, the token carries no role: 403, and the user's own routes work.
    const fresh = await signIn(demoted.email, demoted.password);
    expect((await patch({ ...demoted, ...fresh }, demoted.uid, { roles: ['admin'] })).status).toBe(403);
    expect((await as(fresh, '/v1/me')).status).toBe(200);
  });

  it('adding a role revokes nothing: the current token keeps working', async () => {
    const user = await userWithProfile();
    const validAfter = (await testAuth().getUser(user.uid)).tokensValidAfterTime;
    await afterSignInSecond(user);
    expect((await patch(admin, user.uid, { roles: ['support'] })).status).toBe(200);
    expect((await testAuth().getUser(user.uid)).tokensValidAfterTime).toBe(validAfter);
    expect((await as(user, '/v1/me')).status).toBe(200);
  });
});

describe('custom claims are rebuilt from Firestore by every writer', () => {
  it('the KYC trigger never re-grants a removed role: a stale `roles` claim is replaced by the profile\'s roles, `kyc` from the latest case', async () => {
    const user = await userWithProfile();
    // A stale writer left a role the profile does not have (the last-writer-wins race of the review).
    await testAuth().setCustomUserClaims(user.uid, { roles: ['admin'] });
    await seedKycCase({ uid: user.uid, caseId: uniqueId('case-claims'), status: 'approved' });
    const claims = await eventually('claims rebuilt from Firestore', async () => {
      const current = await claimsOf(user.uid);
      return current.kyc === 'approved' ? current : undefined;
    });
    expect(claims).toEqual({ roles: [], kyc: 'approved' });
  });

  it('an admin role change keeps the `kyc` claim, which comes from the latest case, not from the previous claims', async () => {
    const user = await userWithProfile();
    await seedKycCase({ uid: user.uid, caseId: uniqueId('case-keep-kyc'), status: 'in_review' });
    // Drop the kyc claim behind the backend's back: the admin change must restore it from the case.
    await testAuth().setCustomUserClaims(user.uid, {});
    expect((await patch(admin, user.uid, { roles: ['support'] })).status).toBe(200);
    expect(await claimsOf(user.uid)).toEqual({ roles: ['support'], kyc: 'in_review' });
  });

  it('an admin change racing the KYC trigger converges on the Firestore truth', async () => {
    const user = await userWithProfile();
    const caseId = uniqueId('case-race');
    await seedKycCase({ uid: user.uid, caseId, status: 'approved' });
    const data = (await testDb().doc(`kycCases/${caseId}`).get()).data() ?? {};
    const event = (id: string) => ({
      id,
      params: { caseId },
      data: fft.makeChange(fft.makeDocumentSnapshot({}, `kycCases/${caseId}`), fft.makeDocumentSnapshot(data, `kycCases/${caseId}`)),
    });
    const responses = await Promise.all([
      patch(admin, user.uid, { roles: ['support'] }),
      ...Array.from({ length: 4 }, () => triggerWorker().onCaseWritten(event(randomUUID()))),
    ]);
    expect((responses[0] as { status: number }).status).toBe(200);
    expect(await claimsOf(user.uid)).toEqual({ roles: ['support'], kyc: 'approved' });
  });
});

describe('PATCH /v1/admin/users/{uid}: If-Match inside the write', () => {
  it('two admins with the same ETag: one 200, one 412; Auth and the profile show only the winner; one audit entry', async () => {
    const other = await createTestUser({ roles: ['admin'] });
    const user = await userWithProfile();
    const [first, second] = await Promise.all([
      patch<AdminUser>(admin, user.uid, { roles: ['support'] }, { 'If-Match': '"1"' }),
      patch<AdminUser>(other, user.uid, { status: 'disabled' }, { 'If-Match': '"1"' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const loser = first.status === 412 ? first : second;
    expect(loser.body).toMatchObject({ code: 'PRECONDITION_FAILED' });
    const rolesWon = first.status === 200;
    const stored = await profileDoc(user.uid);
    const account = await testAuth().getUser(user.uid);
    if (rolesWon) {
      expect(stored).toMatchObject({ roles: ['support'], status: 'active', version: 2 });
      expect(account.disabled).toBe(false);
      expect(account.customClaims).toEqual({ roles: ['support'] });
    } else {
      expect(stored).toMatchObject({ roles: [], status: 'disabled', version: 2 });
      expect(account.disabled).toBe(true);
      expect(account.customClaims?.roles ?? []).toEqual([]);
    }
    expect((await auditAbout(user.uid)).filter((entry) => entry.action === 'admin.user.updated')).toHaveLength(1);
  });

  it('a request that changes nothing keeps the version (and so the ETag) and writes no audit entry', async () => {
    const user = await userWithProfile();
    const response = await patch<AdminUser>(admin, user.uid, { status: 'active', roles: [] }, { 'If-Match': '"1"' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(await profileDoc(user.uid)).toMatchObject({ version: 1 });
    expect((await auditAbout(user.uid)).filter((entry) => entry.action === 'admin.user.updated')).toHaveLength(0);
  });
});
