/**
 * Shared helpers of the profile and admin-user suites: profiles that exist
 * (waiting for the Auth trigger rather than racing it), audit lookups, API
 * keys, and a bearer-authenticated call shorthand.
 */
import { randomUUID } from 'node:crypto';
import type { Timestamp } from 'firebase-admin/firestore';
import { testServices } from '../../../test/services';
import type { ApiKeyScope } from '../../src/kernel/principal';
import { api, type ApiCall, type ApiResponse } from '../../../test/http';
import { bearer, createTestUser, type TestUser } from '../../../test/identities';
import { eventually, testAuth, testDb } from '../../../test/firestore';

export interface AuditDoc {
  id: string;
  action: string;
  actor: { type: string; id: string; ip?: string; userAgent?: string };
  target: { type: string; id: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  at: Timestamp;
}

/** A call with the user's ID token. */
export function as<T = unknown>(user: { idToken: string }, path: string, call: ApiCall = {}): Promise<ApiResponse<T>> {
  return api<T>(path, { ...call, headers: { ...bearer(user.idToken), ...call.headers } });
}

/** The profile document, or undefined. */
export async function profileDoc(uid: string): Promise<Record<string, unknown> | undefined> {
  const snapshot = await testDb().doc(`users/${uid}`).get();
  return snapshot.exists ? snapshot.data() : undefined;
}

/** Wait until the Auth trigger (or anything) has created the profile. */
export function profileCreated(uid: string): Promise<Record<string, unknown>> {
  return eventually(`profile users/${uid}`, () => profileDoc(uid));
}

/** A signed-in user whose profile exists (created by the Auth trigger). */
export async function userWithProfile(options: { roles?: string[]; displayName?: string } = {}): Promise<TestUser> {
  const user = await createTestUser(options);
  await profileCreated(user.uid);
  return user;
}

/** Audit entries whose target or actor is `id`, oldest first. */
export async function auditAbout(id: string, field: 'target.id' | 'actor.id' = 'target.id'): Promise<AuditDoc[]> {
  const snapshot = await testDb().collection('auditLogs').where(field, '==', id).get();
  return snapshot.docs
    .map((doc) => ({ id: doc.id, ...(doc.data() as Omit<AuditDoc, 'id'>) }))
    .sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/** The single entry with `action` about `targetId` (fails when there is not exactly one). */
export async function oneAudit(targetId: string, action: string): Promise<AuditDoc> {
  const entries = (await auditAbout(targetId)).filter((entry) => entry.action === action);
  if (entries.length !== 1) throw new Error(`expected one ${action} audit entry for ${targetId}, found ${entries.length}`);
  return entries[0];
}

/** A stored API key with `scopes`; returns the full key to send in X-API-Key. */
export async function apiKeyWith(scopes: ApiKeyScope[]): Promise<string> {
  const created = await testServices().apiKeys.create({ name: `test-${randomUUID().slice(0, 8)}`, scopes }, { actor: { type: 'system', id: 'test' } });
  return created.secret;
}

/**
 * Revoke the user's sessions so that `idToken` is refused. Revocation has
 * one-second granularity (a token whose auth_time is the revocation second
 * stays valid), so this first waits for the clock to leave that second.
 */
export async function revokeSessionsOf(user: { uid: string; idToken: string }): Promise<void> {
  await afterSignInSecond(user);
  await testAuth().revokeRefreshTokens(user.uid);
}

/**
 * Wait until the clock has left the second `idToken` was signed in, so a
 * revocation from now on (by the test or by the code under test) refuses it.
 */
export async function afterSignInSecond(user: { idToken: string }): Promise<void> {
  const payload = JSON.parse(Buffer.from(user.idToken.split('.')[1], 'base64url').toString('utf8')) as { auth_time: number };
  await eventually('the clock to pass the sign-in second', async () => (Date.now() >= (payload.auth_time + 1) * 1000 ? true : undefined));
}
