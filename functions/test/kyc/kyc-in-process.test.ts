/**
 * What the Functions emulator cannot show on this machine (it runs one worker
 * process per in-flight request): twenty truly concurrent KYC submissions by
 * one user. Same code as the API (createApp in process), same Auth and
 * Firestore emulators; responses validated against openapi.yaml.
 */
import { randomUUID } from 'node:crypto';
import { bearer } from '../../../test/identities';
import { testDb } from '../../../test/firestore';
import { serveInProcess, type InProcessApi } from '../../../test/in-process';
import { applicant } from './kyc-fixtures';
import { newApplicant } from './kyc-helpers';

// The Functions emulator reads this param from functions/.env.demo-nff; the in-process app from the environment.
process.env.KYC_MAX_ATTEMPTS ??= '3';

const servers: InProcessApi[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

describe('POST /v1/me/kyc under concurrency', () => {
  it('20 concurrent submissions with different Idempotency-Keys by one user open exactly one case', async () => {
    const api = await serveInProcess();
    servers.push(api);
    const user = await newApplicant();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.call<{ id?: string; code?: string }>('/v1/me/kyc', { method: 'POST', headers: { ...bearer(user.idToken), 'Idempotency-Key': randomUUID() }, body: applicant('Pending') }),
      ),
    );
    const opened = responses.filter((response) => response.status === 201);
    expect(opened).toHaveLength(1);
    expect(responses.filter((response) => response.status !== 201).map((response) => [response.status, response.body.code])).toEqual(Array(19).fill([409, 'KYC_CASE_OPEN']));
    const cases = await testDb().collection('kycCases').where('uid', '==', user.uid).get();
    expect(cases.docs.map((doc) => doc.id)).toEqual([opened[0]!.body.id]);
    // The applicant head, which decides the one-open-case rule without a query, names that case.
    expect((await testDb().doc(`kycApplicants/${user.uid}`).get()).data()).toMatchObject({ cases: 1, latest: { caseId: opened[0]!.body.id, attempt: 1 } });
  }, 120_000);
});
