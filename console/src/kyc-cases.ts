/**
 * Reading KYC cases for the console. The API offers the review queue
 * (GET /v1/admin/kyc, least recently updated first, to admins and support);
 * a case page finds its case there: first in the cases the queue page just
 * showed, else by paging through the queue (at most MAX_PAGES of 100), which
 * also serves deep links. The timeline comes from the case's audit entries
 * (kyc.case.opened and every kyc.case.transition are audited atomically with
 * the case's own event records), which only admins may read.
 */
import { apiGet } from './api';
import type { AuditEntry, KycAdminCase, KycStatus, Page } from './types';

const seen = new Map<string, KycAdminCase>();
const MAX_PAGES = 20;

export interface QueuePage {
  data: KycAdminCase[];
  nextCursor: string | null;
}

/** One page of the queue; remembers the cases for the case page. */
export async function loadQueue(status: KycStatus | '', cursor?: string, limit = 25): Promise<QueuePage> {
  const page = await apiGet<QueuePage>('/v1/admin/kyc', { status, cursor, limit });
  for (const kycCase of page.data) seen.set(kycCase.id, kycCase);
  return page;
}

/** The case `caseId`, fresh from the API (null when the queue has no such case). */
export async function findCase(caseId: string): Promise<KycAdminCase | null> {
  const hint = seen.get(caseId);
  if (hint) {
    // The status may have changed since: look in the queue of that status first.
    const page = await loadQueue(hint.status, undefined, 100);
    const fresh = page.data.find((c) => c.id === caseId);
    if (fresh) return fresh;
  }
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await loadQueue('', cursor, 100);
    const found = page.data.find((c) => c.id === caseId);
    if (found) return found;
    if (!page.nextCursor) return null;
    cursor = page.nextCursor;
  }
  return null;
}

/** Audit entries about one target (a case, a user), newest first. */
export async function auditOf(targetId: string, limit = 50): Promise<AuditEntry[]> {
  return (await apiGet<Page<AuditEntry>>('/v1/admin/audit-logs', { targetId, limit })).items;
}

export interface TimelineStep {
  at: string;
  from: string | null;
  to: string;
  by: string;
  action: string;
}

/** The case's status changes, oldest first, from its audit entries. */
export function timelineOf(entries: AuditEntry[]): TimelineStep[] {
  return entries
    .filter((entry) => entry.action.startsWith('kyc.case.'))
    .map((entry) => ({
      at: entry.at,
      from: typeof entry.before?.status === 'string' ? entry.before.status : null,
      to: typeof entry.after?.status === 'string' ? entry.after.status : entry.action,
      by: `${entry.actor.type}:${entry.actor.id}`,
      action: entry.action,
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

export const OPEN_STATUSES: KycStatus[] = ['submitted', 'in_review', 'on_hold'];
