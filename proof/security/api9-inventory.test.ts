/**
 * OWASP API9:2023 Improper Inventory Management: the running API is exactly
 * the documented one. Every operation in openapi.yaml answers (with a status
 * the contract documents), and plausible undocumented paths (debug, internal,
 * old versions, admin sub-resources, files) are 404 problems.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { api } from '../../test/http';
import { bearer } from '../../test/identities';
import { note } from './record';
import { cast, expectProblem, raw, userWithProfile, type TestUser } from './helpers';

const document = parse(readFileSync(resolve(__dirname, '../../openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
let admin: TestUser;

beforeAll(async () => {
  ({ admin } = await cast());
});

describe('API9 improper inventory', () => {
  it('every documented operation exists and answers with a documented status', async () => {
    const seen: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item).filter((m) => ['get', 'post', 'patch', 'delete', 'put'].includes(m))) {
        const concrete = path.replace('{uid}', 'no-such-uid-000').replace('{caseId}', 'kc_000000000000000000000000').replace('{id}', '0123456789abcdef');
        // Admin token and an empty JSON body: every operation can answer (2xx, 400, 404...), none may be missing.
        // DELETE /v1/me erases the caller, so it gets a throwaway user.
        const token = path === '/v1/me' && method === 'delete' ? (await userWithProfile()).idToken : admin.idToken;
        const response = await api(concrete, { operation: path, method: method.toUpperCase(), headers: path.startsWith('/docs') ? {} : bearer(token), body: method === 'get' || method === 'delete' ? undefined : {} });
        expect((response.body as { code?: string }).code).not.toBe('ROUTE_NOT_FOUND');
        expect(response.status).toBeLessThan(500);
        seen.push(`${method.toUpperCase()} ${path} ${response.status}`);
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(20);
    note(`${seen.length} documented operations, each answered within the contract: ${seen.join(', ')}`);
  });

  it('undocumented paths → 404 ROUTE_NOT_FOUND problem, with or without admin credentials', async () => {
    const probes = [
      '/v1/debug', '/v1/debug/vars', '/v1/internal', '/v1/admin', '/v1/admin/', '/v1/admin/users/x/claims', '/v1/admin/users/x/token', '/v1/admin/users/x/password',
      '/v1/admin/kyc/kc_x/documents', '/v1/admin/api-keys/0123456789abcdef', '/v1/admin/config', '/v1/admin/env', '/v0/me', '/v2/me', '/api/v1/me', '/v1/me/kyc/history',
      '/v1/me/roles', '/v1/webhooks', '/v1/webhooks/test', '/v1/openapi.json', '/v1/swagger.json', '/.env', '/.git/config', '/package.json', '/v1/../package.json',
      '/v1/metrics', '/v1/status', '/graphql', '/',
    ];
    const leaks: string[] = [];
    for (const path of probes) {
      for (const headers of [{}, bearer(admin.idToken)]) {
        const response = await raw(path, { headers });
        if (response.status !== 404) leaks.push(`${path} → ${response.status}`);
        else expectProblem(response, 404, 'ROUTE_NOT_FOUND');
      }
    }
    expect(leaks).toEqual([]);
    note(`${probes.length} undocumented paths (debug, internal, admin sub-resources, other versions, dotfiles, package.json, metrics, graphql, /) without and with an admin token → 404 ROUTE_NOT_FOUND each`);
  });
});
