/**
 * GET /v1/admin/kyc/{caseId} through the Functions emulator, grouped by
 * outcome: the case with its event timeline (validated against openapi.yaml),
 * the roles let in and refused, 404 and malformed ids. 429 and 500 are
 * exercised generically in functions/test/rate-limit; 413 in functions/test/http.
 */
import { randomUUID } from 'node:crypto';
import { api } from '../../../test/http';
import { documentedStatuses } from '../../../test/contract';
import { bearer, createTestUser, type TestUser } from '../../../test/identities';
import { apiKeyWith } from '../users/helpers';
import { applicant } from './kyc-helpers';
import { seedKycCase } from './kyc-fixtures';

const CASE = '/v1/admin/kyc/{caseId}';
const DECISION = '/v1/admin/kyc/{caseId}/decision';

interface CaseBody {
  id: string;
  status: string;
  uid: string;
  applicant: { lastName: string };
  events: Array<{ id: string; from: string | null; to: string; by: string; actor: { type: string; id: string }; reason: string; at: string }>;
  code?: string;
}

const getCase = (caseId: string, headers: Record<string, string> = {}) =>
  api<CaseBody>(`/v1/admin/kyc/${encodeURIComponent(caseId)}`, { operation: CASE, headers });

describe('GET /v1/admin/kyc/{caseId}', () => {
  let admin: TestUser;
  let support: TestUser;
  beforeAll(async () => {
    [admin, support] = await Promise.all([createTestUser({ roles: ['admin'] }), createTestUser({ roles: ['support'] })]);
  });

  it('documents exactly the statuses exercised here (+413/415/429/500 elsewhere)', () => {
    expect(documentedStatuses(CASE, 'get').sort()).toEqual(['200', '400', '401', '403', '404', '413', '415', '429', '500']);
  });

  it('200: admin and support get the case with its events, oldest first, as the event log holds them', async () => {
    const { kycCase, events } = await seedKycCase({ caseId: `kc-one-${randomUUID()}`, status: 'on_hold', applicant: applicant('Timeline') });
    for (const headers of [bearer(admin.idToken), bearer(support.idToken)]) {
      const response = await getCase(kycCase.id, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.body).toMatchObject({ id: kycCase.id, uid: kycCase.uid, status: 'on_hold', applicant: { lastName: 'Timeline' } });
      expect(response.body.events.map((event) => event.id)).toEqual(events.map((event) => event.id));
      expect(response.body.events.map((event) => [event.from, event.to, event.by])).toEqual([
        [null, 'submitted', 'applicant'],
        ['submitted', 'in_review', 'system'],
        ['in_review', 'on_hold', 'provider'],
      ]);
      expect(response.body.events[0].actor).toEqual({ type: 'user', id: kycCase.uid });
    }
  });

  it('200: a reviewer’s decision appears as the newest event, with who decided and why', async () => {
    const { kycCase } = await seedKycCase({ caseId: `kc-one-${randomUUID()}`, status: 'on_hold' });
    const decided = await api(`/v1/admin/kyc/${kycCase.id}/decision`, {
      operation: DECISION,
      method: 'POST',
      headers: bearer(admin.idToken),
      body: { decision: 'approve', reason: 'Checked by video call.' },
    });
    expect(decided.status).toBe(200);
    const response = await getCase(kycCase.id, bearer(support.idToken));
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('approved');
    expect(response.body.events.at(-1)).toMatchObject({
      from: 'on_hold',
      to: 'approved',
      by: 'reviewer',
      actor: { type: 'user', id: admin.uid },
      reason: 'manual decision: Checked by video call.',
    });
  });

  it('404 KYC_CASE_NOT_FOUND for an unknown case', async () => {
    const response = await getCase(`kc-missing-${randomUUID()}`, bearer(admin.idToken));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('KYC_CASE_NOT_FOUND');
  });

  it('400 VALIDATION_FAILED (problem+json) for an id that cannot name a case, reserved Firestore ids included', async () => {
    // __proto__ and __x__: Firestore reserves __…__ ids and answers them with an error (a 500 found by the fuzz proof).
    for (const bad of ['a.b', 'x'.repeat(129), 'kc 1', '__proto__!', '__proto__', '__x__']) {
      const response = await getCase(bad, bearer(admin.idToken));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('400 AMBIGUOUS_CREDENTIALS when both a token and a key are sent', async () => {
    const key = await apiKeyWith(['users:read']);
    const response = await getCase('kc_0000', { ...bearer(admin.idToken), 'X-API-Key': key });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('AMBIGUOUS_CREDENTIALS');
  });

  it('401 without credentials; 403 for a plain user (even the applicant) and for every API key', async () => {
    const owner = await createTestUser();
    const { kycCase } = await seedKycCase({ uid: owner.uid, caseId: `kc-one-${randomUUID()}`, status: 'on_hold', applicant: applicant('Private') });
    const anonymous = await getCase(kycCase.id);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    const key = await apiKeyWith(['users:read', 'audit:read']);
    for (const headers of [bearer(owner.idToken), bearer((await createTestUser()).idToken), { 'X-API-Key': key }]) {
      const response = await getCase(kycCase.id, headers);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
      expect(response.text).not.toContain('Private');
    }
  });
});
