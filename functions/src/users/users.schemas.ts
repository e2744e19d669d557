/**
 * Contract of the profile routes (POST /v1/users, /v1/me, /v1/me/export).
 * These zod schemas are the single source: validate() parses requests with
 * them and registerUsersOpenApi() puts them into openapi.yaml.
 *
 * Request schemas check shape only (types, lengths, formats, known keys);
 * rules that need context or a library (E.164 phone, date of birth in the
 * past, locale canonicalisation, password strength) live in users.normalize.ts.
 */
import { z } from 'zod';
import { isoDateTime, text } from '../kernel/primitives';
import { AddressSchema, CountryCodeSchema } from '../kernel/address';
import { ROLES } from '../kernel/principal';
import { AuditEntrySchema } from '../audit/audit.schemas';
import { KYC_STATUSES as CASE_STATUSES } from '../kyc/kyc.state';

/** Account states; `deleted` covers admin soft deletes and erasure tombstones. */
export const USER_STATUSES = ['active', 'disabled', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** `none` until a KYC case exists, then the case status (kyc/kyc.state.ts). */
export const KYC_STATUSES = ['none', ...CASE_STATUSES] as const;



export const ProfileSchema = z
  .object({
    uid: z.string().meta({ example: 'mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w' }),
    email: z.string().nullable().meta({ description: 'From the Auth account; not editable here.', example: 'ada@example.com' }),
    displayName: z.string().nullable().meta({ example: 'Ada Lovelace' }),
    givenName: z.string().optional().meta({ example: 'Ada' }),
    familyName: z.string().optional().meta({ example: 'Lovelace' }),
    phoneNumber: z.string().optional().meta({ description: 'E.164.', example: '+4930123456789' }),
    dateOfBirth: z.iso.date().optional().meta({ example: '1990-12-10' }),
    nationality: z.string().optional().meta({ description: 'ISO 3166-1 alpha-2.', example: 'DE' }),
    address: AddressSchema.optional(),
    locale: z.string().optional().meta({ description: 'BCP 47 language tag.', example: 'de-DE' }),
    roles: z.array(z.enum(ROLES)).meta({ description: 'Mirror of the `roles` custom claim.', example: [] }),
    status: z.enum(USER_STATUSES),
    kycStatus: z.enum(KYC_STATUSES).meta({ description: 'Status of the latest KYC case, or `none`.' }),
    version: z.number().int().min(0).meta({ description: 'Incremented by every change made through the API; the ETag.', example: 3 }),
    createdAt: isoDateTime.nullable(),
    createdBy: z.string().nullable().meta({ example: 'system:auth-trigger' }),
    updatedAt: isoDateTime.nullable(),
    updatedBy: z.string().nullable(),
    deletedAt: isoDateTime.optional(),
    deletedBy: z.string().optional(),
    erasedAt: isoDateTime.optional().meta({ description: 'Set on the tombstone left by a GDPR erasure.' }),
  })
  .meta({
    id: 'Profile',
    description: 'A user profile (users/{uid}).',
    example: {
      uid: 'mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w',
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      roles: [],
      status: 'active',
      kycStatus: 'none',
      version: 2,
      createdAt: '2025-01-31T09:30:00.000Z',
      createdBy: 'system:auth-trigger',
      updatedAt: '2025-01-31T09:31:00.000Z',
      updatedBy: 'mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w',
    },
  });
export type Profile = z.infer<typeof ProfileSchema>;

/**
 * PATCH /v1/me. Strict: any other key (roles, status, kycStatus, uid, email,
 * version, createdAt...) is refused with its path, so mass assignment is
 * impossible. `null` clears an optional field.
 */
export const ProfileUpdateSchema = z
  .strictObject({
    displayName: text(100).optional(),
    givenName: text(100).nullable().optional(),
    familyName: text(100).nullable().optional(),
    phoneNumber: z.string().trim().min(3).max(32).nullable().optional().meta({ description: 'Any common format; stored as E.164. National formats need `address.country` or `nationality` to be known.', example: '+49 30 123456789' }),
    dateOfBirth: z.iso.date().nullable().optional().meta({ description: 'YYYY-MM-DD, in the past, age 16 to 120.', example: '1990-12-10' }),
    nationality: CountryCodeSchema.nullable().optional(),
    address: AddressSchema.nullable().optional(),
    locale: z.string().trim().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Use a BCP 47 language tag, e.g. de-DE.').max(35).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change.')
  .meta({
    id: 'ProfileUpdate',
    description: 'Fields to change; omitted fields stay as they are, `null` clears an optional field.',
    example: { givenName: 'Ada', familyName: 'Lovelace', phoneNumber: '+49 30 123456789', address: { line1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', country: 'de' } },
  });
export type ProfileUpdate = z.infer<typeof ProfileUpdateSchema>;

export const SignUpSchema = z
  .strictObject({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()).meta({ example: 'ada@example.com' }),
    password: z.string().min(1).max(128).meta({ description: 'At least 10 characters with a letter and a digit.', example: 'correct-horse-42' }),
    displayName: text(100).meta({ example: 'Ada Lovelace' }),
  })
  .meta({ id: 'SignUp', description: 'Self-service sign-up for REST clients.' });
export type SignUp = z.infer<typeof SignUpSchema>;

export const AuthSummarySchema = z
  .object({
    uid: z.string(),
    email: z.string().nullable(),
    disabled: z.boolean(),
    emailVerified: z.boolean(),
    providers: z.array(z.string()).meta({ example: ['password'] }),
    creationTime: isoDateTime.nullable(),
    lastSignInTime: isoDateTime.nullable(),
    tokensValidAfterTime: isoDateTime.nullable().meta({ description: 'Tokens issued before this instant are refused.' }),
  })
  .meta({ id: 'AuthSummary', description: 'Summary of the Firebase Auth account.' });
export type AuthSummary = z.infer<typeof AuthSummarySchema>;

/** A KYC case as stored (owned by the KYC feature; timestamps as ISO strings). */
export const KycCaseRecordSchema = z
  .looseObject({
    id: z.string(),
    uid: z.string(),
    status: z.string().meta({ example: 'in_review' }),
  })
  // additionalProperties: the case fields belong to the KYC feature; any JSON value is allowed.
  .meta({ id: 'KycCaseRecord', description: 'A KYC case document with its id; timestamps are ISO-8601 strings.', additionalProperties: true });

const KycEventRecordSchema = z
  .looseObject({ id: z.string() })
  .meta({ id: 'KycEventRecord', description: 'One entry of a KYC case status history.', additionalProperties: true });

const KycCaseExportSchema = z
  .looseObject({ id: z.string(), uid: z.string(), status: z.string(), events: z.array(KycEventRecordSchema) })
  .meta({ id: 'KycCaseExport', description: 'A KYC case with its status history.', additionalProperties: true });

export const DataExportSchema = z
  .object({
    exportedAt: isoDateTime,
    profile: ProfileSchema,
    auth: AuthSummarySchema.nullable(),
    kycCases: z.array(KycCaseExportSchema),
    auditEntries: z.array(AuditEntrySchema),
  })
  .meta({ id: 'DataExport', description: 'Everything held about the caller (GDPR Art. 15).' });
export type DataExport = z.infer<typeof DataExportSchema>;
