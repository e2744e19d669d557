/**
 * Sessions as app developers live them, through the Auth emulator and the
 * Functions emulator: an ID token lasts one hour; the refresh token
 * (securetoken API) mints new ones the API accepts; when an admin disables,
 * soft-deletes or demotes a user, the old ID token is refused at once
 * (verifyIdToken with the revocation check on every request) and the refresh
 * token stops yielding usable tokens.
 *
 * Emulator vs production, found in firebase-tools' auth emulator
 * (operations.js grantToken, state.js validateRefreshToken): the emulator
 * refuses to refresh a disabled or deleted user, like production, but it does
 * not compare a refresh token with the user's `validSince`, so after
 * revokeRefreshTokens() alone (a role removal) it still mints ID tokens. In
 * production refresh tokens "expire when the user is disabled or deleted" and
 * revokeRefreshTokens() revokes them (firebase.google.com/docs/auth/admin/
 * manage-sessions): securetoken refuses. Either way the session is over for
 * the API: a refreshed token keeps the original `auth_time`, which is before
 * the revocation, so authenticate()'s revocation check refuses it
 * (401 TOKEN_REVOKED) — asserted below.
 *
 * Revocation has whole-second granularity (tokensValidAfterTime vs the
 * token's auth_time, both in seconds): a token signed in during the very
 * second of the revocation survives it. Tests that revoke wait for the
 * sign-in second to pass (afterSignInSecond), as production callers never
 * notice.
 */
import { randomUUID } from 'node:crypto';
import { api } from '../../../test/http';
import { bearer, createTestUser, signIn } from '../../../test/identities';
import { afterSignInSecond, as } from '../users/helpers';
import { AuthRestError, claimsOf, federatedUser, refresh } from '../../../test/providers';
import type { Session } from '../../src/users/session.schemas';

/**
 * A review-queue read for the access checks. Filtered to one status: the queue
 * is shared with kyc-pipeline.test.ts, whose refused-hand-over fixture is a
 * `submitted` case stored with an impossible date of birth (written past the
 * API on purpose), which a contract-checked unfiltered read would trip over.
 */
const QUEUE = '/v1/admin/kyc?status=on_hold';

const ADMIN_USER = '/v1/admin/users/{uid}';

async function refusal(refreshToken: string): Promise<string> {
  try {
    await refresh(refreshToken);
  } catch (error) {
    if (error instanceof AuthRestError) return error.reason;
    throw error;
  }
  throw new Error('the refresh token still yielded tokens');
}

describe('token lifetimes and refresh', () => {
  it('an ID token lives one hour; a refresh gives a new one (same uid, same provider) that the API accepts', async () => {
    const user = await federatedUser('google.com');
    const claims = claimsOf(user.idToken);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);

    const next = await refresh(user.refreshToken);
    expect(next).toMatchObject({ uid: user.uid, expiresIn: 3600 });
    expect(claimsOf(next.idToken).firebase).toMatchObject({ sign_in_provider: 'google.com' });
    const session = await as<Session>(next, '/v1/me/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ uid: user.uid, signInProvider: 'google.com' });
    expect((await as(next, '/v1/me')).status).toBe(200);
  });

  it('a refreshed token carries claims set since sign-in (a granted role arrives without signing in again)', async () => {
    const admin = await createTestUser({ roles: ['admin'] });
    const user = await createTestUser();
    expect((await as(user, '/v1/me')).status).toBe(200);
    const granted = await as(admin, `/v1/admin/users/${user.uid}`, { method: 'PATCH', operation: ADMIN_USER, body: { roles: ['support'] } });
    expect(granted.status).toBe(200);
    expect((await as(user, QUEUE)).status).toBe(403);
    const next = await refresh(user.refreshToken);
    expect(claimsOf(next.idToken).roles).toEqual(['support']);
    expect((await as(next, QUEUE)).status).toBe(200);
  });

  it('a garbage refresh token is refused by Auth', async () => {
    expect(await refusal(`not-a-token-${randomUUID()}`)).toMatch(/INVALID_REFRESH_TOKEN/);
  });
});

describe('revocation by an admin', () => {
  it('disable: the old ID token is refused at once (401) and the refresh token yields nothing (USER_DISABLED)', async () => {
    const admin = await createTestUser({ roles: ['admin'] });
    const user = await federatedUser('oidc.acme');
    expect((await as(user, '/v1/me')).status).toBe(200);
    expect((await as(user, '/v1/me')).status).toBe(200);

    const disabled = await as(admin, `/v1/admin/users/${user.uid}`, { method: 'PATCH', operation: ADMIN_USER, body: { status: 'disabled' } });
    expect(disabled.status).toBe(200);

    const refused = await api<{ code: string }>('/v1/me', { headers: bearer(user.idToken) });
    expect(refused.status).toBe(401);
    expect(['USER_DISABLED', 'TOKEN_REVOKED']).toContain(refused.body.code);
    expect(await refusal(user.refreshToken)).toBe('USER_DISABLED');
  });

  it('re-enabling does not revive the old ID token (issued before the revocation); a fresh sign-in works', async () => {
    const admin = await createTestUser({ roles: ['admin'] });
    const user = await createTestUser();
    expect((await as(user, '/v1/me')).status).toBe(200);
    const path = `/v1/admin/users/${user.uid}`;
    await afterSignInSecond(user);
    expect((await as(admin, path, { method: 'PATCH', operation: ADMIN_USER, body: { status: 'disabled' } })).status).toBe(200);
    expect((await as(admin, path, { method: 'PATCH', operation: ADMIN_USER, body: { status: 'active' } })).status).toBe(200);
    const stale = await api<{ code: string }>('/v1/me', { headers: bearer(user.idToken) });
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('TOKEN_REVOKED');
    expect((await as(await signIn(user.email, user.password), '/v1/me')).status).toBe(200);
  });

  it('soft delete: old token refused, refresh refused', async () => {
    const admin = await createTestUser({ roles: ['admin'] });
    const user = await federatedUser('apple.com');
    expect((await as(user, '/v1/me')).status).toBe(200);
    expect((await as(admin, `/v1/admin/users/${user.uid}`, { method: 'DELETE', operation: ADMIN_USER })).status).toBe(204);
    expect((await api('/v1/me', { headers: bearer(user.idToken) })).status).toBe(401);
    expect(await refusal(user.refreshToken)).toBe('USER_DISABLED');
  });

  it('role removal: the old token is refused at once (TOKEN_REVOKED), so is any token refreshed from the old session; a new sign-in has no role', async () => {
    const admin = await createTestUser({ roles: ['admin'] });
    const support = await createTestUser({ roles: ['support'] });
    expect((await as(support, QUEUE)).status).toBe(200);
    await afterSignInSecond(support);

    const demoted = await as(admin, `/v1/admin/users/${support.uid}`, { method: 'PATCH', operation: ADMIN_USER, body: { roles: [] } });
    expect(demoted.status).toBe(200);
    const old = await api<{ code: string }>(QUEUE, { headers: bearer(support.idToken) });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('TOKEN_REVOKED');

    // The emulator still mints a token here (production refuses the refresh; see the header comment),
    // but it keeps the pre-revocation auth_time, so the API refuses it on every route.
    const next = await refresh(support.refreshToken);
    expect(claimsOf(next.idToken).auth_time).toBe(claimsOf(support.idToken).auth_time);
    for (const path of [QUEUE, '/v1/me']) {
      const after = await api<{ code: string }>(path, { headers: bearer(next.idToken) });
      expect([path, after.status, after.body.code]).toEqual([path, 401, 'TOKEN_REVOKED']);
    }
    // Signing in again is the way back, without the role.
    const fresh = await signIn(support.email, support.password);
    expect((await as<{ code: string }>(fresh, QUEUE)).body.code).toBe('FORBIDDEN');
  });

  it('erasure (DELETE /v1/me): the account is gone, so its refresh token is refused', async () => {
    const user = await federatedUser('google.com');
    expect((await as(user, '/v1/me')).status).toBe(200);
    expect((await as(user, '/v1/me', { method: 'DELETE' })).status).toBe(204);
    expect(await refusal(user.refreshToken)).toMatch(/INVALID_REFRESH_TOKEN|USER_NOT_FOUND/);
  });
});
