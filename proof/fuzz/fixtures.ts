/**
 * The world the fuzzer attacks, built through the real API (in-process app)
 * and the Auth emulator before any fuzz request is sent:
 *   - users: an ordinary user whose KYC case went through the real pipeline to
 *     a final `rejected` (so every decision on it and every new submission by
 *     them is refused), a support user, an admin, a target user for the admin
 *     routes, a soft-deleted user;
 *   - credentials that must fail: an expired token, a disabled user's token, a
 *     token whose session was revoked, a revoked and an expired API key;
 *   - API keys with each scope, and one "victim" key revocation attempts aim at.
 * Then it waits until the stack is quiet (the KYC pipeline and the Auth
 * trigger have settled), so snapshots only move if a fuzz request moves them.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../functions/src/app';
import { createServices, productionPlatform } from '../../functions/src/composition';
import { ensureLocalSecrets } from '../../scripts/src/local-secrets';
import { bearer, createTestUser, expiredTokenFor, type TestUser } from '../../test/identities';
import { eventually, testAuth, testDb } from '../../test/firestore';
import type { FuzzContext } from './client';
import { diff, snapshot } from './state';

const HOUR_MS = 3_600_000;

export interface InProcessServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * createApp() on an ephemeral port against the stack's Auth and Firestore
 * emulators: the same code the api function runs, with limits high enough
 * for 10,000 requests from one address (product defaults stay untouched).
 */
export async function serveInProcess(webhookSecrets: string[]): Promise<InProcessServer> {
  // Params (KYC_MAX_ATTEMPTS...) as the Functions emulator resolves them for the demo project.
  for (const line of readFileSync(resolve(__dirname, '../../functions/.env.demo-nff'), 'utf8').split(/\r?\n/)) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
  const services = createServices({ ...productionPlatform(), kycWebhookSecrets: () => webhookSecrets });
  const app = createApp({
    config: { corsAllowedOrigins: ['http://localhost:3000'], maxBodyBytes: 65_536, rateLimits: { perMinuteUser: 1_000_000, perMinuteApiKey: 1_000_000, perMinuteIp: 1_000_000, windowMs: HOUR_MS } },
    services,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function call<T>(baseUrl: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function expectStatus<T>(what: string, expected: number, pending: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await pending;
  if (status !== expected) throw new Error(`fixture step "${what}" answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Wait until two snapshots taken a moment apart are equal (nothing is still settling). */
async function quiesce(): Promise<void> {
  const deadline = Date.now() + 90_000;
  let previous = await snapshot(testDb(), testAuth());
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const current = await snapshot(testDb(), testAuth());
    if (diff(previous, current).length === 0) return;
    if (Date.now() > deadline) throw new Error(`the stack never settled: ${diff(previous, current).slice(0, 5).join('; ')}`);
    previous = current;
  }
}

export interface Fixtures {
  context: FuzzContext;
  users: Record<'user' | 'support' | 'admin' | 'target' | 'deleted', TestUser>;
}

/** Build every fixture through `baseUrl` (the in-process app). */
export async function buildFixtures(baseUrl: string): Promise<Fixtures> {
  const secrets = ensureLocalSecrets();
  const tag = randomUUID().slice(0, 8);
  const [user, support, admin, target, deleted, disabled, revoked] = await Promise.all([
    createTestUser({ displayName: 'Fuzz User' }),
    createTestUser({ roles: ['support'] }),
    createTestUser({ roles: ['admin'] }),
    createTestUser({ email: `fuzz-target-${tag}@example.test`, displayName: `Target Marker ${tag}` }),
    createTestUser({ email: `fuzz-deleted-${tag}@example.test` }),
    createTestUser(),
    createTestUser(),
  ]);
  for (const who of [user, support, admin, target, deleted, revoked]) await expectStatus('provision profile', 200, call(baseUrl, '/v1/me', { headers: bearer(who.idToken) }));
  const adminHeaders = bearer(admin.idToken);
  await expectStatus('soft-delete a user', 204, call(baseUrl, `/v1/admin/users/${deleted.uid}`, { method: 'DELETE', headers: adminHeaders }));
  await testAuth().updateUser(disabled.uid, { disabled: true });
  // Revocation has one-second resolution: a token from the same second would stay valid.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await testAuth().revokeRefreshTokens(revoked.uid);

  const createKey = (name: string, scopes: string[], extra: Record<string, unknown> = {}) =>
    expectStatus<{ id: string; secret: string }>(`create key ${name}`, 201, call(baseUrl, '/v1/admin/api-keys', { method: 'POST', headers: adminHeaders, body: { name, scopes, ...extra } }));
  const keys = {
    users: await createKey('fuzz-users', ['users:read']),
    audit: await createKey('fuzz-audit', ['audit:read']),
    all: await createKey('fuzz-all', ['users:read', 'audit:read']),
    victim: await createKey('fuzz-victim', ['audit:read']),
    revoked: await createKey('fuzz-revoked', ['audit:read']),
    expired: await createKey('fuzz-expired', ['audit:read'], { expiresAt: new Date(Date.now() + 2_000).toISOString() }),
  };
  await expectStatus('revoke a key', 204, call(baseUrl, `/v1/admin/api-keys/${keys.revoked.id}`, { method: 'DELETE', headers: adminHeaders }));

  // The ordinary user's case goes through the real pipeline (trigger → mock provider → signed webhook) to a final rejection.
  const applicant = {
    firstName: 'Fuzz',
    lastName: 'Reject',
    dateOfBirth: '1990-12-10',
    nationality: 'DE',
    address: { line1: 'Teststraße 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    document: { type: 'id_card', number: `FZ${tag.toUpperCase()}`, issuingCountry: 'DE', expiresOn: '2035-05-31' },
  };
  await expectStatus('submit KYC', 201, call(baseUrl, '/v1/me/kyc', { method: 'POST', headers: bearer(user.idToken), body: applicant }));
  const kycCase = await eventually(
    'the fixture KYC case to be finally rejected',
    async () => {
      const { body } = await call<{ id: string; status: string }>(baseUrl, '/v1/me/kyc', { headers: bearer(user.idToken) });
      return body.status === 'rejected' ? body : undefined;
    },
    60_000,
  );
  await eventually('the expired key to expire', async () => ((await call(baseUrl, '/v1/admin/audit-logs?limit=1', { headers: { 'X-API-Key': keys.expired.secret } })).status === 401 ? true : undefined), 10_000);
  await quiesce();

  const key = (secret: string) => ({ 'X-API-Key': secret });
  return {
    users: { user, support, admin, target, deleted },
    context: {
      credentials: {
        user: bearer(user.idToken),
        support: bearer(support.idToken),
        admin: adminHeaders,
        'key-users': key(keys.users.secret),
        'key-audit': key(keys.audit.secret),
        'key-all': key(keys.all.secret),
        'key-revoked': key(keys.revoked.secret),
        'key-expired': key(keys.expired.secret),
        'expired-token': bearer(expiredTokenFor(user.uid)),
        'disabled-user': bearer(disabled.idToken),
        'revoked-session': bearer(revoked.idToken),
        ambiguous: { ...bearer(admin.idToken), ...key(keys.all.secret) },
      },
      refs: { target: target.uid, self: admin.uid, deleted: deleted.uid, 'victim-key': keys.victim.id, case: kycCase.id },
      webhookSecrets: secrets.webhookSecrets,
      markers: [target.email, `Target Marker ${tag}`, deleted.email],
    },
  };
}
