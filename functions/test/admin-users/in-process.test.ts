/**
 * 429 and 500 of every admin user operation, on the app built in-process
 * (tiny rate limits and failing storage cannot be set on the Functions
 * emulator's instance); responses validated against openapi.yaml.
 */
import { createServices, productionPlatform } from '../../src/composition';
import { unreachableFirestore } from '../../../test/services';
import { loggedEvents } from '../../../test/logs';
import { bearer, createTestUser } from '../../../test/identities';
import { profileDoc, userWithProfile } from '../users/helpers';
import { serveInProcess, type InProcessApi } from '../../../test/in-process';

const servers: InProcessApi[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

const operations = (uid: string) => [
  { method: 'GET', path: '/v1/admin/users', operation: '/v1/admin/users' },
  { method: 'GET', path: `/v1/admin/users/${uid}`, operation: '/v1/admin/users/{uid}' },
  { method: 'PATCH', path: `/v1/admin/users/${uid}`, operation: '/v1/admin/users/{uid}', body: { status: 'disabled' } },
  { method: 'DELETE', path: `/v1/admin/users/${uid}`, operation: '/v1/admin/users/{uid}' },
];

it('429 RATE_LIMITED on every admin user operation once the admin is over the limit; nothing changes', async () => {
  const api = await serveInProcess({ rateLimits: { perMinuteUser: 1 } });
  servers.push(api);
  const admin = await createTestUser({ roles: ['admin'] });
  const target = await userWithProfile();
  expect((await api.call('/v1/admin/users?limit=1', { headers: bearer(admin.idToken), operation: '/v1/admin/users' })).status).toBe(200);
  for (const operation of operations(target.uid)) {
    const response = await api.call(operation.path, { ...operation, headers: bearer(admin.idToken) });
    expect(response.status).toBe(429);
    expect(response.body).toMatchObject({ code: 'RATE_LIMITED' });
  }
  expect(await profileDoc(target.uid)).toMatchObject({ status: 'active', version: 1 });
});

it('500 INTERNAL on every admin user operation when storage fails, without internal detail', async () => {
  const services = createServices({ ...productionPlatform(), db: unreachableFirestore('storage down: internal-detail-77') });
  const api = await serveInProcess({ services });
  servers.push(api);
  const admin = await createTestUser({ roles: ['admin'] });
  const target = await userWithProfile();
  for (const operation of operations(target.uid)) {
    const response = await api.call(operation.path, { ...operation, headers: bearer(admin.idToken) });
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'INTERNAL' });
    expect(response.text).not.toContain('internal-detail-77');
  }
  // The cause is logged (never sent): one unhandled_error per request, naming it.
  const logged = loggedEvents('unhandled_error').filter((entry) => JSON.stringify(entry.error).includes('internal-detail-77'));
  expect(logged.length).toBeGreaterThanOrEqual(operations(target.uid).length);
  expect(await profileDoc(target.uid)).toMatchObject({ status: 'active', version: 1 });
});
