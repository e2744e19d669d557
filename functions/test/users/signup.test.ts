/**
 * POST /v1/users: self-service sign-up for REST clients. Response (validated
 * against openapi.yaml), the Auth account, the profile, the audit entry, and
 * the follow-up sign-in with Firebase Auth's REST API.
 */
import { randomUUID } from 'node:crypto';
import { api } from '../../../test/http';
import { signIn } from '../../../test/identities';
import { testAuth } from '../../../test/firestore';
import { documentedStatuses } from '../../../test/contract';
import type { Profile } from '../../src/users/users.schemas';
import { as, auditAbout, profileDoc } from './helpers';

const newEmail = () => `signup-${randomUUID()}@Example.TEST`;
const PASSWORD = 'correct-horse-42';

describe('POST /v1/users', () => {
  it('documents exactly the statuses exercised here', () => {
    expect(documentedStatuses('/v1/users', 'post').sort()).toEqual(['201', '400', '409', '413', '415', '429', '500']);
  });

  it('201: creates the account and profile; the client can then sign in and read it', async () => {
    const email = newEmail();
    const response = await api<Profile>('/v1/users', { method: 'POST', body: { email: `  ${email} `, password: PASSWORD, displayName: '  Sig Nup ' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('me');
    expect(response.headers.get('etag')).toBe('"1"');
    const lower = email.toLowerCase();
    expect(response.body).toMatchObject({ email: lower, displayName: 'Sig Nup', roles: [], status: 'active', kycStatus: 'none', version: 1 });
    const { uid } = response.body;

    const account = await testAuth().getUser(uid);
    expect(account).toMatchObject({ email: lower, displayName: 'Sig Nup', disabled: false });
    // Either provisioning path may have won the create() race; both produce this.
    expect(await profileDoc(uid)).toMatchObject({ uid, email: lower, displayName: 'Sig Nup', status: 'active', version: 1 });
    const entries = await auditAbout(uid);
    expect(entries).toHaveLength(1);
    expect(['user.signed_up', 'user.profile.provisioned']).toContain(entries[0].action);
    expect(JSON.stringify(entries[0])).not.toContain(lower);

    const session = await signIn(lower, PASSWORD);
    expect(session.uid).toBe(uid);
    const me = await as<Profile>(session, '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.uid).toBe(uid);
  });

  it('409 EMAIL_EXISTS for an email already registered (any case)', async () => {
    const email = newEmail();
    expect((await api('/v1/users', { method: 'POST', body: { email, password: PASSWORD, displayName: 'First' } })).status).toBe(201);
    const again = await api('/v1/users', { method: 'POST', body: { email: email.toUpperCase(), password: PASSWORD, displayName: 'Second' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'EMAIL_EXISTS', status: 409 });
  });

  it.each([
    ['too short', 'short1'],
    ['no digit', 'only-letters-here'],
    ['no letter', '12345678901'],
  ])('400 WEAK_PASSWORD (%s), and no account is created', async (_case, password) => {
    const email = newEmail();
    const response = await api('/v1/users', { method: 'POST', body: { email, password, displayName: 'Weak' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'WEAK_PASSWORD', errors: [{ path: 'password' }] });
    await expect(testAuth().getUserByEmail(email.toLowerCase())).rejects.toMatchObject({ code: 'auth/user-not-found' });
  });

  it('400 VALIDATION_FAILED lists every bad or unknown field (no mass assignment at sign-up)', async () => {
    const response = await api('/v1/users', { method: 'POST', body: { email: 'not-an-email', password: PASSWORD, roles: ['admin'] } });
    expect(response.status).toBe(400);
    const paths = (response.body as { errors: Array<{ path: string }> }).errors.map((error) => error.path).sort();
    expect(paths).toEqual(['displayName', 'email', 'roles']);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('413 PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const response = await api('/v1/users', { method: 'POST', body: { email: newEmail(), password: PASSWORD, displayName: 'x'.repeat(70 * 1024) } });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
