/**
 * GDPR: GET /v1/me/export returns everything held about the caller;
 * DELETE /v1/me erases it — Auth account gone, profile reduced to a
 * tombstone, KYC cases and their events deleted, audit pseudonymised — while
 * other users' data is untouched. (Credential failures: me-auth.test.ts.)
 */
import { documentedStatuses } from '../../../test/contract';
import { testAuth, testDb, uniqueId } from '../../../test/firestore';
import type { DataExport } from '../../src/users/users.schemas';
import { as, auditAbout, profileDoc, seedKycCase, userWithProfile } from './helpers';

const AUTH = ['400', '401', '403', '429', '500'];

describe('GET /v1/me/export', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses('/v1/me/export', 'get').sort()).toEqual(['200', ...AUTH].sort());
  });

  it("200: profile, Auth summary, KYC cases with events, audit entries — the caller's and no one else's", async () => {
    const user = await userWithProfile({ displayName: 'Xena Export' });
    const other = await userWithProfile();
    await as(user, '/v1/me', { method: 'PATCH', body: { givenName: 'Xena' } });
    const caseId = uniqueId('case-export');
    await seedKycCase(user.uid, caseId, ['submitted', 'in_review', 'approved']);
    await seedKycCase(other.uid, uniqueId('case-other'), ['submitted', 'rejected']);

    const response = await as<DataExport>(user, '/v1/me/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = response.body;
    expect(data.profile).toMatchObject({ uid: user.uid, givenName: 'Xena', displayName: 'Xena Export', version: 2 });
    expect(data.auth).toMatchObject({ uid: user.uid, email: user.email, disabled: false, providers: ['password'] });
    expect(Date.parse(data.auth?.creationTime ?? '')).not.toBeNaN();
    expect(data.kycCases).toHaveLength(1);
    expect(data.kycCases[0]).toMatchObject({ id: caseId, uid: user.uid, status: 'approved', applicant: { lastName: 'Lovelace' } });
    expect(typeof data.kycCases[0].createdAt).toBe('string');
    expect(data.kycCases[0].events.map((event) => event.to)).toEqual(['submitted', 'in_review', 'approved']);
    expect(data.auditEntries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['user.profile.provisioned', 'user.profile.updated']));
    expect(JSON.stringify(data)).not.toContain(other.uid);
  });
});

describe('DELETE /v1/me', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses('/v1/me', 'delete').sort()).toEqual(['204', ...AUTH].sort());
  });

  it('204: erases Auth account, profile PII and KYC data; audit kept but pseudonymised; others untouched', async () => {
    const user = await userWithProfile({ displayName: 'Erin Erase' });
    const other = await userWithProfile();
    await as(user, '/v1/me', { method: 'PATCH', body: { givenName: 'Erin', phoneNumber: '+44 20 7946 0958', dateOfBirth: '1991-01-01' } });
    const caseIds = [uniqueId('case-erase'), uniqueId('case-erase')];
    await seedKycCase(user.uid, caseIds[0], ['submitted', 'rejected']);
    await seedKycCase(user.uid, caseIds[1], ['submitted', 'approved']);
    const otherCase = uniqueId('case-keep');
    await seedKycCase(other.uid, otherCase, ['submitted', 'approved']);
    const auditIds = (await auditAbout(user.uid)).map((entry) => entry.id);
    expect(auditIds.length).toBeGreaterThanOrEqual(2);

    const response = await as(user, '/v1/me', { method: 'DELETE', headers: { 'X-Request-Id': 'erase-req' } });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');

    // Auth account gone: the old token no longer works.
    await expect(testAuth().getUser(user.uid)).rejects.toMatchObject({ code: 'auth/user-not-found' });
    const after = await as(user, '/v1/me');
    expect(after.status).toBe(401);

    // Profile: a tombstone without any personal field.
    const tombstone = await profileDoc(user.uid);
    expect(tombstone).toMatchObject({ uid: user.uid, status: 'deleted' });
    expect(tombstone?.erasedAt).toBeDefined();
    for (const field of ['email', 'displayName', 'givenName', 'familyName', 'phoneNumber', 'dateOfBirth', 'address', 'nationality']) {
      expect(tombstone).not.toHaveProperty(field);
    }

    // KYC cases and their events deleted; the other user's case kept.
    for (const caseId of caseIds) {
      expect((await testDb().doc(`kycCases/${caseId}`).get()).exists).toBe(false);
      expect((await testDb().collection(`kycCases/${caseId}/events`).get()).size).toBe(0);
    }
    expect((await testDb().doc(`kycCases/${otherCase}`).get()).exists).toBe(true);
    expect((await testDb().collection('kycCases').where('uid', '==', user.uid).get()).size).toBe(0);

    // Audit: every earlier entry and the erasure itself kept, none naming the uid.
    expect(await auditAbout(user.uid)).toHaveLength(0);
    expect(await auditAbout(user.uid, 'actor.id')).toHaveLength(0);
    const kept = await Promise.all(auditIds.map((id) => testDb().doc(`auditLogs/${id}`).get()));
    const pseudonym = kept[0].get('target.id') as string;
    expect(pseudonym).toMatch(/^erased:[0-9a-f]{24}$/);
    for (const entry of kept) {
      expect(entry.exists).toBe(true);
      expect(JSON.stringify(entry.data())).not.toContain(user.uid);
      expect(JSON.stringify(entry.data())).not.toContain(user.email);
    }
    const erasure = await testDb().collection('auditLogs').where('target.id', '==', pseudonym).where('action', '==', 'user.erased').get();
    expect(erasure.size).toBe(1);
    expect(erasure.docs[0].data()).toMatchObject({ actor: { type: 'user', id: pseudonym }, requestId: 'erase-req', after: { status: 'deleted', erased: true } });

    // The other user is untouched.
    expect(await profileDoc(other.uid)).toMatchObject({ status: 'active' });
    expect((await as(other, '/v1/me')).status).toBe(200);
  });
});
