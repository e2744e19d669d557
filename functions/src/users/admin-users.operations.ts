/**
 * The admin user operations, mounted under /v1/admin, each declared once
 * (route, access, input, contract entry, handler). Listing is open to admins
 * and to API keys with scope users:read; everything else to admins only.
 */
import { z } from 'zod';
import { problemResponse } from '../kernel/contract';
import { operationsOver, type Reply } from '../kernel/operation';
import { etagOf } from './etag';
import { authErrors, EtagHeaderSchema, IfMatchHeaderSchema } from './users.operations';
import type { AdminUsersService } from './admin-users.service';
import { AdminUserSchema, AdminUserUpdateSchema, UidParamsSchema, UserListPageSchema, UserListQuerySchema, type AdminUser } from './admin-users.schemas';

/** The services the admin user operations call. */
export interface AdminUsersOperationServices {
  admin: AdminUsersService;
}

const operation = operationsOver<AdminUsersOperationServices>();
const NO_STORE = { 'Cache-Control': 'private, no-store' };

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const adminOnly = [{ firebaseIdToken: [] }];
const forbidden = problemResponse('The caller is not an admin (`FORBIDDEN`).');
const notFound = problemResponse('No user with this id (`USER_NOT_FOUND`).');

/** A user with the ETag of its profile. */
function userReply(user: AdminUser): Reply {
  return { headers: { ETag: etagOf(user.profile.version), ...NO_STORE }, body: user };
}

/** The admin user operations, in contract order. */
export const adminUsersOperations = [
  operation({
    method: 'get',
    path: '/v1/admin/users',
    access: { kind: 'allow', roles: ['admin'], scopes: ['users:read'] },
    request: { query: UserListQuerySchema },
    docs: {
      operationId: 'adminListUsers',
      tags: ['Admin: users'],
      summary: 'List users (admin, or API key scope users:read)',
      description:
        'Filters combine with AND. Ordered by uid, or by email then uid with `emailPrefix`; the cursor resumes strictly after ' +
        'the last user returned, so paging returns every user exactly once even while users are added.',
      security: [{ firebaseIdToken: [] }, { apiKey: [] }],
      responses: {
        '200': { description: 'One page of users.', content: json(UserListPageSchema) },
        ...authErrors,
        '400': problemResponse('Invalid filters (`VALIDATION_FAILED`), or a cursor that is malformed or was issued for other filters (`INVALID_CURSOR`).'),
        '403': problemResponse('Neither an admin nor an API key with scope users:read (`FORBIDDEN`).'),
      },
    },
    handle: async ({ query }, { admin }) => ({ headers: NO_STORE, body: await admin.list(query) }),
  }),
  operation({
    method: 'get',
    path: '/v1/admin/users/{uid}',
    access: { kind: 'allow', roles: ['admin'] },
    request: { params: UidParamsSchema },
    docs: {
      operationId: 'adminGetUser',
      tags: ['Admin: users'],
      summary: 'A user: profile, Auth account summary and KYC cases (admin)',
      security: adminOnly,
      responses: {
        '200': { description: 'The user.', headers: EtagHeaderSchema, content: json(AdminUserSchema) },
        ...authErrors,
        '403': forbidden,
        '404': notFound,
      },
    },
    handle: async ({ params, ctx }, { admin }) => userReply(await admin.get(params.uid, ctx)),
  }),
  operation({
    method: 'patch',
    path: '/v1/admin/users/{uid}',
    access: { kind: 'allow', roles: ['admin'] },
    request: { params: UidParamsSchema, body: AdminUserUpdateSchema },
    docs: {
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
      responses: {
        '200': { description: 'The updated user.', headers: EtagHeaderSchema, content: json(AdminUserSchema) },
        ...authErrors,
        '403': forbidden,
        '404': notFound,
        '409': problemResponse('The change would lock the calling admin out (`SELF_LOCKOUT`), or the user is deleted (`USER_DELETED`).'),
        '412': problemResponse('The profile changed since the `If-Match` version (`PRECONDITION_FAILED`).'),
        '413': problemResponse('Request body too large (`PAYLOAD_TOO_LARGE`).'),
      },
      requestHeaders: IfMatchHeaderSchema,
    },
    handle: async (input, { admin }) => userReply(await admin.update(input.user(), input.params.uid, input.body, input.header('if-match'), input.ctx)),
  }),
  operation({
    method: 'delete',
    path: '/v1/admin/users/{uid}',
    access: { kind: 'allow', roles: ['admin'] },
    request: { params: UidParamsSchema },
    docs: {
      operationId: 'adminDeleteUser',
      tags: ['Admin: users'],
      summary: 'Soft-delete a user (admin)',
      description:
        'Sets status `deleted` with deletedAt/deletedBy, disables the Auth account and revokes its sessions. ' +
        'The profile data is kept (use the user\'s own erasure for GDPR deletion). Deleting a deleted user again is a no-op. Audited.',
      security: adminOnly,
      responses: {
        '204': { description: 'Deleted (or already deleted).' },
        ...authErrors,
        '403': forbidden,
        '404': notFound,
        '409': problemResponse('An admin cannot delete their own account (`SELF_LOCKOUT`).'),
      },
    },
    handle: async (input, { admin }) => {
      await admin.softDelete(input.user(), input.params.uid, input.ctx);
      return { status: 204 };
    },
  }),
];
