/**
 * The API shapes the console reads, as described in openapi.yaml (the
 * contract, generated from the functions' zod schemas). Only the fields the
 * console shows are listed; the browser tests check the pages against the
 * running API, so a drift shows up there.
 */
export const ROLES = ['admin', 'support'] as const;
export type Role = (typeof ROLES)[number];
export const USER_STATUSES = ['active', 'disabled', 'deleted'] as const;
export const KYC_STATUSES = ['submitted', 'in_review', 'on_hold', 'approved', 'resubmission_required', 'rejected', 'expired', 'canceled'] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];
export const API_KEY_SCOPES = ['users:read', 'audit:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const DECISIONS = ['approve', 'reject', 'request_resubmission'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  region?: string;
  country: string;
}

export interface KycAdminCase {
  id: string;
  uid: string;
  status: KycStatus;
  attempt: number;
  maxAttempts: number;
  message: string | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  statusChangedAt: string;
  applicant: {
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    nationality: string;
    address: Address;
    document: { type: string; number: string; issuingCountry: string; expiresOn: string };
  };
  review: { source: 'provider' | 'reviewer'; answer: string | null; rejectType: string | null; labels: string[]; userMessage: string | null; decidedAt: string } | null;
  provider: { applicantId: string; checkId: string; attempt: number } | null;
  note: string | null;
}

/** One status change from the case's event log (GET /v1/admin/kyc/{caseId}). */
export interface KycCaseEvent {
  id: string;
  from: KycStatus | null;
  to: KycStatus;
  attempt: number;
  by: 'applicant' | 'provider' | 'reviewer' | 'system';
  actor: { type: string; id: string };
  reason: string;
  sourceEventId: string | null;
  at: string;
}

export interface KycAdminCaseDetail extends KycAdminCase {
  events: KycCaseEvent[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Profile {
  uid: string;
  email: string | null;
  displayName: string | null;
  roles: Role[];
  status: (typeof USER_STATUSES)[number];
  kycStatus: string;
  version: number;
  createdAt: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  deletedAt?: string;
  deletedBy?: string;
}

export interface AdminUser {
  profile: Profile;
  auth: { uid: string; email: string | null; disabled: boolean; emailVerified: boolean; providers: string[]; lastSignInTime: string | null; tokensValidAfterTime: string | null } | null;
  kycCases: Array<{ id: string; uid: string; status: string; attempt?: number; updatedAt?: string } & Record<string, unknown>>;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string; ip?: string; userAgent?: string };
  action: string;
  target: { type: string; id: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface ApiKeyCreated extends Omit<ApiKey, 'lastUsedAt' | 'revokedAt' | 'status'> {
  secret: string;
}
