/**
 * OWASP API7:2023 Server Side Request Forgery. No operation accepts a URL
 * from the client; the callback URL the provider uses comes from server
 * configuration. A local listener stands in for an internal service: URL-like
 * fields are refused, URLs inside free text are stored as text, and nothing
 * ever calls the listener.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api } from '../../test/http';
import { bearer } from '../../test/identities';
import { testDb } from '../../test/firestore';
import { applicant, checkOf, submitKyc, waitForStatus } from '../../functions/test/kyc/kyc-helpers';
import { note } from './record';
import { cast, expectProblem, userWithProfile, type TestUser } from './helpers';

let listener: Server;
let target: string;
const hits: string[] = [];
let admin: TestUser;

beforeAll(async () => {
  listener = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/internal/metadata`;
  ({ admin } = await cast());
});
afterAll(async () => {
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

describe('API7 SSRF', () => {
  it('URL-carrying fields are refused on every write operation', async () => {
    const user = await userWithProfile();
    const attempts = [
      await submitKyc(user, { ...applicant(), callbackUrl: target }),
      await submitKyc(user, { ...applicant(), webhookUrl: target }),
      await submitKyc(user, { ...applicant(), document: { ...(applicant().document as object), imageUrl: target } }),
      await submitKyc(user, { ...applicant(), selfieUrl: target }),
      await api('/v1/me', { method: 'PATCH', headers: bearer(user.idToken), body: { photoURL: target } }),
      await api('/v1/me', { method: 'PATCH', headers: bearer(user.idToken), body: { avatarUrl: target } }),
      await api('/v1/users', { method: 'POST', body: { email: `ssrf-${Date.now()}@example.test`, password: 'correct-horse-42x', displayName: 'S', photoURL: target } }),
      await api('/v1/admin/api-keys', { method: 'POST', headers: bearer(admin.idToken), body: { name: 'ssrf', scopes: ['audit:read'], webhookUrl: target } }),
    ];
    for (const response of attempts) expectProblem(response, 400, 'VALIDATION_FAILED');
    expect((await testDb().collection('kycCases').where('uid', '==', user.uid).get()).size).toBe(0);
    note(`callbackUrl, webhookUrl, document.imageUrl, selfieUrl on POST /v1/me/kyc; photoURL, avatarUrl on PATCH /v1/me; photoURL on POST /v1/users; webhookUrl on POST /v1/admin/api-keys → ${attempts.map((r) => r.status).join(', ')}`);
  });

  it('URLs in free-text fields are data: the case completes and nobody calls them', async () => {
    const user = await userWithProfile();
    const submitted = await submitKyc(user, applicant('Lovelace', { address: { line1: target.slice(0, 200), line2: 'file:///etc/passwd', city: 'http://169.254.169.254/latest', postalCode: '10117', country: 'DE' } }));
    expect(submitted.status).toBe(201);
    await waitForStatus(user, 'approved');
    const check = await checkOf(submitted.body.id as string);
    expect(JSON.stringify(check)).not.toContain(target);
    expect(hits).toEqual([]);
    note(`KYC case with URLs (listener, file://, cloud metadata) in address lines → 201, approved by the sandbox; the provider's check has the configured callback URL, not ours; listener received ${hits.length} requests`);
  });
});
