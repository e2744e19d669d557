/**
 * The API shapes the console reads and sends, under the console's names. None
 * is written here: each is an alias of, or derived from, the types generated
 * from openapi.yaml into api-contract.ts (zod → openapi.yaml → api-contract.ts;
 * `npm run openapi` regenerates both), so a contract change the console does
 * not follow fails the console's type check (`npm run build`).
 *
 * The few lists the console needs at run time (filter and form choices) are
 * checked against the contract's enums both ways at compile time: a value the
 * contract lacks, or a contract value the list misses, is a type error.
 */
import type { components, operations } from './api-contract';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];

export type Profile = Schemas['Profile'];
export type AdminUser = Schemas['AdminUser'];
export type AdminUserUpdate = Schemas['AdminUserUpdate'];
export type UserListPage = Schemas['UserListPage'];

export type KycAdminCase = Schemas['KycAdminCase'];
export type KycAdminCaseDetail = Schemas['KycAdminCaseDetail'];
export type KycCaseEvent = Schemas['KycCaseEvent'];
export type KycDecision = Schemas['KycDecision'];
export type KycQueuePage = Schemas['KycQueuePage'];

export type AuditEntry = Schemas['AuditEntry'];
export type AuditLogPage = Schemas['AuditLogPage'];

export type ApiKey = Schemas['ApiKey'];
export type ApiKeyCreated = Schemas['ApiKeyCreated'];
export type ApiKeyScope = Schemas['ApiKeyScope'];
export type CreateApiKey = Schemas['CreateApiKey'];
export type ApiKeyPage = Schemas['ApiKeyPage'];

export type UsageReport = Schemas['UsageReport'];
export type StatusClass = Schemas['UsageOperationCount']['statusClass'];

export type Role = Profile['roles'][number];
export type UserStatus = Profile['status'];
export type KycStatus = KycAdminCase['status'];
export type Decision = KycDecision['decision'];

/** An operation's query parameters, by operationId. */
type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
/** The same as a form holds them: '' for a filter left empty (withQuery drops it). */
export type FormQuery<Op extends keyof operations> = { [K in keyof QueryOf<Op>]?: QueryOf<Op>[K] | '' };

/**
 * `values` as given, when they are exactly the members of U: a value outside U
 * fails the `U[]` bound, and a member of U left out makes the argument's type
 * `{ missing: … }`, naming it.
 */
const allOf =
  <U extends string>() =>
  <const V extends readonly U[]>(values: V & ([Exclude<U, V[number]>] extends [never] ? unknown : { missing: Exclude<U, V[number]> })): V =>
    values;

export const ROLES = allOf<Role>()(['admin', 'support']);
export const USER_STATUSES = allOf<UserStatus>()(['active', 'disabled', 'deleted']);
export const KYC_STATUSES = allOf<KycStatus>()(['submitted', 'in_review', 'on_hold', 'approved', 'resubmission_required', 'rejected', 'expired', 'canceled']);
/** A profile's KYC status: a case's, or 'none' before the first submission. */
export const PROFILE_KYC_STATUSES = allOf<Profile['kycStatus']>()(['none', ...KYC_STATUSES]);
export const API_KEY_SCOPES = allOf<ApiKeyScope>()(['users:read', 'audit:read']);
export const DECISIONS = allOf<Decision>()(['approve', 'reject', 'request_resubmission']);
