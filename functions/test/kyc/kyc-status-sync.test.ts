/**
 * onKycCaseWritten keeps users/{uid}.kycStatus in step with the case.
 * End to end: a write to the embedded Firestore emulator is delivered as a
 * CloudEvent to the Functions emulator, whose handler updates the profile
 * (through UsersRepository, bumping its version, so the ETag follows).
 * The sync itself is also driven directly to prove it is monotonic.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { testServices } from '../../../test/services';
import { eventually, testDb, uniqueId } from '../../../test/firestore';
import { as, userWithProfile } from '../users/helpers';
import { seedKycCase } from './kyc-fixtures';

const account = () => testServices().account;

describe('trigger delivery through the local stack', () => {
  it('a case status write reaches the profile, and bumps its version', async () => {
    const db = testDb();
    const uid = uniqueId('u');
    const caseId = uniqueId('case');
    await db.doc(`users/${uid}`).set({ uid, kycStatus: 'none', version: 4 });
    await seedKycCase({ uid, caseId, status: 'approved' });
    const status = await eventually('the profile to show approved', async () => {
      const snapshot = await db.doc(`users/${uid}`).get();
      return snapshot.get('kycStatus') === 'approved' ? snapshot : undefined;
    });
    expect(status.get('kycStatusSource')).toMatchObject({ caseId });
    expect(status.get('updatedBy')).toBe('system:kyc');
    expect(status.get('version')).toBe(5);
  });

  it('GET /v1/me: the ETag changes when kycStatus does', async () => {
    const user = await userWithProfile();
    const before = await as(user, '/v1/me');
    expect(before.headers.get('etag')).toBe('"1"');
    await seedKycCase({ uid: user.uid, caseId: uniqueId('case-etag'), status: 'approved' });
    const after = await eventually('kycStatus approved', async () => {
      const response = await as<{ kycStatus: string }>(user, '/v1/me');
      return response.body.kycStatus === 'approved' ? response : undefined;
    });
    expect(after.headers.get('etag')).toBe('"2"');
  });
});

describe('AccountService.applyKycStatus (what the trigger calls)', () => {
  it('applies a newer status and ignores an older one delivered late', async () => {
    const db = testDb();
    const uid = uniqueId('u');
    await db.doc(`users/${uid}`).set({ uid, kycStatus: 'in_review', version: 1 });
    const older = new Date(Date.now() - 60_000).toISOString();
    const newer = new Date().toISOString();
    await expect(account().applyKycStatus(uid, { caseId: 'c1', status: 'approved', updatedAt: newer })).resolves.toBe('applied');
    await expect(account().applyKycStatus(uid, { caseId: 'c1', status: 'in_review', updatedAt: older })).resolves.toBe('stale');
    await expect(account().applyKycStatus(uid, { caseId: 'c1', status: 'approved', updatedAt: newer })).resolves.toBe('unchanged');
    expect((await db.doc(`users/${uid}`).get()).get('kycStatus')).toBe('approved');
    // Only the applied change bumped the version.
    expect((await db.doc(`users/${uid}`).get()).get('version')).toBe(2);
  });

  it('does nothing for a user without a profile, or with an erased one', async () => {
    const db = testDb();
    const uid = uniqueId('ghost');
    await expect(account().applyKycStatus(uid, { caseId: 'c', status: 'approved', updatedAt: new Date().toISOString() })).resolves.toBe('no-profile');
    expect((await db.doc(`users/${uid}`).get()).exists).toBe(false);
    const erased = uniqueId('erased');
    await db.doc(`users/${erased}`).set({ uid: erased, status: 'deleted', erasedAt: Timestamp.now(), version: 3 });
    await expect(account().applyKycStatus(erased, { caseId: 'c', status: 'approved', updatedAt: new Date().toISOString() })).resolves.toBe('no-profile');
    expect((await db.doc(`users/${erased}`).get()).data()).not.toHaveProperty('kycStatus');
  });
});
