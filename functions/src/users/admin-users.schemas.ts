/**
 * Contract of the admin user routes (GET/PATCH/DELETE /v1/admin/users...).
 * Shapes only; rules (self-lockout, deleted users) live in the service.
 */
import { z } from 'zod';
import { ROLES } from '../kernel/principal';
import { AuthSummarySchema, KYC_STATUSES, KycCaseRecordSchema, ProfileSchema, USER_STATUSES } from './users.schemas';

/**
 * Firebase uids: up to 128 characters. As document ids they can never contain
 * '/', be '.' or '..', or look like `__x__` (Firestore refuses those, which
 * would surface as a 500).
 */
const UID_PATTERN = /^(?!\.\.?$)(?!__.*__$)[^/\s]{1,128}$/;

export const UidParamsSchema = z.strictObject({
  uid: z.string().regex(UID_PATTERN, 'Not a valid user id.').meta({ description: 'Firebase Auth uid.', example: 'mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w' }),
});

export const UserListQuerySchema = z
  .strictObject({
    status: z.enum(USER_STATUSES).optional(),
    kycStatus: z.enum(KYC_STATUSES).optional(),
    role: z.enum(ROLES).optional(),
    emailPrefix: z.string().trim().toLowerCase().min(1).max(254).optional().meta({ description: 'Case-insensitive prefix of the email; results are then ordered by email.', example: 'ada@' }),
    limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Page size, 1 to 100.', example: 20 }),
    cursor: z.string().min(1).max(1024).optional().meta({ description: '`nextCursor` of the previous page, with the same filters.' }),
  })
  .meta({ description: 'Filters and position of a user listing.' });
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const UserListPageSchema = z
  .object({
    items: z.array(ProfileSchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'UserListPage', description: 'One page of profiles, in a stable order: every user is returned exactly once across pages.' });
export type UserListPage = z.infer<typeof UserListPageSchema>;

export const AdminUserSchema = z
  .object({
    profile: ProfileSchema,
    auth: AuthSummarySchema.nullable().meta({ description: 'The Auth account; null once it was deleted (erasure).' }),
    kycCases: z.array(KycCaseRecordSchema),
  })
  .meta({ id: 'AdminUser', description: 'A user as seen by an admin.' });
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const AdminUserUpdateSchema = z
  .strictObject({
    roles: z
      .array(z.enum(ROLES))
      .max(ROLES.length)
      .refine((roles) => new Set(roles).size === roles.length, 'Roles must not repeat.')
      .optional()
      .meta({ description: 'The complete new role list (becomes the `roles` custom claim).', example: ['support'] }),
    status: z.enum(['active', 'disabled']).optional().meta({ description: '`disabled` also revokes every session at once.' }),
  })
  .refine((body) => body.roles !== undefined || body.status !== undefined, 'Send `roles` and/or `status`.')
  .meta({ id: 'AdminUserUpdate', example: { status: 'disabled' } });
export type AdminUserUpdate = z.infer<typeof AdminUserUpdateSchema>;
