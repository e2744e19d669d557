/**
 * Reading KYC cases for the console: the review queue (GET /v1/admin/kyc,
 * least recently updated first) and one case with its event timeline
 * (GET /v1/admin/kyc/{caseId}). Both are open to admins and support, so
 * support sees the timeline too; the case's audit entries (admins only) are
 * read separately by the case page.
 */
import { ApiProblem, apiGet } from './api';
import type { AuditEntry, AuditLogPage, FormQuery, KycAdminCaseDetail, KycQueuePage, KycStatus } from './types';

/** One page of the queue. */
export async function loadQueue(status: KycStatus | '', cursor?: string, limit = 25): Promise<KycQueuePage> {
  return apiGet<KycQueuePage>('/v1/admin/kyc', { status, cursor, limit } satisfies FormQuery<'listKycCases'>);
}

/** The case `caseId` with its events, fresh from the API; null when there is no such case (404 KYC_CASE_NOT_FOUND). */
export async function loadCase(caseId: string): Promise<KycAdminCaseDetail | null> {
  try {
    return await apiGet<KycAdminCaseDetail>(`/v1/admin/kyc/${encodeURIComponent(caseId)}`);
  } catch (error) {
    if (error instanceof ApiProblem && error.problem.code === 'KYC_CASE_NOT_FOUND') return null;
    throw error;
  }
}

/** Audit entries about one target (a case, a user), newest first. */
export async function auditOf(targetId: string, limit = 50): Promise<AuditEntry[]> {
  return (await apiGet<AuditLogPage>('/v1/admin/audit-logs', { targetId, limit } satisfies FormQuery<'listAuditLogs'>)).items;
}

export const OPEN_STATUSES: KycStatus[] = ['submitted', 'in_review', 'on_hold'];
