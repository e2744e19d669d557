/**
 * What the Functions emulator cannot show on this machine (see in-process.ts):
 * twenty truly concurrent edits, ten concurrent first calls, and the 429 and
 * 500 responses of every profile operation. Same code, same Auth and
 * Firestore emulators; responses validated against openapi.yaml.
 */
import { createServices, productionPlatform } from '../../src/composition';
import { unreachableFirestore } from '../../../test/services';
import { loggedEvents } from '../../../test/logs';
import type { Profile } from '../../src/users/users.schemas';
import { bearer, createTestUser } from '../../../test/identities';
import { testDb } from '../../../test/firestore';
import { auditAbout, profileCreated, profileDoc, userWithProfile } from './helpers';
import { serveInProcess, type InProcessApi } from '../../../test/in-process';

const servers: InProcessApi[] = [];
const serve = async (options: Parameters<typeof serveInProcess>[0] = {}) => {
  const server = await serveInProcess(options);
  servers.push(server);
  return server;
};
afterAll(() => Promise.all(servers.map((server) => server.close())));

const meOperations = [
  { method: 'GET', path: '/v1/me' },
  { method: 'PATCH', path: '/v1/me', body: { givenName: 'Rita' } },
  { method: 'GET', path: '/v1/me/export' },
  { method: 'DELETE', path: '/v1/me' },
];

describe('concurrency', () => {
  it('20 concurrent PATCHes with the same If-Match: exactly one 200 and nineteen 412; the document is the winner', async () => {
    const api = await serve();
    const user = await userWithProfile();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        api.call<Profile>('/v1/me', { method: 'PATCH', headers: { ...bearer(user.idToken), 'If-Match': '"1"' }, body: { givenName: `Writer ${index}` } }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(19);
    for (const lost of responses.filter((response) => response.status === 412)) expect(lost.body).toMatchObject({ code: 'PRECONDITION_FAILED' });
    const winner = responses.find((response) => response.status === 200)?.body as Profile;
    expect(winner.version).toBe(2);
    expect(await profileDoc(user.uid)).toMatchObject({ givenName: winner.givenName, version: 2 });
    const updates = (await auditAbout(user.uid)).filter((entry) => entry.action === 'user.profile.updated');
    expect(updates).toHaveLength(1);
    expect(updates[0].after).toMatchObject({ version: 2 });
  }, 120_000);

  it('20 concurrent PATCHes without If-Match: none lost, versions 2..21, one audit entry each', async () => {
    const api = await serve();
    const user = await userWithProfile();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => api.call<Profile>('/v1/me', { method: 'PATCH', headers: bearer(user.idToken), body: { givenName: `Writer ${index}` } })),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(responses.map((response) => response.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));
    const final = responses.find((response) => response.body.version === 21)?.body;
    expect(await profileDoc(user.uid)).toMatchObject({ version: 21, givenName: final?.givenName });
    expect((await auditAbout(user.uid)).filter((entry) => entry.action === 'user.profile.updated')).toHaveLength(20);
  }, 120_000);

  it('10 concurrent first calls create one profile and one provisioning audit entry', async () => {
    const api = await serve();
    const user = await createTestUser();
    await profileCreated(user.uid);
    await testDb().doc(`users/${user.uid}`).delete();
    for (const entry of await auditAbout(user.uid)) await testDb().doc(`auditLogs/${entry.id}`).delete();
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.call<Profile>('/v1/me', { headers: bearer(user.idToken) })));
    expect(responses.map((response) => response.status)).toEqual(Array<number>(10).fill(200));
    expect(new Set(responses.map((response) => response.body.createdAt)).size).toBe(1);
    expect((await auditAbout(user.uid)).map((entry) => entry.action)).toEqual(['user.profile.provisioned']);
  }, 120_000);
});

describe('429 RATE_LIMITED', () => {
  it('on every /v1/me operation once the user is over the limit, and nothing changes', async () => {
    const api = await serve({ rateLimits: { perMinuteUser: 1 } });
    const user = await userWithProfile();
    expect((await api.call('/v1/me', { headers: bearer(user.idToken) })).status).toBe(200);
    for (const operation of meOperations) {
      const response = await api.call(operation.path, { method: operation.method, headers: bearer(user.idToken), body: operation.body });
      expect(response.status).toBe(429);
      expect(response.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(await profileDoc(user.uid)).toMatchObject({ status: 'active', version: 1 });
  });

  it('on POST /v1/users once the client IP is over the limit', async () => {
    const api = await serve({ rateLimits: { perMinuteIp: 1 } });
    const body = (tag: string) => ({ email: `rl-${tag}-${Date.now()}@example.test`, password: 'correct-horse-42', displayName: 'Rate Limited' });
    expect((await api.call('/v1/users', { method: 'POST', body: body('a') })).status).toBe(201);
    const refused = await api.call('/v1/users', { method: 'POST', body: body('b') });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('500 INTERNAL when storage fails', () => {
  it('on every profile operation, with no internal detail in the body', async () => {
    const services = createServices({ ...productionPlatform(), db: unreachableFirestore('storage down: internal-detail-99') });
    const api = await serve({ services });
    const user = await userWithProfile();
    const operations = [...meOperations, { method: 'POST', path: '/v1/users', body: { email: `fail-${Date.now()}@example.test`, password: 'correct-horse-42', displayName: 'Fail' } }];
    for (const operation of operations) {
      const response = await api.call(operation.path, { method: operation.method, headers: bearer(user.idToken), body: operation.body });
      expect(response.status).toBe(500);
      expect(response.body).toMatchObject({ code: 'INTERNAL', status: 500 });
      expect(response.text).not.toContain('internal-detail-99');
    }
    // The cause is logged (never sent): one unhandled_error per request, naming it.
    const logged = loggedEvents('unhandled_error').filter((entry) => JSON.stringify(entry.error).includes('internal-detail-99'));
    expect(logged.length).toBeGreaterThanOrEqual(operations.length);
    expect(await profileDoc(user.uid)).toMatchObject({ status: 'active', version: 1 });
  });
});
