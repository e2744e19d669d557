/**
 * /v1/admin/api-keys through the real Functions emulator: every response is
 * validated against openapi.yaml; Firestore state (hash only, revokedAt) and
 * audit entries are read back with firebase-admin; keys are then used for
 * real to prove scopes, expiry, revocation and lastUsedAt.
 * 429 and 500 of these operations are exercised in-process in
 * functions/test/rate-limit (tiny limits; a failing dependency).
 */
import { createHash } from 'node:crypto';
import { api } from '../../../test/http';
import { stackEnv } from '../../../test/env';
import { assertMatchesContract, documentedStatuses } from '../../../test/contract';
import { bearer, createTestUser, type TestUser } from '../../../test/identities';
import { eventually, testDb } from '../../../test/firestore';
import { encodeCursor } from '../../src/kernel/cursor';
import { createKey, expectRateLimitHeaders, OVERSIZED_BODY, rawRequest } from './api-keys.helpers';

const KEYS = '/v1/admin/api-keys';
const KEY = '/v1/admin/api-keys/{id}';
const DAY_MS = 86_400_000;

interface Problem {
  status: number;
  code: string;
  errors?: { path: string; message: string }[];
}

let admin: TestUser;
let user: TestUser;
let support: TestUser;

beforeAll(async () => {
  [admin, user, support] = await Promise.all([createTestUser({ roles: ['admin'] }), createTestUser(), createTestUser({ roles: ['support'] })]);
});

const keyDoc = async (id: string) => (await testDb().collection('apiKeys').doc(id).get()).data();
const auditFor = async (id: string) =>
  (await testDb().collection('auditLogs').where('target.id', '==', id).get()).docs.map((doc) => doc.data());
const secretPart = (key: string): string => key.split('_').slice(2).join('_');

describe('POST /v1/admin/api-keys', () => {
  it('201: returns the key once, stores only its SHA-256, audits without secret or hash', async () => {
    const response = await api<Record<string, unknown>>(KEYS, {
      method: 'POST',
      headers: { ...bearer(admin.idToken), 'X-Request-Id': 'create-key-1' },
      body: { name: '  reporting  ', scopes: ['audit:read', 'users:read'], expiresInDays: 90 },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expectRateLimitHeaders(response.headers);
    const body = response.body as { id: string; secret: string; createdAt: string; expiresAt: string };
    expect(body).toMatchObject({ name: 'reporting', prefix: `nffk_${body.id}`, scopes: ['audit:read', 'users:read'], createdBy: admin.uid });
    expect(body.secret).toMatch(new RegExp(`^nffk_${body.id}_[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(90 * DAY_MS);

    const stored = await keyDoc(body.id);
    expect(stored?.hash).toBe(createHash('sha256').update(secretPart(body.secret)).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secretPart(body.secret));
    expect(stored).toMatchObject({ name: 'reporting', createdBy: admin.uid, revokedAt: null, lastUsedAt: null });

    const entries = await auditFor(body.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'apiKey.create',
      actor: { type: 'user', id: admin.uid },
      target: { type: 'apiKey', id: body.id },
      after: { name: 'reporting', prefix: `nffk_${body.id}`, scopes: ['audit:read', 'users:read'] },
      requestId: 'create-key-1',
    });
    const audited = JSON.stringify(entries[0]);
    expect(audited).not.toContain(secretPart(body.secret));
    expect(audited).not.toContain(String(stored?.hash));
  });

  it('201: an explicit expiresAt is kept; no expiry at all gives expiresAt null', async () => {
    const at = new Date(Date.now() + 7 * DAY_MS).toISOString();
    expect((await createKey(admin.idToken, { name: 'a', scopes: ['users:read'], expiresAt: at })).expiresAt).toBe(at);
    expect((await createKey(admin.idToken, { name: 'b', scopes: ['users:read'] })).expiresAt).toBeNull();
  });

  it.each([
    ['an unknown scope', { name: 'x', scopes: ['admin:write'] }, 'scopes.0'],
    // Withdrawn: the KYC review queue holds applicants' PII, which machine credentials must not read.
    ['the retired kyc:read scope', { name: 'x', scopes: ['audit:read', 'kyc:read'] }, 'scopes.1'],
    ['no scopes', { name: 'x', scopes: [] }, 'scopes'],
    ['repeated scopes', { name: 'x', scopes: ['users:read', 'users:read'] }, 'scopes'],
    ['a blank name', { name: '   ', scopes: ['users:read'] }, 'name'],
    ['an unknown field', { name: 'x', scopes: ['users:read'], hash: 'mine' }, 'hash'],
    ['expiresAt and expiresInDays together', { name: 'x', scopes: ['users:read'], expiresAt: '2999-01-01T00:00:00Z', expiresInDays: 3 }, 'expiresInDays'],
    ['a past expiresAt', { name: 'x', scopes: ['users:read'], expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
    ['a non-integer expiresInDays', { name: 'x', scopes: ['users:read'], expiresInDays: 1.5 }, 'expiresInDays'],
  ])('400 VALIDATION_FAILED for %s, and nothing is created', async (_what, body, path) => {
    const before = (await testDb().collection('apiKeys').where('createdBy', '==', admin.uid).count().get()).data().count;
    const response = await api<Problem>(KEYS, { method: 'POST', headers: bearer(admin.idToken), body });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors?.map((error) => error.path)).toContain(path);
    const after = (await testDb().collection('apiKeys').where('createdBy', '==', admin.uid).count().get()).data().count;
    expect(after).toBe(before);
  });

  it('400 AMBIGUOUS_CREDENTIALS when both a token and a key are sent', async () => {
    const response = await api<Problem>(KEYS, {
      method: 'POST',
      headers: { ...bearer(admin.idToken), 'X-API-Key': 'nffk_0000000000000000_' + 'a'.repeat(43) },
      body: { name: 'x', scopes: ['users:read'] },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('AMBIGUOUS_CREDENTIALS');
  });

  it('401 without credentials, and with a malformed token', async () => {
    const none = await api<Problem>(KEYS, { method: 'POST', body: { name: 'x', scopes: ['users:read'] } });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    expectRateLimitHeaders(none.headers);
    const bad = await api<Problem>(KEYS, { method: 'POST', headers: bearer('not.a.token'), body: { name: 'x', scopes: ['users:read'] } });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('INVALID_TOKEN');
  });

  it('403 FORBIDDEN for users without the admin role (plain, support)', async () => {
    for (const caller of [user, support]) {
      const response = await api<Problem>(KEYS, { method: 'POST', headers: bearer(caller.idToken), body: { name: 'x', scopes: ['users:read'] } });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    }
  });

  it('403 USER_REQUIRED: an API key cannot mint keys, whatever its scopes', async () => {
    const key = await createKey(admin.idToken, { name: 'all scopes', scopes: ['users:read', 'audit:read'] });
    const response = await api<Problem>(KEYS, { method: 'POST', headers: { 'X-API-Key': key.secret }, body: { name: 'child', scopes: ['users:read'] } });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('USER_REQUIRED');
    expect((await testDb().collection('apiKeys').where('createdBy', '==', key.id).get()).empty).toBe(true);
  });

  it('413 PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const response = await api<Problem>(KEYS, { method: 'POST', headers: bearer(admin.idToken), body: OVERSIZED_BODY });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('GET /v1/admin/api-keys', () => {
  it('200: lists keys with status active / expired / revoked, never a secret or hash', async () => {
    const active = await createKey(admin.idToken, { name: 'active', scopes: ['users:read'] });
    const expired = await createKey(admin.idToken, { name: 'expired', scopes: ['users:read'], expiresInDays: 1 });
    await testDb().collection('apiKeys').doc(expired.id).update({ expiresAt: new Date(Date.now() - 1000) });
    const revoked = await createKey(admin.idToken, { name: 'revoked', scopes: ['users:read'] });
    expect((await api(`${KEYS}/${revoked.id}`, { method: 'DELETE', operation: KEY, headers: bearer(admin.idToken) })).status).toBe(204);

    const items: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api<{ items: Record<string, unknown>[]; nextCursor: string | null }>>> = await api(
        `${KEYS}?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: bearer(admin.idToken) },
      );
      expect(page.status).toBe(200);
      expectRateLimitHeaders(page.headers);
      for (const secret of [active.secret, expired.secret, revoked.secret]) expect(page.text).not.toContain(secretPart(secret));
      expect(page.text).not.toContain('"hash"');
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(active.id)).toMatchObject({ status: 'active', revokedAt: null, lastUsedAt: null });
    expect(byId.get(expired.id)).toMatchObject({ status: 'expired' });
    expect(byId.get(revoked.id)).toMatchObject({ status: 'revoked', revokedBy: admin.uid });
    expect(typeof byId.get(revoked.id)?.revokedAt).toBe('string');
  });

  it('200: a key stored with the retired kyc:read scope is listed without it (it grants nothing)', async () => {
    const key = await createKey(admin.idToken, { name: 'legacy', scopes: ['audit:read'] });
    await testDb().doc(`apiKeys/${key.id}`).update({ scopes: ['kyc:read', 'audit:read'] });
    const page = await api<{ items: Array<{ id: string; scopes: string[] }>; nextCursor: string | null }>(`${KEYS}?limit=100`, { headers: bearer(admin.idToken) });
    expect(page.status).toBe(200);
    expect(page.body.items.find((item) => item.id === key.id)?.scopes).toEqual(['audit:read']);
    expect((await api('/v1/admin/kyc', { headers: { 'X-API-Key': key.secret } })).status).toBe(403);
    expect((await api('/v1/admin/audit-logs?limit=1', { operation: '/v1/admin/audit-logs', headers: { 'X-API-Key': key.secret } })).status).toBe(200);
  });

  it('200: pages newest first with an opaque cursor, each key exactly once', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i += 1) mine.push((await createKey(admin.idToken, { name: `page-${i}`, scopes: ['users:read'] })).id);
    const seen: string[] = [];
    const createdAt: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api<{ items: { id: string; createdAt: string }[]; nextCursor: string | null }>>> = await api(
        `${KEYS}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: bearer(admin.idToken) },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      createdAt.push(...page.body.items.map((item) => item.createdAt));
      cursor = page.body.nextCursor;
    } while (cursor);
    // Other suites may add keys meanwhile (they sort before the cursor); none may repeat or go missing.
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of mine) expect(seen).toContain(id);
    expect([...createdAt].sort().reverse()).toEqual(createdAt);
  });

  it('400 INVALID_CURSOR for a cursor we did not issue; 400 VALIDATION_FAILED for a bad limit', async () => {
    const cursor = await api<Problem>(`${KEYS}?cursor=not-a-cursor`, { operation: KEYS, headers: bearer(admin.idToken) });
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe('INVALID_CURSOR');
    // Same key shape as the audit log's cursors, but issued by that listing: refused, not resumed.
    const foreign = encodeCursor({ listing: 'audit-logs' }, [1738315800, 0, 'bM2kq0Zr7TnY4vXw1sPa']);
    const other = await api<Problem>(`${KEYS}?cursor=${foreign}`, { operation: KEYS, headers: bearer(admin.idToken) });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('INVALID_CURSOR');
    const limit = await api<Problem>(`${KEYS}?limit=101`, { operation: KEYS, headers: bearer(admin.idToken) });
    expect(limit.status).toBe(400);
    expect(limit.body.code).toBe('VALIDATION_FAILED');
    expect(limit.body.errors?.[0]?.path).toBe('query.limit');
  });

  it('401 without credentials; 403 for a non-admin and for any API key', async () => {
    const none = await api<Problem>(KEYS);
    expect(none.status).toBe(401);
    const plain = await api<Problem>(KEYS, { headers: bearer(user.idToken) });
    expect(plain.status).toBe(403);
    expect(plain.body.code).toBe('FORBIDDEN');
    const key = await createKey(admin.idToken, { name: 'lister', scopes: ['users:read', 'audit:read'] });
    const asKey = await api<Problem>(KEYS, { headers: { 'X-API-Key': key.secret } });
    expect(asKey.status).toBe(403);
    expect(asKey.body.code).toBe('USER_REQUIRED');
  });

  it('413 for a GET carrying an oversized body', async () => {
    const response = await rawRequest(`${stackEnv.apiUrl}${KEYS}`, 'GET', bearer(admin.idToken), OVERSIZED_BODY);
    expect(response.status).toBe(413);
    assertMatchesContract(KEYS, 'GET', response, response.body);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('DELETE /v1/admin/api-keys/{id}', () => {
  it('204: revokes at once (next use → 401 INVALID_API_KEY), stores revokedAt/By, audits once; repeating is 204', async () => {
    const key = await createKey(admin.idToken, { name: 'to revoke', scopes: ['audit:read'] });
    expect((await api('/v1/admin/audit-logs?limit=1', { operation: '/v1/admin/audit-logs', headers: { 'X-API-Key': key.secret } })).status).toBe(200);

    const first = await api(`${KEYS}/${key.id}`, { method: 'DELETE', operation: KEY, headers: { ...bearer(admin.idToken), 'X-Request-Id': 'revoke-1' } });
    expect(first.status).toBe(204);
    expectRateLimitHeaders(first.headers);
    const refused = await api<Problem>('/v1/admin/audit-logs', { headers: { 'X-API-Key': key.secret } });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('INVALID_API_KEY');

    const stored = await keyDoc(key.id);
    expect(stored?.revokedBy).toBe(admin.uid);
    expect(stored?.revokedAt).toBeTruthy();
    const revocations = (await auditFor(key.id)).filter((entry) => entry.action === 'apiKey.revoke');
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ actor: { type: 'user', id: admin.uid }, before: { revokedAt: null }, after: { revokedBy: admin.uid }, requestId: 'revoke-1' });

    const again = await api(`${KEYS}/${key.id}`, { method: 'DELETE', operation: KEY, headers: bearer(admin.idToken) });
    expect(again.status).toBe(204);
    expect((await auditFor(key.id)).filter((entry) => entry.action === 'apiKey.revoke')).toHaveLength(1);
    expect((await keyDoc(key.id))?.revokedAt).toEqual(stored?.revokedAt);
  });

  it('404 API_KEY_NOT_FOUND for an unknown id; 400 for an id of the wrong shape', async () => {
    const unknown = await api<Problem>(`${KEYS}/0123456789abcdef`, { method: 'DELETE', operation: KEY, headers: bearer(admin.idToken) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('API_KEY_NOT_FOUND');
    const malformed = await api<Problem>(`${KEYS}/..%2Fusers%2Fx`, { method: 'DELETE', operation: KEY, headers: bearer(admin.idToken) });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });

  it('401 without credentials; 403 for a non-admin and for an API key (which stays active)', async () => {
    const key = await createKey(admin.idToken, { name: 'survivor', scopes: ['audit:read'] });
    const none = await api<Problem>(`${KEYS}/${key.id}`, { method: 'DELETE', operation: KEY });
    expect(none.status).toBe(401);
    const plain = await api<Problem>(`${KEYS}/${key.id}`, { method: 'DELETE', operation: KEY, headers: bearer(user.idToken) });
    expect(plain.status).toBe(403);
    expect(plain.body.code).toBe('FORBIDDEN');
    const self = await api<Problem>(`${KEYS}/${key.id}`, { method: 'DELETE', operation: KEY, headers: { 'X-API-Key': key.secret } });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('USER_REQUIRED');
    expect((await keyDoc(key.id))?.revokedAt).toBeNull();
  });

  it('413 for an oversized body', async () => {
    const response = await rawRequest(`${stackEnv.apiUrl}${KEYS}/0123456789abcdef`, 'DELETE', bearer(admin.idToken), OVERSIZED_BODY);
    expect(response.status).toBe(413);
    assertMatchesContract(KEY, 'DELETE', response, response.body);
  });
});

describe('using a key', () => {
  it('works within its scopes only, and records lastUsedAt', async () => {
    const auditKey = await createKey(admin.idToken, { name: 'auditor', scopes: ['audit:read'] });
    const usersKey = await createKey(admin.idToken, { name: 'directory', scopes: ['users:read'] });

    const allowed = await api('/v1/admin/audit-logs?limit=1', { operation: '/v1/admin/audit-logs', headers: { 'X-API-Key': auditKey.secret } });
    expect(allowed.status).toBe(200);
    const denied = await api<Problem>('/v1/admin/audit-logs', { headers: { 'X-API-Key': usersKey.secret } });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    const directory = await api('/v1/admin/users?limit=1', { operation: '/v1/admin/users', headers: { 'X-API-Key': usersKey.secret } });
    expect(directory.status).toBe(200);
    const notDirectory = await api<Problem>('/v1/admin/users', { headers: { 'X-API-Key': auditKey.secret } });
    expect(notDirectory.status).toBe(403);

    const lastUsedAt = await eventually('lastUsedAt', async () => ((await keyDoc(auditKey.id))?.lastUsedAt as unknown) ?? undefined);
    expect(lastUsedAt).toBeTruthy();
    const listed = await api<{ items: { id: string; lastUsedAt: string | null }[] }>(`${KEYS}?limit=100`, { operation: KEYS, headers: bearer(admin.idToken) });
    expect(listed.body.items.find((item) => item.id === auditKey.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it('an expired key is refused with 401 INVALID_API_KEY', async () => {
    const key = await createKey(admin.idToken, { name: 'short-lived', scopes: ['audit:read'], expiresInDays: 1 });
    expect((await api('/v1/admin/audit-logs?limit=1', { operation: '/v1/admin/audit-logs', headers: { 'X-API-Key': key.secret } })).status).toBe(200);
    // Move the expiry into the past instead of waiting for it.
    await testDb().collection('apiKeys').doc(key.id).update({ expiresAt: new Date(Date.now() - 1000) });
    const refused = await api<Problem>('/v1/admin/audit-logs', { headers: { 'X-API-Key': key.secret } });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('INVALID_API_KEY');
  });

  it('a wrong secret for a real key id, or a key of the wrong format → 401 INVALID_API_KEY', async () => {
    const key = await createKey(admin.idToken, { name: 'guessed', scopes: ['audit:read'] });
    for (const presented of [`${key.prefix}_${'A'.repeat(43)}`, 'garbage', `${key.secret}x`]) {
      const response = await api<Problem>('/v1/admin/audit-logs', { headers: { 'X-API-Key': presented } });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('INVALID_API_KEY');
    }
  });
});

it('the contract documents exactly the statuses these suites exercise', () => {
  // 429 and 500 are exercised in functions/test/rate-limit/in-process.test.ts.
  expect(documentedStatuses(KEYS, 'post').sort()).toEqual(['201', '400', '401', '403', '413', '415', '429', '500']);
  expect(documentedStatuses(KEYS, 'get').sort()).toEqual(['200', '400', '401', '403', '413', '415', '429', '500']);
  expect(documentedStatuses(KEY, 'delete').sort()).toEqual(['204', '400', '401', '403', '404', '413', '415', '429', '500']);
});
