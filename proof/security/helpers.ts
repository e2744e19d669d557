/**
 * Shared pieces of the security proof: identities with roles, API keys,
 * problem assertions that also check for leaked internals, and a raw client
 * for requests the contract-validating api() must not judge (probes of
 * routes that do not exist, methods no operation has).
 */
import { randomUUID } from 'node:crypto';
import { Timestamp } from 'firebase-admin/firestore';
import type { ApiKeyScope } from '../../functions/src/kernel/principal';
import { stackEnv } from '../../test/env';
import { testDb } from '../../test/firestore';
import { testServices } from '../../test/services';
import type { ApiResponse } from '../../test/http';
import { userWithProfile } from '../../functions/test/users/helpers';
import type { TestUser } from '../../test/identities';

export { userWithProfile };
export type { TestUser };

/** Stack traces, file paths, SDK and transport error names: none may reach a client. */
const INTERNALS = /\bat [\w.<>$]+ \(|node_modules|\/work\/|\.[jt]s:\d+|\bTypeError\b|\bReferenceError\b|\bSyntaxError\b|FirebaseAuthError|FirebaseError|\bgrpc\b|ECONNREFUSED|ETIMEDOUT|Unexpected token/i;

/** The text must not contain internals. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(INTERNALS);
}

/** An RFC 9457 problem with `status` (and `code`), with no internals in it. */
export function expectProblem(response: Pick<ApiResponse, 'status' | 'headers' | 'text' | 'body'>, status: number, code?: string | RegExp): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  const body = response.body as { status?: number; code?: string };
  expect(body.status).toBe(status);
  if (typeof code === 'string') expect(body.code).toBe(code);
  else if (code) expect(body.code).toMatch(code);
  expectNoInternals(response.text);
}

/** A raw call to the api function (no contract check): for probes outside the contract. */
export async function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<ApiResponse<Record<string, unknown>>> {
  const response = await fetch(`${stackEnv.apiUrl}${path}`, { method: init.method ?? 'GET', headers: init.headers, body: init.body, redirect: 'manual' });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (/json/.test(response.headers.get('content-type') ?? '') && text) {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { unparsable: text.slice(0, 200) };
    }
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Admin, support and plain users with profiles, made once per file. */
export async function cast(): Promise<{ admin: TestUser; support: TestUser; alice: TestUser; bob: TestUser }> {
  const [admin, support, alice, bob] = await Promise.all([person({ roles: ['admin'] }), person({ roles: ['support'] }), person(), person()]);
  return { admin, support, alice, bob };
}

/**
 * userWithProfile(), retried once on a transport error: under load the Auth
 * emulator sometimes closes a kept-alive socket just as it is reused, which
 * says nothing about the API under test.
 */
async function person(options: { roles?: string[] } = {}): Promise<TestUser> {
  try {
    return await userWithProfile(options);
  } catch (error) {
    if (!String((error as Error).message).includes('fetch failed')) throw error;
    return userWithProfile(options);
  }
}

/** A stored API key with `scopes` (optionally expired or revoked); returns the full key for X-API-Key. */
export async function apiKey(scopes: readonly string[], state: 'active' | 'expired' | 'revoked' = 'active'): Promise<{ key: string; id: string }> {
  // Created through the API-key service (audited like any key), then aged or revoked in place.
  const created = await testServices().apiKeys.create(
    // Scopes as strings: the proof also creates keys with scopes the code may no longer define.
    { name: `security-${randomUUID().slice(0, 8)}`, scopes: [...scopes] as ApiKeyScope[] },
    { actor: { type: 'system', id: 'security-proof' } },
  );
  if (state === 'expired') await testDb().doc(`apiKeys/${created.id}`).update({ expiresAt: Timestamp.fromMillis(Date.now() - 60_000) });
  if (state === 'revoked') await testDb().doc(`apiKeys/${created.id}`).update({ revokedAt: Timestamp.now(), revokedBy: 'security-proof' });
  return { key: created.secret, id: created.id };
}

/** A JWT with the given header and payload and a junk signature (the Auth emulator accepts alg none). */
export function forgedToken(header: Record<string, unknown>, payload: Record<string, unknown>, signature = ''): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.${signature}`;
}

/** Claims of a well-formed emulator ID token for `uid`, to be altered one at a time. */
export function claimsFor(uid: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: `https://securetoken.google.com/${stackEnv.projectId}`,
    aud: stackEnv.projectId,
    auth_time: now - 60,
    user_id: uid,
    sub: uid,
    iat: now - 60,
    exp: now + 3600,
    firebase: { identities: {}, sign_in_provider: 'password' },
    ...overrides,
  };
}
