/**
 * GET /v1/admin/users: filters, cursor pagination that returns every user
 * exactly once while users are being added, cursor validation, and who may
 * list (admins, API keys with users:read).
 */
import { Timestamp } from 'firebase-admin/firestore';
import { documentedStatuses } from '../../../test/contract';
import { api } from '../../../test/http';
import { bearer, createTestUser, type TestUser } from '../../../test/identities';
import { testDb, uniqueId } from '../../../test/firestore';
import type { Profile } from '../../src/users/users.schemas';
import { apiKeyWith, as, userWithProfile } from '../users/helpers';

interface Page {
  items: Profile[];
  nextCursor: string | null;
}

let admin: TestUser;
beforeAll(async () => {
  admin = await createTestUser({ roles: ['admin'] });
});

/** Write `count` profiles directly, ids and emails under a unique prefix. */
async function seedProfiles(prefix: string, count: number, data: (index: number) => Record<string, unknown> = () => ({})): Promise<string[]> {
  const ids: string[] = [];
  const batch = testDb().batch();
  for (let index = 0; index < count; index++) {
    const uid = `${prefix}-${String(index).padStart(4, '0')}`;
    ids.push(uid);
    batch.set(testDb().doc(`users/${uid}`), {
      uid,
      email: `${prefix}-${String(index).padStart(4, '0')}@example.test`,
      displayName: null,
      roles: [],
      status: 'active',
      kycStatus: 'none',
      version: 1,
      createdAt: Timestamp.now(),
      createdBy: 'test',
      updatedAt: Timestamp.now(),
      updatedBy: 'test',
      ...data(index),
    });
  }
  await batch.commit();
  return ids;
}

async function listAll(query: string, limit: number, during?: () => Promise<void>): Promise<Profile[]> {
  const seen: Profile[] = [];
  let cursor: string | null = null;
  do {
    const response: { status: number; body: Page } = await as<Page>(admin, `/v1/admin/users?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { operation: '/v1/admin/users' });
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (during) await during();
  } while (cursor);
  return seen;
}

describe('GET /v1/admin/users', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses('/v1/admin/users', 'get').sort()).toEqual(['200', '400', '401', '403', '413', '415', '429', '500']);
  });

  it('200: filters by status, kycStatus, role and email prefix (case-insensitive), combined with AND', async () => {
    const prefix = uniqueId('flt');
    await seedProfiles(prefix, 6, (index) => ({
      status: index < 2 ? 'disabled' : 'active',
      kycStatus: index % 2 === 0 ? 'approved' : 'none',
      roles: index === 5 ? ['support'] : [],
    }));
    const uids = async (query: string) => (await listAll(`emailPrefix=${prefix.toUpperCase()}${query}`, 100)).map((profile) => profile.uid.slice(-1));
    expect(await uids('')).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(await uids('&status=disabled')).toEqual(['0', '1']);
    expect(await uids('&kycStatus=approved')).toEqual(['0', '2', '4']);
    expect(await uids('&status=active&kycStatus=approved')).toEqual(['2', '4']);
    expect(await uids('&role=support')).toEqual(['5']);
    const roleOnly = await listAll('role=support', 100);
    expect(roleOnly.every((profile) => profile.roles.includes('support'))).toBe(true);
    expect(roleOnly.map((profile) => profile.uid)).toContain(`${prefix}-0005`);
  });

  it('200 for an API key with scope users:read', async () => {
    const key = await apiKeyWith(['users:read']);
    const response = await api<Page>('/v1/admin/users?limit=1', { headers: { 'X-API-Key': key }, operation: '/v1/admin/users' });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
  });

  it('pages by uid: every one of 150 users exactly once while 50 more are inserted, before and after the cursor', async () => {
    const prefix = uniqueId('pg');
    // Disabled, so the listing (status=disabled) is mostly this test's users even in a full run.
    const originals = await seedProfiles(prefix, 150, () => ({ status: 'disabled' }));
    let inserted = 0;
    // Ids interleave with the originals' (…-0007a sorts between -0007 and -0008), so some land behind the cursor and some ahead
    // (a stride of 7 wraps past the cursor; with 3 every insert landed behind it and the walk ended before all 50 were made).
    const insertSome = async () => {
      const batch = testDb().batch();
      for (let i = 0; i < 5 && inserted < 50; i++, inserted++) {
        const uid = `${prefix}-${String((inserted * 7) % 150).padStart(4, '0')}a${inserted}`;
        batch.set(testDb().doc(`users/${uid}`), { uid, email: `${uid}@example.test`, status: 'disabled', kycStatus: 'none', roles: [], version: 1 });
      }
      await batch.commit();
    };
    const seen = await listAll('status=disabled', 17, insertSome);
    expect(inserted).toBe(50);
    const ids = seen.map((profile) => profile.uid);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates at all
    for (const uid of originals) expect(ids.filter((id) => id === uid)).toHaveLength(1);
    expect([...ids].sort()).toEqual(ids); // stable uid order
  }, 120_000);

  it('pages by (email, uid) with emailPrefix: every user exactly once while users are inserted', async () => {
    const prefix = uniqueId('em');
    const originals = await seedProfiles(prefix, 60);
    let inserted = 0;
    const insertSome = async () => {
      const batch = testDb().batch();
      for (let i = 0; i < 4 && inserted < 20; i++, inserted++) {
        const uid = uniqueId('late');
        batch.set(testDb().doc(`users/${uid}`), { uid, email: `${prefix}-${String((inserted * 7) % 60).padStart(4, '0')}b@example.test`, status: 'active', kycStatus: 'none', roles: [], version: 1 });
      }
      await batch.commit();
    };
    const seen = await listAll(`emailPrefix=${prefix}`, 7, insertSome);
    const ids = seen.map((profile) => profile.uid);
    expect(new Set(ids).size).toBe(ids.length);
    for (const uid of originals) expect(ids.filter((id) => id === uid)).toHaveLength(1);
    const emails = seen.map((profile) => profile.email ?? '');
    expect([...emails].sort()).toEqual(emails);
  }, 120_000);

  it('400 INVALID_CURSOR for a malformed cursor, and for a cursor issued for other filters', async () => {
    const prefix = uniqueId('cur');
    await seedProfiles(prefix, 3);
    const first = await as<Page>(admin, `/v1/admin/users?emailPrefix=${prefix}&limit=1`, { operation: '/v1/admin/users' });
    const cursor = first.body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const forged = Buffer.from(JSON.stringify({ t: 'users', f: '0123456789abcdef', k: ['a/b'] })).toString('base64url');
    for (const query of ['cursor=%%%', 'cursor=bm90LWpzb24', `cursor=${forged}`, `status=active&emailPrefix=${prefix}&cursor=${cursor}`, `cursor=${cursor}`]) {
      const response = await as(admin, `/v1/admin/users?${query}`, { operation: '/v1/admin/users' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_CURSOR', errors: [{ path: 'query.cursor' }] });
    }
  });

  it('400 VALIDATION_FAILED for out-of-range limits, unknown filters and bad values', async () => {
    for (const [query, path] of [
      ['limit=0', 'query.limit'],
      ['limit=101', 'query.limit'],
      ['limit=abc', 'query.limit'],
      ['status=gone', 'query.status'],
      ['role=root', 'query.role'],
      ['isAdmin=true', 'query.isAdmin'],
    ]) {
      const response = await as(admin, `/v1/admin/users?${query}`, { operation: '/v1/admin/users' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path }] });
    }
  });

  it('401 without or with bad credentials', async () => {
    const none = await api('/v1/admin/users');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const bad = await api('/v1/admin/users', { headers: bearer('x.y.z') });
    expect(bad.status).toBe(401);
  });

  it('403 FORBIDDEN for a user without the admin role, a support user, and an API key without users:read', async () => {
    const plain = await userWithProfile();
    const support = await createTestUser({ roles: ['support'] });
    const key = await apiKeyWith(['audit:read']);
    for (const headers of [bearer(plain.idToken), bearer(support.idToken), { 'X-API-Key': key }]) {
      const response = await api('/v1/admin/users', { headers });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
