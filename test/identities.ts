/**
 * Real identities for API tests, made through the Auth emulator: users signed
 * up and signed in over its REST API (exactly what the client SDK does), role
 * claims set with firebase-admin, and the awkward cases an authorization
 * matrix needs (expired, malformed, disabled, revoked).
 */
import { randomUUID } from 'node:crypto';
import { stackEnv } from './env';
import { testAuth, testDb } from './firestore';

const IDENTITY_TOOLKIT = '/identitytoolkit.googleapis.com/v1';

export interface TestUser {
  uid: string;
  email: string;
  password: string;
  idToken: string;
  refreshToken: string;
}

async function identityToolkit<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${stackEnv.authUrl}${IDENTITY_TOOLKIT}/${path}?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(`Auth emulator ${path} failed: ${json.error?.message ?? response.status}`);
  return json;
}

/** Sign in with email and password; returns fresh tokens (carrying current claims). */
export async function signIn(email: string, password: string): Promise<{ uid: string; idToken: string; refreshToken: string }> {
  const result = await identityToolkit<{ localId: string; idToken: string; refreshToken: string }>('accounts:signInWithPassword', {
    email,
    password,
    returnSecureToken: true,
  });
  return { uid: result.localId, idToken: result.idToken, refreshToken: result.refreshToken };
}

/**
 * Sign up a new user the way the client SDK does. With `roles`, the claim is
 * set and the user signs in again so the returned token carries it.
 */
export async function createTestUser(options: { roles?: string[]; email?: string; displayName?: string } = {}): Promise<TestUser> {
  const email = options.email ?? `user-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  const signUp = await identityToolkit<{ localId: string; idToken: string; refreshToken: string }>('accounts:signUp', {
    email,
    password,
    displayName: options.displayName,
    returnSecureToken: true,
  });
  if (!options.roles?.length) return { uid: signUp.localId, email, password, idToken: signUp.idToken, refreshToken: signUp.refreshToken };
  await testAuth().setCustomUserClaims(signUp.localId, { roles: options.roles });
  const fresh = await signIn(email, password);
  // Firestore is the source of truth for roles (claims are rebuilt from
  // users/{uid}.roles), so mirror them into the profile: make sure it exists
  // (first-call provisioning), then set its roles as an admin change would.
  const me = await fetch(`${stackEnv.apiUrl}/v1/me`, { headers: bearer(fresh.idToken) });
  if (!me.ok) throw new Error(`provisioning the profile of a test user failed: ${me.status}`);
  await testDb().doc(`users/${signUp.localId}`).update({ roles: options.roles });
  return { email, password, ...fresh, uid: signUp.localId };
}

/** An unsigned emulator-style token whose `exp` is in the past. */
export function expiredTokenFor(uid: string): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    encode({ alg: 'none', typ: 'JWT' }),
    encode({
      iss: `https://securetoken.google.com/${stackEnv.projectId}`,
      aud: stackEnv.projectId,
      auth_time: now - 7200,
      user_id: uid,
      sub: uid,
      iat: now - 7200,
      exp: now - 3600,
      firebase: { identities: {}, sign_in_provider: 'password' },
    }),
    '',
  ].join('.');
}

/** A token for a user who is then disabled in Auth. */
export async function disabledUserToken(): Promise<string> {
  const user = await createTestUser();
  await testAuth().updateUser(user.uid, { disabled: true });
  return user.idToken;
}

/** Bearer header helper. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
