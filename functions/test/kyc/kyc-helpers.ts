/**
 * Helpers of the KYC suites: the local secrets the launcher generated, the
 * mock provider's API and control plane, applicant data for each sandbox
 * scenario (from kyc-fixtures.ts), signed webhook calls, and waiting for a
 * case to settle.
 */
import { ensureLocalSecrets } from '../../../scripts/src/local-secrets';
import { buildSignatureHeader } from '../../../mock-kyc/src/signature';
import { stackEnv } from '../../../test/env';
import { api, type ApiResponse } from '../../../test/http';
import { bearer, createTestUser, signIn, type TestUser } from '../../../test/identities';
import { eventually, testDb } from '../../../test/firestore';

// Applicant data lives with the case fixtures, which store it in cases.
export { applicant } from './kyc-fixtures';

export const localSecrets = ensureLocalSecrets();

/** A call to the mock provider with its bearer token. */
export async function mockKyc<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stackEnv.mockKycUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${localSecrets.providerApiToken}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface Faults {
  errorRate?: number;
  latencyMs?: number;
  timeoutRate?: number;
  duplicateRate?: number;
  outOfOrderRate?: number;
  seed?: number;
}

export async function setFaults(faults: Faults): Promise<void> {
  const { status } = await mockKyc('/v1/sandbox/faults', { method: 'PUT', body: faults });
  if (status !== 200) throw new Error(`setting faults failed: ${status}`);
}

export async function resetFaults(): Promise<void> {
  await mockKyc('/v1/sandbox/faults', { method: 'DELETE' });
}

/** POST /v1/me/kyc as `user`. */
export function submitKyc(user: TestUser, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<Record<string, unknown>>> {
  return api<Record<string, unknown>>('/v1/me/kyc', { method: 'POST', headers: { ...bearer(user.idToken), ...headers }, body });
}

/** GET /v1/me/kyc as `user`. */
export function getKyc(user: TestUser): Promise<ApiResponse<Record<string, unknown>>> {
  return api<Record<string, unknown>>('/v1/me/kyc', { headers: bearer(user.idToken) });
}

/** A fresh applicant whose profile exists (the sign-up trigger created it). */
export async function newApplicant(): Promise<TestUser> {
  const user = await createTestUser();
  await eventually('the profile of a new user', async () => ((await testDb().doc(`users/${user.uid}`).get()).exists ? true : undefined), 60_000);
  return user;
}

/** Wait until the case reaches `status` (via the API) and return it. */
export async function waitForStatus(user: TestUser, status: string, timeoutMs = 45_000): Promise<Record<string, unknown>> {
  return eventually(
    `the case to become ${status}`,
    async () => {
      const response = await getKyc(user);
      return response.status === 200 && response.body.status === status ? response.body : undefined;
    },
    timeoutMs,
  );
}

/** The `kyc` claim of a freshly signed-in token. */
export async function kycClaimOf(user: TestUser): Promise<unknown> {
  const { idToken } = await signIn(user.email, user.password);
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  return payload.kyc;
}

/** Wait until the profile's kycStatus and the token's claim both show `status`. */
export async function waitForProfileAndClaim(user: TestUser, status: string): Promise<void> {
  await eventually(`profile kycStatus ${status}`, async () => ((await testDb().doc(`users/${user.uid}`).get()).get('kycStatus') === status ? true : undefined));
  await eventually(`claim kyc=${status}`, async () => ((await kycClaimOf(user)) === status ? true : undefined));
}

/** POST a signed event to the webhook. */
export async function postWebhook(
  event: unknown,
  options: { secret?: string; t?: number; header?: string; raw?: string } = {},
): Promise<ApiResponse<Record<string, unknown>>> {
  const raw = options.raw ?? JSON.stringify(event);
  const t = options.t ?? Math.floor(Date.now() / 1000);
  const header = options.header ?? buildSignatureHeader(options.secret ?? localSecrets.webhookSecrets[0], raw, t);
  return api<Record<string, unknown>>('/v1/webhooks/kyc', { method: 'POST', headers: { 'X-Signature': header, 'content-type': 'application/json' }, body: raw });
}

/**
 * The case's event log from Firestore, oldest first. `after` skips the first
 * entries, e.g. the history of a seeded case of that version (event ids are
 * the versions 1, 2, …), leaving what the code under test wrote.
 */
export async function eventLog(caseId: string, after = 0): Promise<Array<Record<string, unknown>>> {
  const snapshot = await testDb().collection(`kycCases/${caseId}/events`).orderBy('__name__').get();
  return snapshot.docs.slice(after).map((doc) => ({ id: doc.id, ...doc.data() }));
}

/** The provider's check of a case (found through the case's provider refs). */
export async function checkOf(caseId: string): Promise<Record<string, unknown>> {
  // The provider's decision can overtake the hand-over write that records its refs, and a
  // hand-over whose answer was lost records them on the trigger's retry (kyc.submission.ts,
  // awaitsHandover; the emulator retries deliveries for ~8 s), so they may appear after the status.
  const provider = await eventually(
    `case ${caseId} to record its provider refs`,
    async () => {
      const snapshot = await testDb().doc(`kycCases/${caseId}`).get();
      return (snapshot.get('provider') as { checkId: string } | null) ?? undefined;
    },
    45_000,
  );
  // GET /v1/checks is subject to the provider's fault injection (another suite may have it on): retry until it answers.
  // Its timeout fault destroys the socket, so fetch throws ("other side closed"): retry that too.
  return eventually('the provider to return the check', async () => {
    const response = await mockKyc<Record<string, unknown>>(`/v1/checks/${provider.checkId}`).catch(() => undefined);
    return response?.status === 200 ? response.body : undefined;
  });
}
