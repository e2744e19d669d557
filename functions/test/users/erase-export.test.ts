/**
 * GDPR: GET /v1/me/export returns everything held about the caller;
 * DELETE /v1/me erases it — Auth account gone, profile reduced to a
 * tombstone, KYC cases and their events deleted, audit pseudonymised — while
 * other users' data is untouched. (Credential failures: me-auth.test.ts.)
 */
import { createHash } from 'node:crypto';
import { Timestamp } from 'firebase-admin/firestore';
import { documentedStatuses } from '../../../test/contract';
import { createTestUser } from '../../../test/identities';
import { eventually, testAuth, testDb, uniqueId } from '../../../test/firestore';
import type { DataExport } from '../../src/users/users.schemas';
import { applicant, seedKycCase } from '../kyc/kyc-fixtures';
import { as, auditAbout, profileDoc, userWithProfile } from './helpers';

const AUTH = ['400', '401', '403', '429', '500'];

describe('GET /v1/me/export', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses('/v1/me/export', 'get').sort()).toEqual(['200', '413', '415', ...AUTH].sort());
  });

  it("200: profile, Auth summary, KYC cases with events, audit entries — the caller's and no one else's", async () => {
    const user = await userWithProfile({ displayName: 'Xena Export' });
    const other = await userWithProfile();
    await as(user, '/v1/me', { method: 'PATCH', body: { givenName: 'Xena' } });
    const caseId = uniqueId('case-export');
    await seedKycCase({ uid: user.uid, caseId, history: ['submitted', 'in_review', 'approved'] });
    await seedKycCase({ uid: other.uid, caseId: uniqueId('case-other'), status: 'rejected' });
    // The trigger mirrors the case into the profile, which bumps its version (the ETag follows kycStatus).
    await eventually('the profile to mirror the case', async () => ((await profileDoc(user.uid))?.kycStatus === 'approved' ? true : undefined));

    const response = await as<DataExport>(user, '/v1/me/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = response.body;
    expect(data.profile).toMatchObject({ uid: user.uid, givenName: 'Xena', displayName: 'Xena Export', kycStatus: 'approved', version: 3 });
    expect(data.auth).toMatchObject({ uid: user.uid, email: user.email, disabled: false, providers: ['password'] });
    expect(Date.parse(data.auth?.creationTime ?? '')).not.toBeNaN();
    expect(data.kycCases).toHaveLength(1);
    expect(data.kycCases[0]).toMatchObject({ id: caseId, uid: user.uid, status: 'approved', applicant: { lastName: 'Lovelace' } });
    expect(typeof data.kycCases[0].createdAt).toBe('string');
    expect(data.kycCases[0].events.map((event) => event.to)).toEqual(['submitted', 'in_review', 'approved']);
    expect(data.auditEntries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['user.profile.provisioned', 'user.profile.updated']));
    expect(JSON.stringify(data)).not.toContain(other.uid);
  });
});

describe('DELETE /v1/me', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses('/v1/me', 'delete').sort()).toEqual(['204', '413', '415', ...AUTH].sort());
  });

  it('204: erases Auth account, profile PII and KYC data; audit kept but pseudonymised; others untouched', async () => {
    const user = await userWithProfile({ displayName: 'Erin Erase' });
    const other = await userWithProfile();
    await as(user, '/v1/me', { method: 'PATCH', body: { givenName: 'Erin', phoneNumber: '+44 20 7946 0958', dateOfBirth: '1991-01-01' } });
    const caseIds = [uniqueId('case-erase'), uniqueId('case-erase')];
    await seedKycCase({ uid: user.uid, caseId: caseIds[0], status: 'rejected' });
    await seedKycCase({ uid: user.uid, caseId: caseIds[1], status: 'approved' });
    const otherCase = uniqueId('case-keep');
    await seedKycCase({ uid: other.uid, caseId: otherCase, status: 'approved' });
    const auditIds = (await auditAbout(user.uid)).map((entry) => entry.id);
    expect(auditIds.length).toBeGreaterThanOrEqual(2);

    const response = await as(user, '/v1/me', { method: 'DELETE', headers: { 'X-Request-Id': 'erase-req' } });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');

    // Auth account gone: the old token no longer works.
    await expect(testAuth().getUser(user.uid)).rejects.toMatchObject({ code: 'auth/user-not-found' });
    const after = await as(user, '/v1/me');
    expect(after.status).toBe(401);

    // Profile: a tombstone without any personal field.
    const tombstone = await profileDoc(user.uid);
    expect(tombstone).toMatchObject({ uid: user.uid, status: 'deleted' });
    expect(tombstone?.erasedAt).toBeDefined();
    for (const field of ['email', 'displayName', 'givenName', 'familyName', 'phoneNumber', 'dateOfBirth', 'address', 'nationality']) {
      expect(tombstone).not.toHaveProperty(field);
    }

    // KYC cases and their events deleted; the other user's case kept.
    for (const caseId of caseIds) {
      expect((await testDb().doc(`kycCases/${caseId}`).get()).exists).toBe(false);
      expect((await testDb().collection(`kycCases/${caseId}/events`).get()).size).toBe(0);
    }
    expect((await testDb().doc(`kycCases/${otherCase}`).get()).exists).toBe(true);
    expect((await testDb().collection('kycCases').where('uid', '==', user.uid).get()).size).toBe(0);
    // The KYC head (case count, latest case) goes with the cases; the other user's stays.
    expect((await testDb().doc(`kycApplicants/${user.uid}`).get()).exists).toBe(false);
    expect((await testDb().doc(`kycApplicants/${other.uid}`).get()).exists).toBe(true);

    // Audit: every earlier entry and the erasure itself kept, none naming the uid.
    expect(await auditAbout(user.uid)).toHaveLength(0);
    expect(await auditAbout(user.uid, 'actor.id')).toHaveLength(0);
    const kept = await Promise.all(auditIds.map((id) => testDb().doc(`auditLogs/${id}`).get()));
    const pseudonym = kept[0].get('target.id') as string;
    expect(pseudonym).toMatch(/^erased:[0-9a-f]{24}$/);
    for (const entry of kept) {
      expect(entry.exists).toBe(true);
      expect(JSON.stringify(entry.data())).not.toContain(user.uid);
      expect(JSON.stringify(entry.data())).not.toContain(user.email);
    }
    const erasure = await testDb().collection('auditLogs').where('target.id', '==', pseudonym).where('action', '==', 'user.erased').get();
    expect(erasure.size).toBe(1);
    expect(erasure.docs[0].data()).toMatchObject({ actor: { type: 'user', id: pseudonym }, requestId: 'erase-req', after: { status: 'deleted', erased: true } });

    // The other user is untouched.
    expect(await profileDoc(other.uid)).toMatchObject({ status: 'active' });
    expect((await as(other, '/v1/me')).status).toBe(200);
  });
});

describe('GET /v1/me/export: audit entries', () => {
  it('200: where staff acted on the caller, the actor is reduced to its type with id `staff` (no admin uid, IP or user agent); own entries keep theirs', async () => {
    const admin = await createTestUser({ roles: ['admin'] });
    const user = await userWithProfile();
    const byAdmin = await as(admin, `/v1/admin/users/${user.uid}`, {
      operation: '/v1/admin/users/{uid}',
      method: 'PATCH',
      headers: { 'X-Forwarded-For': '203.0.113.77', 'User-Agent': 'admin-console/9.9' },
      body: { roles: ['support'] },
    });
    expect(byAdmin.status).toBe(200);
    await as(user, '/v1/me', { method: 'PATCH', headers: { 'User-Agent': 'my-app/1.0' }, body: { givenName: 'Sam' } });

    const response = await as<DataExport>(user, '/v1/me/export');
    expect(response.status).toBe(200);
    const staffEntry = response.body.auditEntries.find((entry) => entry.action === 'admin.user.updated');
    expect(staffEntry?.actor).toEqual({ type: 'user', id: 'staff' });
    const own = response.body.auditEntries.find((entry) => entry.action === 'user.profile.updated');
    expect(own?.actor).toMatchObject({ type: 'user', id: user.uid, userAgent: 'my-app/1.0' });
    expect(response.text).not.toContain(admin.uid);
    expect(response.text).not.toContain('203.0.113.77');
    expect(response.text).not.toContain('admin-console/9.9');
  });

  it('200: every entry, however many (more than one page of 1000)', async () => {
    const user = await userWithProfile();
    const db = testDb();
    const total = 1_050;
    for (let start = 0; start < total; start += 500) {
      const batch = db.batch();
      for (let i = start; i < Math.min(total, start + 500); i++) {
        batch.create(db.collection('auditLogs').doc(), {
          at: Timestamp.fromMillis(Date.now() - i),
          actor: { type: 'system', id: 'bulk-test' },
          action: 'test.bulk',
          target: { type: 'user', id: user.uid },
          before: null,
          after: null,
          requestId: null,
        });
      }
      await batch.commit();
    }
    const response = await as<DataExport>(user, '/v1/me/export');
    expect(response.status).toBe(200);
    const bulk = response.body.auditEntries.filter((entry) => entry.action === 'test.bulk');
    expect(bulk).toHaveLength(total);
    expect(new Set(bulk.map((entry) => entry.id)).size).toBe(total);
    expect(response.body.auditEntries.map((entry) => entry.action)).toContain('user.profile.provisioned');
  });
});

describe('DELETE /v1/me: pseudonymisation', () => {
  it('204: a random pseudonym (not a hash of the uid); no IP or user agent left on own entries; no uid inside before/after; the cases\' entries re-keyed', async () => {
    const user = await userWithProfile();
    const origin = { 'X-Forwarded-For': '198.51.100.23', 'User-Agent': 'applicant-app/2.0' };
    const submitted = await as<{ id: string }>(user, '/v1/me/kyc', { method: 'POST', headers: origin, body: applicant('Pending') });
    expect(submitted.status).toBe(201);
    const caseId = submitted.body.id;
    // An entry as older code wrote it: the uid inside `after`.
    await testDb().collection('auditLogs').add({
      at: Timestamp.now(),
      actor: { type: 'system', id: 'legacy' },
      action: 'kyc.case.opened',
      target: { type: 'kycCase', id: caseId },
      before: null,
      after: { uid: user.uid, status: 'submitted' },
      requestId: null,
    });
    const before = new Map<string, FirebaseFirestore.QueryDocumentSnapshot>();
    for (const [field, value] of [['actor.id', user.uid], ['target.id', user.uid], ['target.id', caseId]]) {
      for (const doc of (await testDb().collection('auditLogs').where(field, '==', value).get()).docs) before.set(doc.id, doc);
    }
    expect([...before.values()].some((doc) => doc.get('actor.ip') === '198.51.100.23')).toBe(true);

    expect((await as(user, '/v1/me', { method: 'DELETE', headers: origin })).status).toBe(204);

    expect((await testDb().collection('auditLogs').where('target.id', '==', caseId).get()).size).toBe(0);
    const after = await Promise.all([...before.keys()].map((id) => testDb().doc(`auditLogs/${id}`).get()));
    const hashed = `erased:${createHash('sha256').update(`nff-audit:${user.uid}`).digest('hex').slice(0, 24)}`;
    const pseudonyms = new Set<string>();
    for (const entry of after) {
      const text = JSON.stringify(entry.data());
      expect(text).not.toContain(user.uid);
      expect(text).not.toContain(caseId);
      expect(text).not.toContain('198.51.100.23');
      expect(text).not.toContain('applicant-app/2.0');
      expect(text).not.toContain(hashed);
      const actorId = entry.get('actor.id') as string;
      if (actorId.startsWith('erased:')) pseudonyms.add(actorId);
      if (entry.get('target.type') === 'kycCase') expect(entry.get('target.id')).toMatch(/^erased-case:[0-9a-f]{24}$/);
    }
    // One subject, one pseudonym across all their entries (linkage kept).
    expect(pseudonyms.size).toBe(1);
    const legacy = after.find((entry) => entry.get('actor.id') === 'legacy');
    expect(legacy?.get('after.uid')).toBe([...pseudonyms][0]);
  });
});
