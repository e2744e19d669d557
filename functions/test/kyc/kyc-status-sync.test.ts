/**
 * onKycCaseWritten keeps users/{uid}.kycStatus in step with the case.
 * End to end: a write to the embedded Firestore emulator is delivered as a
 * CloudEvent to the Functions emulator, whose handler updates the profile.
 * The sync itself is also driven directly to prove it is monotonic.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { syncProfileKycStatus } from '../../src/kyc/kyc.status-sync';
import { eventually, testDb, uniqueId } from '../../../test/firestore';

describe('trigger delivery through the local stack', () => {
  it('a case status write reaches the profile', async () => {
    const db = testDb();
    const uid = uniqueId('u');
    const caseId = uniqueId('case');
    await db.doc(`users/${uid}`).set({ uid, kycStatus: 'none' });
    await db.doc(`kycCases/${caseId}`).set({ uid, status: 'approved', attempt: 1, updatedAt: Timestamp.now() });
    const status = await eventually('the profile to show approved', async () => {
      const snapshot = await db.doc(`users/${uid}`).get();
      return snapshot.get('kycStatus') === 'approved' ? snapshot : undefined;
    });
    expect(status.get('kycStatusSource')).toMatchObject({ caseId });
    expect(status.get('updatedBy')).toBe('system:kyc');
  });
});

describe('syncProfileKycStatus', () => {
  it('applies a newer status and ignores an older one delivered late', async () => {
    const db = testDb();
    const uid = uniqueId('u');
    await db.doc(`users/${uid}`).set({ uid, kycStatus: 'in_review' });
    const older = Timestamp.fromMillis(Date.now() - 60_000);
    const newer = Timestamp.now();
    await expect(syncProfileKycStatus(db, { caseId: 'c1', uid, status: 'approved', updatedAt: newer })).resolves.toBe('applied');
    await expect(syncProfileKycStatus(db, { caseId: 'c1', uid, status: 'in_review', updatedAt: older })).resolves.toBe('stale');
    await expect(syncProfileKycStatus(db, { caseId: 'c1', uid, status: 'approved', updatedAt: newer })).resolves.toBe('unchanged');
    expect((await db.doc(`users/${uid}`).get()).get('kycStatus')).toBe('approved');
  });

  it('does nothing for a user without a profile', async () => {
    const db = testDb();
    const uid = uniqueId('ghost');
    await expect(syncProfileKycStatus(db, { caseId: 'c', uid, status: 'approved', updatedAt: Timestamp.now() })).resolves.toBe('no-profile');
    expect((await db.doc(`users/${uid}`).get()).exists).toBe(false);
  });
});
