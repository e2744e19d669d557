/**
 * Federated sign-in, end to end: Google, Apple and a generic OIDC provider
 * through the Auth emulator's accounts:signInWithIdp (REST, and the `firebase`
 * JS SDK's signInWithCredential), each ending with a profile by both paths
 * (Auth trigger, first-call provisioning), GET /v1/me, the sign-in provider as
 * the API reports it (GET /v1/me/session, admin user details), and a KYC
 * submission. Linking providers never makes a second account or profile.
 *
 * Unverified emails (decision, README "Signing in"): the API keys everything
 * by uid and never by email, grants nothing for an email, and does not gate
 * on verification (KYC verifies the person with documents); it reports
 * `emailVerified` in GET /v1/me/session. Firebase Auth already refuses the
 * risky case: an IdP sign-in with an unverified email that belongs to an
 * existing account gets no tokens (needConfirmation).
 */
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, getAuth, GoogleAuthProvider, OAuthProvider, signInWithCredential, linkWithCredential, signInWithEmailAndPassword } from 'firebase/auth';
import { applicant } from '../kyc/kyc-fixtures';
import { as, profileCreated, profileDoc, auditAbout } from '../users/helpers';
import { createTestUser } from '../../../test/identities';
import { stackEnv } from '../../../test/env';
import { testAuth, testDb } from '../../../test/firestore';
import { FEDERATED_PROVIDERS, claimsOf, federatedUser, idpClaims, signInWithIdp } from '../../../test/providers';
import type { Profile } from '../../src/users/users.schemas';
import type { Session } from '../../src/users/session.schemas';

/** A fresh client SDK app talking to the stack's Auth emulator. */
function clientApp(): FirebaseApp {
  const app = initializeApp({ apiKey: 'demo-api-key', projectId: stackEnv.projectId, authDomain: `${stackEnv.projectId}.firebaseapp.com` }, `providers-${Math.random()}`);
  connectAuthEmulator(getAuth(app), stackEnv.authUrl, { disableWarnings: true });
  return app;
}

/** The client SDK credential of each provider, from an IdP id_token. */
function sdkCredential(providerId: string, idToken: string) {
  return providerId === 'google.com' ? GoogleAuthProvider.credential(idToken) : new OAuthProvider(providerId).credential({ idToken });
}

async function profilesWithEmail(email: string): Promise<number> {
  return (await testDb().collection('users').where('email', '==', email).get()).size;
}

describe.each(FEDERATED_PROVIDERS)('%s sign-in', (providerId) => {
  it('REST signInWithIdp → profile by the Auth trigger → GET /v1/me, session provider, admin details, KYC submission', async () => {
    const user = await federatedUser(providerId);
    expect(claimsOf(user.idToken).firebase).toMatchObject({ sign_in_provider: providerId });

    // Path (a): the Auth emulator fires onUserCreated; no API call needed.
    expect(await profileCreated(user.uid)).toMatchObject({ uid: user.uid, email: user.claims.email, createdBy: 'system:auth-trigger' });

    const me = await as<Profile>(user, '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ uid: user.uid, email: user.claims.email, displayName: 'Fed Erated', status: 'active', roles: [] });

    const session = await as<Session>(user, '/v1/me/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ uid: user.uid, signInProvider: providerId, secondFactor: null, emailVerified: true, staffMfaSatisfied: true });
    expect(session.body.identities).toEqual(expect.arrayContaining([providerId, 'email']));
    expect(Date.parse(session.body.expiresAt) - Date.parse(session.body.issuedAt)).toBe(3_600_000);

    const admin = await createTestUser({ roles: ['admin'] });
    const details = await as<{ auth: { providers: string[]; emailVerified: boolean } }>(admin, `/v1/admin/users/${user.uid}`, { operation: '/v1/admin/users/{uid}' });
    expect(details.status).toBe(200);
    expect(details.body.auth).toMatchObject({ providers: [providerId], emailVerified: true });

    const kyc = await as<{ status: string }>(user, '/v1/me/kyc', { method: 'POST', body: applicant() });
    expect(kyc.status).toBe(201);
    expect(kyc.body.status).toBe('submitted');
  });

  it('first-call provisioning: with no profile yet, GET /v1/me creates it from the federated account', async () => {
    const user = await federatedUser(providerId, idpClaims({ name: 'First Caller' }));
    // Let the trigger finish, then remove its work so the first call must provision (as a lost delivery would).
    await profileCreated(user.uid);
    await testDb().doc(`users/${user.uid}`).delete();
    for (const entry of await auditAbout(user.uid)) await testDb().doc(`auditLogs/${entry.id}`).delete();

    const me = await as<Profile>(user, '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ uid: user.uid, email: user.claims.email, displayName: 'First Caller', createdBy: 'system:first-call' });
    expect(await profileDoc(user.uid)).toMatchObject({ createdBy: 'system:first-call' });
  });

  it('the firebase JS SDK: signInWithCredential against the emulator gives an ID token the API accepts', async () => {
    const app = clientApp();
    try {
      const claims = idpClaims();
      const credential = await signInWithCredential(getAuth(app), sdkCredential(providerId, JSON.stringify(claims)));
      expect(credential.user.providerData.map((info) => info.providerId)).toEqual([providerId]);
      const idToken = await credential.user.getIdToken();
      const session = await as<Session>({ idToken }, '/v1/me/session');
      expect(session.body).toMatchObject({ uid: credential.user.uid, signInProvider: providerId });
      const me = await as<Profile>({ idToken }, '/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(claims.email);
    } finally {
      await deleteApp(app);
    }
  });

  it('signing in again with the same IdP subject returns the same account and profile', async () => {
    const first = await federatedUser(providerId);
    await profileCreated(first.uid);
    const again = await federatedUser(providerId, first.claims);
    expect(again.uid).toBe(first.uid);
    expect((await as<Profile>(again, '/v1/me')).body.version).toBe(1);
    expect(await profilesWithEmail(first.claims.email as string)).toBe(1);
  });
});

describe('linking a second provider', () => {
  it('REST: a password user links Google; one account, one profile, both identities, Google sign-in reaches the same uid', async () => {
    const user = await createTestUser();
    await testAuth().updateUser(user.uid, { emailVerified: true });
    await profileCreated(user.uid);
    const claims = idpClaims({ email: user.email });
    const linked = await signInWithIdp('google.com', claims, user.idToken);
    expect(linked.uid).toBe(user.uid);

    const viaGoogle = await federatedUser('google.com', claims);
    expect(viaGoogle.uid).toBe(user.uid);
    const session = await as<Session>(viaGoogle, '/v1/me/session');
    expect(session.body).toMatchObject({ signInProvider: 'google.com' });
    expect(session.body.identities).toEqual(['email', 'google.com']);
    expect((await as<Profile>(viaGoogle, '/v1/me')).body).toMatchObject({ uid: user.uid, version: 1 });
    expect(await profilesWithEmail(user.email)).toBe(1);
    expect((await testAuth().getUser(user.uid)).providerData.map((info) => info.providerId).sort()).toEqual(['google.com', 'password']);
  });

  it('SDK: linkWithCredential(Apple) on a Google user keeps one uid and one profile', async () => {
    const app = clientApp();
    try {
      const auth = getAuth(app);
      const google = await signInWithCredential(auth, GoogleAuthProvider.credential(JSON.stringify(idpClaims())));
      await profileCreated(google.user.uid);
      const apple = await linkWithCredential(google.user, sdkCredential('apple.com', JSON.stringify(idpClaims({ email: google.user.email ?? undefined }))));
      expect(apple.user.uid).toBe(google.user.uid);
      expect(apple.user.providerData.map((info) => info.providerId).sort()).toEqual(['apple.com', 'google.com']);
      const me = await as<Profile>({ idToken: await apple.user.getIdToken(true) }, '/v1/me');
      expect(me.body).toMatchObject({ uid: google.user.uid, version: 1 });
      expect(await profilesWithEmail(google.user.email as string)).toBe(1);
    } finally {
      await deleteApp(app);
    }
  });

  it('a second provider with the same verified email signs in to the existing account (Auth links it), not a new one', async () => {
    const google = await federatedUser('google.com');
    await profileCreated(google.uid);
    const oidc = await federatedUser('oidc.acme', idpClaims({ email: google.claims.email }));
    expect(oidc.uid).toBe(google.uid);
    expect(await profilesWithEmail(google.claims.email as string)).toBe(1);
  });
});

describe('unverified email (documented choice)', () => {
  it('a new OIDC account with an unverified email gets a profile, uses the API and may start KYC; the session says emailVerified: false', async () => {
    const user = await federatedUser('oidc.acme', idpClaims({ email_verified: false }));
    expect(claimsOf(user.idToken).email_verified).toBe(false);
    const me = await as<Profile>(user, '/v1/me');
    expect(me.status).toBe(200);
    expect((await as<Session>(user, '/v1/me/session')).body).toMatchObject({ emailVerified: false, signInProvider: 'oidc.acme' });
    expect((await as(user, '/v1/me/kyc', { method: 'POST', body: applicant() })).status).toBe(201);
  });

  it("an IdP asserting someone else's email without verifying it gets no session: Auth asks for confirmation, no account, no profile", async () => {
    const owner = await createTestUser();
    await profileCreated(owner.uid);
    const attempt = await signInWithIdp('oidc.acme', idpClaims({ email: owner.email, email_verified: false }));
    expect(attempt).toMatchObject({ needConfirmation: true });
    expect(attempt.idToken).toBeUndefined();
    expect(await profilesWithEmail(owner.email)).toBe(1);
    // And the owner's password still works: nothing was taken over.
    const app = clientApp();
    try {
      await expect(signInWithEmailAndPassword(getAuth(app), owner.email, owner.password)).resolves.toMatchObject({ user: { uid: owner.uid } });
    } finally {
      await deleteApp(app);
    }
  });
});
