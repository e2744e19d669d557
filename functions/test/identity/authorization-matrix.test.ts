/**
 * The authorization matrix, generated and validated: every operation of
 * openapi.yaml × {password user, Google user, OIDC user, staff without MFA,
 * staff with MFA}, called for real against createApp() in-process with
 * step-up MFA on (the production default), real identities from the Auth
 * emulator (the MFA one through phone enrolment and an SMS-code sign-in).
 * The observed table must equal the one in README.md between the
 * `authorization-matrix` markers, so the documentation cannot drift from the
 * code; a new operation fails here until it is documented there.
 *
 * Cells: ✓ = passes authentication and authorization (the route's own answer
 * follows: 200/201/204, or 404 for the made-up ids used here); 403 = refused
 * for the identity (FORBIDDEN, USER_REQUIRED); MFA = 401 MFA_REQUIRED (sign
 * in again with a second factor); sig = not a bearer route (the KYC webhook
 * answers 401 INVALID_SIGNATURE to every bearer). "Staff" is an admin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { logger } from 'firebase-functions/logger';
import { contractOperations, concretePath } from '../../../test/contract';
import { bearer, createTestUser } from '../../../test/identities';
import { serveInProcess, type InProcessApi } from '../../../test/in-process';
import { testAuth } from '../../../test/firestore';
import { testServices } from '../../../test/services';
import { completeMfaSignIn, enrollPhoneMfa, federatedUser, passwordSignIn } from '../../../test/providers';
import { applicant } from '../kyc/kyc-fixtures';

const COLUMNS = ['password user', 'Google user', 'OIDC user', 'staff, no MFA', 'staff, MFA'] as const;
const README = join(__dirname, '../../../README.md');
const START = '<!-- authorization-matrix:start -->';
const END = '<!-- authorization-matrix:end -->';

/** A body the route accepts, so a refusal can only come from authorization. */
function bodyFor(method: string, path: string): unknown {
  const key = `${method} ${path}`;
  switch (key) {
    case 'POST /v1/users':
      return { email: `matrix-${randomUUID()}@example.test`, password: 'correct-horse-42', displayName: 'Matrix' };
    case 'PATCH /v1/me':
      return { givenName: 'Matrix' };
    case 'POST /v1/me/kyc':
      return applicant();
    case 'PATCH /v1/admin/users/{uid}':
      return { roles: [] };
    case 'POST /v1/admin/api-keys':
      return { name: 'matrix', scopes: ['users:read'] };
    case 'POST /v1/admin/kyc/{caseId}/decision':
      return { decision: 'approve', reason: 'matrix' };
    case 'POST /v1/webhooks/kyc':
      return {};
    default:
      return undefined;
  }
}

function cell(status: number, code: string | undefined): string {
  if (status === 401 && code === 'MFA_REQUIRED') return 'MFA';
  if (status === 401 && code === 'INVALID_SIGNATURE') return 'sig';
  if (status === 403 && (code === 'FORBIDDEN' || code === 'USER_REQUIRED')) return '403';
  if (status === 401 || status === 403 || status >= 500) return `unexpected ${status} ${code ?? ''}`.trim();
  return '✓';
}

function readmeMatrix(): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return text.slice(start + START.length, end).trim();
}

let app: InProcessApi;
beforeAll(async () => {
  // The stack's services (the demo project's KYC settings), as the other in-process suites build them.
  app = await serveInProcess({ requireStaffMfa: true, services: testServices() });
});
afterAll(() => app.close());
beforeEach(() => {
  // The in-process app logs every write; keep the run readable.
  for (const level of ['info', 'warn'] as const) jest.spyOn(logger, level).mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

it('every operation × identity behaves as README.md documents', async () => {
  const staffWithMfa = await createTestUser({ roles: ['admin'] });
  await testAuth().updateUser(staffWithMfa.uid, { emailVerified: true });
  await enrollPhoneMfa((await passwordSignIn(staffWithMfa.email, staffWithMfa.password)).idToken as string);
  const identities: Record<(typeof COLUMNS)[number], { idToken: string }> = {
    'password user': await createTestUser(),
    'Google user': await federatedUser('google.com'),
    'OIDC user': await federatedUser('oidc.acme'),
    'staff, no MFA': await createTestUser({ roles: ['admin'] }),
    'staff, MFA': await completeMfaSignIn(await passwordSignIn(staffWithMfa.email, staffWithMfa.password)),
  };
  const target = await createTestUser();

  // DELETE /v1/me erases the caller: run it last.
  const operations = contractOperations().sort(([m1, p1], [m2, p2]) => Number(`${m1} ${p1}` === 'DELETE /v1/me') - Number(`${m2} ${p2}` === 'DELETE /v1/me'));
  const observed = new Map<string, string[]>(operations.map(([method, path]) => [`${method} ${path}`, []]));
  // allSettled: a failing column must not leave the others logging after the test ended.
  const columns = await Promise.allSettled(
    COLUMNS.map(async (column, index) => {
      for (const [method, path] of operations) {
        const url = concretePath(path).replace('some-user', target.uid);
        // contract: false — conformance of every status is the other suites' job; here only who gets past the guards
        // matters (and in-process, outside the Functions runtime, the KYC params read as 0: maxAttempts 0 in a 201).
        const response = await app.call<{ code?: string }>(url, { method, contract: false, headers: bearer(identities[column].idToken), body: bodyFor(method, path) });
        const row = observed.get(`${method} ${path}`) ?? [];
        row[index] = cell(response.status, typeof response.body === 'object' ? response.body.code : undefined);
      }
    }),
  );
  for (const column of columns) if (column.status === 'rejected') throw column.reason;

  const table = [
    `| operation | ${COLUMNS.join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---').join('|')}|`,
    ...[...observed].map(([operation, cells]) => `| ${operation} | ${cells.join(' | ')} |`),
  ].join('\n');
  expect(table).toBe(readmeMatrix());
}, 240_000);
