/**
 * OWASP API1:2023 Broken Object Level Authorization. Every own-resource route
 * is addressed as /v1/me (the object is the caller, never a client-chosen
 * id), so these tests try to smuggle another user's id in through query,
 * headers and body, and reach other users' objects through admin routes.
 */
import { api } from '../../test/http';
import { bearer } from '../../test/identities';
import { testDb } from '../../test/firestore';
import { applicant, submitKyc, waitForStatus } from '../../functions/test/kyc/kyc-helpers';
import { note } from './record';
import { cast, expectProblem, raw, userWithProfile, type TestUser } from './helpers';

let alice: TestUser;
let bob: TestUser;
let bobCaseId: string;
const bobDocument = 'BOB0SECRET77';

beforeAll(async () => {
  ({ alice, bob } = await cast());
  const submitted = await submitKyc(bob, applicant('Lovelace', { document: { type: 'passport', number: bobDocument, issuingCountry: 'DE', expiresOn: '2035-01-01' } }));
  expect(submitted.status).toBe(201);
  bobCaseId = submitted.body.id as string;
  await waitForStatus(bob, 'approved');
});

const leaksBob = (text: string): boolean => text.includes(bob.uid) || text.includes(bob.email) || text.includes(bobCaseId) || text.includes(bobDocument);

describe("API1 BOLA: user A cannot read or change user B's objects", () => {
  it("GET /v1/me ignores a uid smuggled in the query or headers and returns only the caller's profile", async () => {
    for (const [how, path, headers] of [
      ['?uid=', `/v1/me?uid=${bob.uid}`, {}],
      ['?userId=', `/v1/me?userId=${bob.uid}`, {}],
      ['X-User-Id header', '/v1/me', { 'X-User-Id': bob.uid }],
      ['X-Forwarded-User header', '/v1/me', { 'X-Forwarded-User': bob.uid }],
    ] as const) {
      const response = await api<{ uid: string }>(path, { operation: '/v1/me', headers: { ...bearer(alice.idToken), ...headers } });
      expect(response.status).toBe(200);
      expect(response.body.uid).toBe(alice.uid);
      expect(leaksBob(response.text)).toBe(false);
      note(`alice GET /v1/me with bob's uid in ${how} → ${response.status}, own profile, nothing of bob`);
    }
  });

  it("GET /v1/me/kyc and /v1/me/export never return B's case or data", async () => {
    const kyc = await api('/v1/me/kyc', { headers: bearer(alice.idToken) });
    expectProblem(kyc, 404, 'KYC_CASE_NOT_FOUND');
    const kycSmuggled = await api(`/v1/me/kyc?caseId=${bobCaseId}`, { operation: '/v1/me/kyc', headers: { ...bearer(alice.idToken), 'X-Case-Id': bobCaseId } });
    expectProblem(kycSmuggled, 404, 'KYC_CASE_NOT_FOUND');
    const exported = await api<{ profile: { uid: string }; kycCases: unknown[] }>(`/v1/me/export?uid=${bob.uid}`, { operation: '/v1/me/export', headers: bearer(alice.idToken) });
    expect(exported.status).toBe(200);
    expect(exported.body.profile.uid).toBe(alice.uid);
    expect(exported.body.kycCases).toEqual([]);
    expect(leaksBob(exported.text)).toBe(false);
    note(`alice (no case) while bob has approved case ${bobCaseId}: GET /v1/me/kyc → 404 KYC_CASE_NOT_FOUND (also with ?caseId=/X-Case-Id), export → 200 with only alice's data`);
  });

  it("PATCH /v1/me with B's uid in the body is refused and B's profile is unchanged", async () => {
    const before = (await testDb().doc(`users/${bob.uid}`).get()).data();
    const response = await api('/v1/me', { method: 'PATCH', headers: bearer(alice.idToken), body: { uid: bob.uid, displayName: 'Pwned' } });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    const query = await api(`/v1/me?uid=${bob.uid}`, { operation: '/v1/me', method: 'PATCH', headers: bearer(alice.idToken), body: { displayName: 'Alice A.' } });
    expect(query.status).toBe(200);
    expect((query.body as { uid: string }).uid).toBe(alice.uid);
    const after = (await testDb().doc(`users/${bob.uid}`).get()).data();
    expect(after).toEqual(before);
    note("alice PATCH /v1/me {uid: bob} → 400 VALIDATION_FAILED; PATCH /v1/me?uid=bob changes alice only; bob's users/{uid} byte-identical");
  });

  it('DELETE /v1/me?uid=B erases the caller only; B keeps account, profile and case', async () => {
    const mallory = await userWithProfile();
    const response = await api(`/v1/me?uid=${bob.uid}`, { operation: '/v1/me', method: 'DELETE', headers: bearer(mallory.idToken) });
    expect(response.status).toBe(204);
    const bobProfile = await testDb().doc(`users/${bob.uid}`).get();
    expect(bobProfile.get('status')).toBe('active');
    expect((await testDb().doc(`kycCases/${bobCaseId}`).get()).get('status')).toBe('approved');
    const bobMe = await api<{ uid: string }>('/v1/me', { headers: bearer(bob.idToken) });
    expect(bobMe.status).toBe(200);
    note('mallory DELETE /v1/me?uid=bob → 204 erased mallory; bob still active, his case still approved, his token still works');
  });

  it("a plain user cannot reach B through admin object routes (403, B's objects unchanged)", async () => {
    const caseBefore = (await testDb().doc(`kycCases/${bobCaseId}`).get()).data();
    const attempts = [
      await api(`/v1/admin/users/${bob.uid}`, { operation: '/v1/admin/users/{uid}', headers: bearer(alice.idToken) }),
      await api(`/v1/admin/users/${bob.uid}`, { operation: '/v1/admin/users/{uid}', method: 'PATCH', headers: bearer(alice.idToken), body: { status: 'disabled' } }),
      await api(`/v1/admin/users/${bob.uid}`, { operation: '/v1/admin/users/{uid}', method: 'DELETE', headers: bearer(alice.idToken) }),
      await api(`/v1/admin/kyc/${bobCaseId}/decision`, { operation: '/v1/admin/kyc/{caseId}/decision', method: 'POST', headers: bearer(alice.idToken), body: { decision: 'reject', reason: 'mine now' } }),
      await api('/v1/admin/kyc', { headers: bearer(alice.idToken) }),
      await api(`/v1/admin/audit-logs?targetId=${bob.uid}`, { operation: '/v1/admin/audit-logs', headers: bearer(alice.idToken) }),
    ];
    for (const response of attempts) {
      expectProblem(response, 403, 'FORBIDDEN');
      // `instance` echoes the caller's own request path; nothing else may name bob.
      expect(leaksBob(JSON.stringify({ ...(response.body as object), instance: undefined }))).toBe(false);
    }
    expect((await testDb().doc(`kycCases/${bobCaseId}`).get()).data()).toEqual(caseBefore);
    expect((await testDb().doc(`users/${bob.uid}`).get()).get('status')).toBe('active');
    note(`alice → GET/PATCH/DELETE /v1/admin/users/{bob}, POST decision on bob's case, GET /v1/admin/kyc, audit-logs?targetId=bob: ${attempts.map((r) => r.status).join(', ')}; bob's case and profile unchanged`);
  });

  it('no route takes a case id for the applicant, so guessing ids reaches nothing', async () => {
    for (const path of [`/v1/me/kyc/${bobCaseId}`, `/v1/kyc/${bobCaseId}`, `/v1/kycCases/${bobCaseId}`, `/v1/users/${bob.uid}`, `/v1/users/${bob.uid}/export`]) {
      const response = await raw(path, { headers: bearer(alice.idToken) });
      expectProblem(response, 404, 'ROUTE_NOT_FOUND');
      expect(leaksBob(JSON.stringify({ ...response.body, instance: undefined }))).toBe(false);
    }
    note("alice GET /v1/me/kyc/{bob's case}, /v1/kyc/{id}, /v1/kycCases/{id}, /v1/users/{bob}, /v1/users/{bob}/export → 404 ROUTE_NOT_FOUND each");
  });
});
