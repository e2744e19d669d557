/**
 * A profile exists for every Auth user from sign-up on, by two paths:
 *  (a) the Auth onCreate trigger, delivered by the Functions emulator from the
 *      Auth emulator (offline), and its plain handler called directly;
 *  (b) first-call provisioning on /v1/me, race-safe under parallel calls.
 */
import { handleUserCreated } from '../../src/users/users.triggers';
import { testServices } from '../../../test/services';
import { createTestUser } from '../../../test/identities';
import { testAuth, testDb, uniqueId } from '../../../test/firestore';
import { as, auditAbout, profileCreated, profileDoc } from './helpers';
import type { Profile } from '../../src/users/users.schemas';

const account = () => testServices().account;

describe('path (a): Auth onCreate trigger', () => {
  it('a client-SDK style sign-up gets a profile with no API call at all', async () => {
    const user = await createTestUser({ displayName: 'Trigger Tess' });
    const profile = await profileCreated(user.uid);
    expect(profile).toMatchObject({
      uid: user.uid,
      email: user.email,
      displayName: 'Trigger Tess',
      roles: [],
      status: 'active',
      kycStatus: 'none',
      version: 1,
      createdBy: 'system:auth-trigger',
    });
    const [entry] = await auditAbout(user.uid);
    expect(entry).toMatchObject({ action: 'user.profile.provisioned', actor: { type: 'system', id: 'auth-trigger' } });
    expect(entry.after).toMatchObject({ email: '[REDACTED]', displayName: '[REDACTED]', status: 'active' });
  });

  it('an account created with the Admin SDK, with a role claim, gets a profile carrying the role', async () => {
    const uid = uniqueId('admin-made');
    await testAuth().createUser({ uid, email: `${uid}@example.test`, displayName: 'Made By Admin' });
    await testAuth().setCustomUserClaims(uid, { roles: ['support'] });
    const profile = await profileCreated(uid);
    expect(profile).toMatchObject({ uid, email: `${uid}@example.test`, createdBy: 'system:auth-trigger' });
  });

  it('the handler is idempotent: a redelivery neither overwrites nor audits twice', async () => {
    const uid = uniqueId('direct');
    const event = { uid, email: `${uid}@example.test`, displayName: 'Direct Dora', customClaims: { roles: ['admin', 'bogus'] } };
    await expect(handleUserCreated(event, account())).resolves.toBe('created');
    await testDb().doc(`users/${uid}`).update({ givenName: 'Dora' });
    await expect(handleUserCreated(event, account())).resolves.toBe('exists');
    const profile = await profileDoc(uid);
    expect(profile).toMatchObject({ roles: ['admin'], givenName: 'Dora', version: 1 });
    expect((await auditAbout(uid)).map((entry) => entry.action)).toEqual(['user.profile.provisioned']);
  });

  it('never resurrects an erased profile (the tombstone wins the create race)', async () => {
    const uid = uniqueId('erased');
    await testDb().doc(`users/${uid}`).set({ uid, status: 'deleted', erasedAt: new Date(), version: 3 });
    await expect(handleUserCreated({ uid, email: `${uid}@example.test` }, account())).resolves.toBe('exists');
    expect(await profileDoc(uid)).not.toHaveProperty('email');
  });
});

describe('path (b): first-call provisioning on /v1/me', () => {
  it('creates the missing profile from the Auth account, once, even under 3 parallel first calls', async () => {
    const user = await createTestUser({ displayName: 'First Call Fay', roles: ['support'] });
    // Let the trigger do its work, then remove its result so /v1/me must provision.
    await profileCreated(user.uid);
    await testDb().doc(`users/${user.uid}`).delete();
    for (const entry of await auditAbout(user.uid)) await testDb().doc(`auditLogs/${entry.id}`).delete();

    const responses = await Promise.all(Array.from({ length: 3 }, () => as<Profile>(user, '/v1/me')));
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ uid: user.uid, email: user.email, displayName: 'First Call Fay', roles: ['support'], version: 1 });
      expect(response.headers.get('etag')).toBe('"1"');
    }
    expect(new Set(responses.map((response) => response.body.createdAt)).size).toBe(1);
    expect(await profileDoc(user.uid)).toMatchObject({ createdBy: 'system:first-call', version: 1 });
    const entries = await auditAbout(user.uid);
    expect(entries.map((entry) => entry.action)).toEqual(['user.profile.provisioned']);
    expect(entries[0].actor).toMatchObject({ type: 'user', id: user.uid });
  }, 120_000);
});
