/**
 * The KYC routes through the Functions emulator, grouped by route and outcome:
 * the response (validated against openapi.yaml), the state in Firestore and
 * the audit entry. 429 and 500 are exercised generically in
 * functions/test/rate-limit (every route shares that middleware and handler).
 */
import { randomUUID } from 'node:crypto';
import { Timestamp } from 'firebase-admin/firestore';
import { api } from '../../../test/http';
import { documentedStatuses } from '../../../test/contract';
import { bearer, createTestUser, type TestUser } from '../../../test/identities';
import { eventually, testDb } from '../../../test/firestore';
import { apiKeyWith } from '../users/helpers';
import { generateApiKey } from '../../src/apikeys/apikeys.crypto';
import { encodeCursor } from '../../src/kernel/cursor';
import { applicant, eventLog, getKyc, newApplicant, submitKyc, waitForStatus } from './kyc-helpers';
import { seedKycCase } from './kyc-fixtures';
import type { KycStatus } from '../../src/kyc/kyc.state';

const ME = '/v1/me/kyc';
const QUEUE = '/v1/admin/kyc';
const DECISION = '/v1/admin/kyc/{caseId}/decision';

async function caseDoc(caseId: string): Promise<FirebaseFirestore.DocumentSnapshot> {
  return testDb().doc(`kycCases/${caseId}`).get();
}

async function casesOf(uid: string): Promise<number> {
  return (await testDb().collection('kycCases').where('uid', '==', uid).get()).size;
}

describe('POST /v1/me/kyc', () => {
  it('documents exactly the statuses exercised here (+429/500 elsewhere)', () => {
    expect(documentedStatuses(ME, 'post').sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '429', '500']);
  });

  it('201: opens a case in `submitted` with the applicant data stored in the case, audited without PII', async () => {
    const user = await newApplicant();
    const body = applicant('Pending');
    const response = await submitKyc(user, body);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('kyc');
    expect(response.body).toMatchObject({ status: 'submitted', attempt: 1, maxAttempts: 3, nextAction: 'wait', message: null });
    expect(JSON.stringify(response.body)).not.toContain('Ada');
    const stored = await caseDoc(String(response.body.id));
    expect(stored.get('uid')).toBe(user.uid);
    expect(stored.get('applicant')).toEqual(body);
    const audit = await testDb().collection('auditLogs').where('target.id', '==', response.body.id).where('action', '==', 'kyc.case.opened').get();
    expect(audit.docs[0].get('actor.id')).toBe(user.uid);
    expect(audit.docs[0].get('after.applicant')).toBe('[REDACTED]');
  });

  it('201 replayed: the same Idempotency-Key and body return the first response, no second case', async () => {
    const user = await newApplicant();
    const key = randomUUID();
    const body = applicant('Pending');
    const first = await submitKyc(user, body, { 'Idempotency-Key': key });
    const again = await submitKyc(user, { ...body, document: body.document, firstName: 'Ada' }, { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await casesOf(user.uid)).toBe(1);
  });

  it('201 concurrent: two racing submissions open one case; the other gets 409 KYC_CASE_OPEN', async () => {
    const user = await newApplicant();
    const responses = await Promise.all([submitKyc(user, applicant('Pending')), submitKyc(user, applicant('Pending'))]);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await casesOf(user.uid)).toBe(1);
  });

  it('400: invalid fields are listed by path; nothing is stored', async () => {
    const user = await newApplicant();
    const response = await submitKyc(user, { ...applicant(), dateOfBirth: '1990-02-30', nationality: 'XX', document: { type: 'visa', number: '' }, roles: ['admin'] });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const paths = (response.body.errors as Array<{ path: string }>).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['dateOfBirth', 'nationality', 'document.type', 'document.number', 'document.issuingCountry', 'document.expiresOn', 'roles']));
    expect(await casesOf(user.uid)).toBe(0);
  });

  it('400: a date of birth in the future, or an invalid Idempotency-Key', async () => {
    const user = await newApplicant();
    const future = await submitKyc(user, applicant('Pending', { dateOfBirth: '2999-01-01' }));
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: 'dateOfBirth', message: 'Must be in the past.' }]);
    const badKey = await submitKyc(user, applicant('Pending'), { 'Idempotency-Key': 'x'.repeat(300) });
    expect(badKey.status).toBe(400);
    expect((badKey.body.errors as Array<{ path: string }>)[0].path).toBe('headers.idempotency-key');
    expect(await casesOf(user.uid)).toBe(0);
  });

  it('401: no credentials', async () => {
    const response = await api<Record<string, unknown>>(ME, { method: 'POST', body: applicant() });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('403: an API key cannot act as an applicant', async () => {
    const key = await apiKeyWith(['users:read', 'audit:read']);
    const response = await api<Record<string, unknown>>(ME, { method: 'POST', headers: { 'X-API-Key': key }, body: applicant() });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('USER_REQUIRED');
  });

  it('409 KYC_CASE_OPEN while a case is open', async () => {
    const user = await newApplicant();
    await submitKyc(user, applicant('Pending'));
    const second = await submitKyc(user, applicant('Pending'));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('KYC_CASE_OPEN');
    expect(await casesOf(user.uid)).toBe(1);
  });

  it('409 IDEMPOTENCY_KEY_REUSED: the same key with another body', async () => {
    const user = await newApplicant();
    const key = randomUUID();
    await submitKyc(user, applicant('Pending'), { 'Idempotency-Key': key });
    const reused = await submitKyc(user, applicant('Pending', { firstName: 'Grace' }), { 'Idempotency-Key': key });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('409 KYC_MAX_ATTEMPTS after the last resubmission; nextAction becomes contact_support', async () => {
    const user = await newApplicant();
    const first = await submitKyc(user, applicant('Retry'));
    for (let attempt = 1; attempt <= 3; attempt++) {
      await eventually(`attempt ${attempt} to need resubmission`, async () => {
        const current = await getKyc(user);
        return current.body.status === 'resubmission_required' && current.body.attempt === attempt ? true : undefined;
      });
      if (attempt < 3) expect((await submitKyc(user, applicant('Retry'))).status).toBe(201);
    }
    const refused = await submitKyc(user, applicant('Lovelace'));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('KYC_MAX_ATTEMPTS');
    expect((await getKyc(user)).body).toMatchObject({ id: first.body.id, attempt: 3, nextAction: 'contact_support' });
  });

  it('409 KYC_ALREADY_APPROVED once verified', async () => {
    const user = await newApplicant();
    await submitKyc(user, applicant('Lovelace'));
    await waitForStatus(user, 'approved');
    const again = await submitKyc(user, applicant('Lovelace'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('KYC_ALREADY_APPROVED');
  });

  it('413: a body over the limit', async () => {
    const user = await newApplicant();
    const response = await submitKyc(user, { ...applicant(), firstName: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('GET /v1/me/kyc', () => {
  it('documents exactly the statuses exercised here (+429/500 elsewhere)', () => {
    expect(documentedStatuses(ME, 'get').sort()).toEqual(['200', '400', '401', '403', '404', '413', '415', '429', '500']);
  });

  it('200: the latest case with history and next action; another user sees only their own', async () => {
    const user = await newApplicant();
    const created = await submitKyc(user, applicant('Pending'));
    await waitForStatus(user, 'in_review');
    const response = await getKyc(user);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: created.body.id, status: 'in_review', nextAction: 'wait' });
    expect((response.body.history as Array<{ to: string }>).map((entry) => entry.to)).toEqual(['submitted', 'in_review']);
    const other = await newApplicant();
    expect((await getKyc(other)).status).toBe(404);
  });

  it('404 KYC_CASE_NOT_FOUND without a case', async () => {
    const response = await getKyc(await newApplicant());
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('KYC_CASE_NOT_FOUND');
  });

  it('400 AMBIGUOUS_CREDENTIALS when both a token and a key are sent', async () => {
    const user = await newApplicant();
    const key = await apiKeyWith(['users:read']);
    const response = await api<Record<string, unknown>>(ME, { headers: { ...bearer(user.idToken), 'X-API-Key': key } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('AMBIGUOUS_CREDENTIALS');
  });

  it('401 without credentials, 403 for an API key', async () => {
    expect((await api(ME)).status).toBe(401);
    const key = await apiKeyWith(['users:read', 'audit:read']);
    const response = await api<Record<string, unknown>>(ME, { headers: { 'X-API-Key': key } });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('USER_REQUIRED');
  });
});

/** An API key written as it was stored before kyc:read was withdrawn. */
async function legacyKycReadKey(): Promise<string> {
  const generated = generateApiKey();
  await testDb().doc(`apiKeys/${generated.keyId}`).set({
    name: 'legacy kyc reader',
    prefix: generated.prefix,
    hash: generated.hash,
    scopes: ['kyc:read'],
    createdAt: Timestamp.now(),
    createdBy: 'test',
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    revokedBy: null,
  });
  return generated.key;
}

/** A case parked in `status`, written directly (the pipeline is not under test here); `version` counts its seeded transitions. */
async function parkedCase(status: KycStatus): Promise<{ caseId: string; version: number }> {
  const { kycCase } = await seedKycCase({ caseId: `kc-api-${randomUUID()}`, status, applicant: applicant('Parked') });
  return { caseId: kycCase.id, version: kycCase.version };
}

describe('GET /v1/admin/kyc', () => {
  let admin: TestUser;
  let support: TestUser;
  beforeAll(async () => {
    [admin, support] = await Promise.all([createTestUser({ roles: ['admin'] }), createTestUser({ roles: ['support'] })]);
  });

  it('documents exactly the statuses exercised here (+429/500 elsewhere)', () => {
    expect(documentedStatuses(QUEUE, 'get').sort()).toEqual(['200', '400', '401', '403', '413', '415', '429', '500']);
  });

  it('200: admin and support page through one status with a cursor', async () => {
    const ids = [(await parkedCase('on_hold')).caseId, (await parkedCase('on_hold')).caseId, (await parkedCase('on_hold')).caseId];
    for (const headers of [bearer(admin.idToken), bearer(support.idToken)]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof api<{ items: Array<{ id: string; status: string }>; nextCursor: string | null }>>> = await api(
          `${QUEUE}?status=on_hold&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { operation: QUEUE, headers },
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        expect(page.body.items.every((item) => item.status === 'on_hold')).toBe(true);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 500);
      expect(seen).toEqual(expect.arrayContaining(ids));
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('400: an unknown status or a forged cursor', async () => {
    const badStatus = await api<Record<string, unknown>>(`${QUEUE}?status=maybe`, { operation: QUEUE, headers: bearer(admin.idToken) });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.code).toBe('VALIDATION_FAILED');
    const badCursor = await api<Record<string, unknown>>(`${QUEUE}?cursor=not-ours`, { operation: QUEUE, headers: bearer(admin.idToken) });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe('INVALID_CURSOR');
  });

  it('400 INVALID_CURSOR (never a 500) for a cursor whose id Firestore would refuse', async () => {
    const at = new Date().toISOString();
    const forged = [
      // The shape the queue issued before cursors were checked: [updatedAt, id] made startAfter throw on 'a/b'.
      Buffer.from(JSON.stringify([at, 'a/b'])).toString('base64url'),
      encodeCursor({ listing: 'kyc-queue', filters: { status: 'on_hold' } }, [at, 'a/b']),
      encodeCursor({ listing: 'kyc-queue', filters: { status: 'on_hold' } }, [at, '__x__']),
      encodeCursor({ listing: 'kyc-queue', filters: { status: 'on_hold' } }, ['yesterday', 'kc_1']),
    ];
    for (const cursor of forged) {
      const response = await api<Record<string, unknown>>(`${QUEUE}?status=on_hold&cursor=${cursor}`, { operation: QUEUE, headers: bearer(admin.idToken) });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_CURSOR');
    }
  });

  it('400 INVALID_CURSOR for a cursor issued for another status filter or another listing', async () => {
    await Promise.all([parkedCase('on_hold'), parkedCase('on_hold')]);
    const first = await api<{ nextCursor: string | null }>(`${QUEUE}?status=on_hold&limit=1`, { operation: QUEUE, headers: bearer(admin.idToken) });
    expect(first.status).toBe(200);
    const cursor = first.body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    for (const query of ['status=in_review&', '']) {
      const response = await api<Record<string, unknown>>(`${QUEUE}?${query}cursor=${cursor}`, { operation: QUEUE, headers: bearer(admin.idToken) });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_CURSOR');
    }
    const same = await api(`${QUEUE}?status=on_hold&limit=1&cursor=${cursor}`, { operation: QUEUE, headers: bearer(admin.idToken) });
    expect(same.status).toBe(200);
    const users = await api<Record<string, unknown>>(`/v1/admin/users?cursor=${cursor}`, { operation: '/v1/admin/users', headers: bearer(admin.idToken) });
    expect(users.status).toBe(400);
    expect(users.body.code).toBe('INVALID_CURSOR');
  });

  it('400 AMBIGUOUS_CREDENTIALS when both a token and a key are sent', async () => {
    const key = await apiKeyWith(['users:read']);
    const response = await api<Record<string, unknown>>(QUEUE, { headers: { ...bearer(admin.idToken), 'X-API-Key': key } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('AMBIGUOUS_CREDENTIALS');
  });

  it('401 without credentials; 403 for a plain user and for every API key (the queue holds applicant PII)', async () => {
    expect((await api(QUEUE)).status).toBe(401);
    const user = await createTestUser();
    const plain = await api<Record<string, unknown>>(QUEUE, { headers: bearer(user.idToken) });
    expect(plain.status).toBe(403);
    expect(plain.body.code).toBe('FORBIDDEN');
    const key = await apiKeyWith(['users:read', 'audit:read']);
    // A key stored while kyc:read still existed: the retired scope grants nothing.
    const legacy = await legacyKycReadKey();
    for (const secret of [key, legacy]) {
      const response = await api<Record<string, unknown>>(QUEUE, { headers: { 'X-API-Key': secret } });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
      expect(response.text).not.toContain('Parked');
    }
  });
});

describe('POST /v1/admin/kyc/{caseId}/decision', () => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await createTestUser({ roles: ['admin'] });
  });
  const decide = (caseId: string, body: unknown, user: { idToken: string } = admin) =>
    api<Record<string, unknown>>(`/v1/admin/kyc/${caseId}/decision`, { operation: DECISION, method: 'POST', headers: bearer(user.idToken), body });

  it('documents exactly the statuses exercised here (+429/500 elsewhere)', () => {
    expect(documentedStatuses(DECISION, 'post').sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '429', '500']);
  });

  it('200: approves an on_hold case; event, review and audit record the reviewer', async () => {
    const { caseId, version } = await parkedCase('on_hold');
    const response = await decide(caseId, { decision: 'approve', reason: 'Verified by video call.' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: caseId, status: 'approved', review: { source: 'reviewer', answer: 'GREEN', userMessage: 'Verified by video call.' } });
    const [event] = await eventLog(caseId, version);
    expect(event).toMatchObject({ from: 'on_hold', to: 'approved', by: 'reviewer', actor: { type: 'user', id: admin.uid } });
    const audit = await testDb().collection('auditLogs').where('target.id', '==', caseId).get();
    expect(audit.docs.map((doc) => [doc.get('action'), doc.get('actor.id'), doc.get('after.status')])).toEqual([['kyc.case.transition', admin.uid, 'approved']]);
  });

  it('200: request_resubmission and reject map to their statuses', async () => {
    const resubmit = await decide((await parkedCase('in_review')).caseId, { decision: 'request_resubmission', reason: 'Blurred photo.' });
    expect(resubmit.body).toMatchObject({ status: 'resubmission_required', nextAction: 'resubmit' });
    const reject = await decide((await parkedCase('approved')).caseId, { decision: 'reject', reason: 'Sanctions list match.' });
    expect(reject.body).toMatchObject({ status: 'rejected', nextAction: 'contact_support' });
  });

  it('409 KYC_ILLEGAL_TRANSITION: approving an approved case, or deciding an expired one; nothing changes', async () => {
    for (const [status, decision] of [
      ['approved', 'approve'],
      ['expired', 'approve'],
      ['rejected', 'request_resubmission'],
    ] as const) {
      const { caseId, version } = await parkedCase(status);
      const response = await decide(caseId, { decision, reason: 'Try.' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('KYC_ILLEGAL_TRANSITION');
      expect((await caseDoc(caseId)).get('status')).toBe(status);
      expect(await eventLog(caseId, version)).toEqual([]);
    }
  });

  it('400: unknown decision or missing reason; 404: unknown case', async () => {
    const { caseId } = await parkedCase('on_hold');
    const bad = await decide(caseId, { decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Array<{ path: string }>).map((error) => error.path).sort()).toEqual(['decision', 'reason']);
    // A Firestore-reserved id (__…__) is not a case id: refused before Firestore would answer it with an error.
    const reserved = await decide('__proto__', { decision: 'approve', reason: 'x' });
    expect(reserved.status).toBe(400);
    expect(reserved.body.code).toBe('VALIDATION_FAILED');
    const missing = await decide(`kc-missing-${randomUUID()}`, { decision: 'approve', reason: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('KYC_CASE_NOT_FOUND');
  });

  it('401 without credentials; 403 for support (admins only); 413 for a huge body', async () => {
    const { caseId } = await parkedCase('on_hold');
    expect((await api(`/v1/admin/kyc/${caseId}/decision`, { operation: DECISION, method: 'POST', body: { decision: 'approve', reason: 'x' } })).status).toBe(401);
    const support = await createTestUser({ roles: ['support'] });
    const forbidden = await decide(caseId, { decision: 'approve', reason: 'x' }, support);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    const huge = await decide(caseId, { decision: 'approve', reason: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect((await caseDoc(caseId)).get('status')).toBe('on_hold');
  });
});
