/**
 * POST /v1/me/kyc and the applicant's account: the profile is provisioned
 * before the case (so kycStatus follows it), a case can never be opened once
 * the erasure tombstone is written (and none survives a racing erasure), the
 * date-of-birth rule is the profile's, and the opening audit entry carries no
 * uid. Responses validated against openapi.yaml.
 */
import { eventually, testDb } from '../../../test/firestore';
import { as, auditAbout, profileDoc, userWithProfile } from '../users/helpers';
import { applicant, submitKyc } from './kyc-helpers';

const casesOf = async (uid: string) => (await testDb().collection('kycCases').where('uid', '==', uid).get()).docs;

describe('POST /v1/me/kyc: the applicant\'s profile', () => {
  it('201 for a user whose profile is missing: the profile is provisioned first, and its kycStatus then follows the case', async () => {
    const user = await userWithProfile();
    await testDb().doc(`users/${user.uid}`).delete();
    const response = await submitKyc(user, applicant('Pending'));
    expect(response.status).toBe(201);
    expect(await profileDoc(user.uid)).toMatchObject({ uid: user.uid, status: 'active' });
    await eventually('the profile to follow the case', async () => {
      const status = (await profileDoc(user.uid))?.kycStatus;
      return status === 'submitted' || status === 'in_review' ? true : undefined;
    });
  });

  it('201: the kyc.case.opened audit entry names the case as target and holds no uid', async () => {
    const user = await userWithProfile();
    const response = await submitKyc(user, applicant('Pending'));
    expect(response.status).toBe(201);
    const [opened] = (await auditAbout(String(response.body.id))).filter((entry) => entry.action === 'kyc.case.opened');
    expect(opened.actor.id).toBe(user.uid);
    expect(opened.after).not.toHaveProperty('uid');
    expect(JSON.stringify(opened.after)).not.toContain(user.uid);
  });

  it('400: an age under 16 is refused by the same rule as the profile\'s date of birth', async () => {
    const user = await userWithProfile();
    const tooYoung = new Date(Date.now() - 10 * 365.25 * 24 * 3_600_000).toISOString().slice(0, 10);
    const response = await submitKyc(user, applicant('Pending', { dateOfBirth: tooYoung }));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'dateOfBirth', message: 'The age must be between 16 and 120 years.' }]);
    const profile = await as(user, '/v1/me', { method: 'PATCH', body: { dateOfBirth: tooYoung } });
    expect(profile.status).toBe(400);
    expect((profile.body as { errors: unknown[] }).errors).toEqual([{ path: 'dateOfBirth', message: 'The age must be between 16 and 120 years.' }]);
    expect(await casesOf(user.uid)).toHaveLength(0);
  });
});

describe('POST /v1/me/kyc racing DELETE /v1/me', () => {
  it('403 ACCOUNT_DELETED once the erasure tombstone is written, while the token is still valid; nothing stored', async () => {
    const user = await userWithProfile();
    // Step 1 of the erasure done, the Auth account not yet deleted: the token still authenticates.
    await testDb().doc(`users/${user.uid}`).set({ uid: user.uid, status: 'deleted', erasedAt: new Date(), version: 2 });
    const response = await submitKyc(user, applicant('Pending'));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ACCOUNT_DELETED');
    expect(await casesOf(user.uid)).toHaveLength(0);
    expect((await auditAbout(user.uid, 'actor.id')).filter((entry) => entry.action === 'kyc.case.opened')).toHaveLength(0);
  });

  it('concurrent submission and erasure: the erasure succeeds and no case of the user survives it', async () => {
    const user = await userWithProfile();
    const [submitted, erased] = await Promise.all([submitKyc(user, applicant('Pending')), as(user, '/v1/me', { method: 'DELETE' })]);
    expect(erased.status).toBe(204);
    // Either the case was opened before the tombstone (then the erasure deleted it) or refused (403) / unauthenticated (401).
    expect([201, 401, 403]).toContain(submitted.status);
    expect(await casesOf(user.uid)).toHaveLength(0);
    expect(await profileDoc(user.uid)).toMatchObject({ status: 'deleted' });
  });
});
