/** Registers the admin user operations in the contract, with every status each can answer. */
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { problemResponse } from '../openapi/common.schemas';
import { authErrors, EtagHeaderSchema, IfMatchHeaderSchema } from '../users/users.openapi';
import { AdminUserSchema, AdminUserUpdateSchema, UidParamsSchema, UserListPageSchema, UserListQuerySchema } from './admin-users.schemas';

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const adminOnly = [{ firebaseIdToken: [] }];
const forbidden = problemResponse('The caller is not an admin (`FORBIDDEN`).');
const notFound = problemResponse('No user with this id (`USER_NOT_FOUND`).');

/** Add the admin user operations to the contract. */
export function registerAdminUsersOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/users',
    operationId: 'adminListUsers',
    tags: ['Admin: users'],
    summary: 'List users (admin, or API key scope users:read)',
    description:
      'Filters combine with AND. Ordered by uid, or by email then uid with `emailPrefix`; the cursor resumes strictly after ' +
      'the last user returned, so paging returns every user exactly once even while users are added.',
    security: [{ firebaseIdToken: [] }, { apiKey: [] }],
    request: { query: UserListQuerySchema },
    responses: {
      '200': { description: 'One page of users.', content: json(UserListPageSchema) },
      ...authErrors,
      '400': problemResponse('Invalid filters (`VALIDATION_FAILED`), or a cursor that is malformed or was issued for other filters (`INVALID_CURSOR`).'),
      '403': problemResponse('Neither an admin nor an API key with scope users:read (`FORBIDDEN`).'),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/admin/users/{uid}',
    operationId: 'adminGetUser',
    tags: ['Admin: users'],
    summary: 'A user: profile, Auth account summary and KYC cases (admin)',
    security: adminOnly,
    request: { params: UidParamsSchema },
    responses: {
      '200': { description: 'The user.', headers: EtagHeaderSchema, content: json(AdminUserSchema) },
      ...authErrors,
      '403': forbidden,
      '404': notFound,
    },
  });

  registry.registerPath({
    method: 'patch',
    path: '/v1/admin/users/{uid}',
    operationId: 'adminUpdateUser',
    tags: ['Admin: users'],
    summary: 'Change roles or status (admin)',
    description:
      'The profile is written first (If-Match is checked in the same transaction), then Auth follows it. ' +
      '`roles` replaces the profile roles; the custom claims are rebuilt from the profile and the latest KYC case (`roles`, `kyc`). ' +
      'An added role arrives with the user\'s next token; when a role is removed, the user\'s sessions are revoked, so tokens ' +
      'still carrying it are refused at once (401 `TOKEN_REVOKED`) and the user must sign in again. ' +
      '`status: disabled` disables the Auth account and revokes its sessions, so its current tokens are refused at once; ' +
      '`active` re-enables it. A request that changes nothing does not change the version. Audited.',
    security: adminOnly,
    request: { params: UidParamsSchema, headers: IfMatchHeaderSchema, body: { required: true, content: json(AdminUserUpdateSchema) } },
    responses: {
      '200': { description: 'The updated user.', headers: EtagHeaderSchema, content: json(AdminUserSchema) },
      ...authErrors,
      '403': forbidden,
      '404': notFound,
      '409': problemResponse('The change would lock the calling admin out (`SELF_LOCKOUT`), or the user is deleted (`USER_DELETED`).'),
      '412': problemResponse('The profile changed since the `If-Match` version (`PRECONDITION_FAILED`).'),
      '413': problemResponse('Request body too large (`PAYLOAD_TOO_LARGE`).'),
    },
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/admin/users/{uid}',
    operationId: 'adminDeleteUser',
    tags: ['Admin: users'],
    summary: 'Soft-delete a user (admin)',
    description:
      'Sets status `deleted` with deletedAt/deletedBy, disables the Auth account and revokes its sessions. ' +
      'The profile data is kept (use the user\'s own erasure for GDPR deletion). Deleting a deleted user again is a no-op. Audited.',
    security: adminOnly,
    request: { params: UidParamsSchema },
    responses: {
      '204': { description: 'Deleted (or already deleted).' },
      ...authErrors,
      '403': forbidden,
      '404': notFound,
      '409': problemResponse('An admin cannot delete their own account (`SELF_LOCKOUT`).'),
    },
  });
}
