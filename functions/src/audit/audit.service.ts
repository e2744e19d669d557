/**
 * Reading the audit trail (admins and audit:read API keys). There is no way
 * to change or delete entries through the API; this service only reads.
 */
import { decodeTimestampCursor, encodeTimestampCursor } from '../kernel/cursor';
import type { AuditRepository } from './audit.repository';
import type { AuditLogPage, AuditLogQuery } from './audit.schemas';

export class AuditLogService {
  constructor(private readonly audit: () => AuditRepository) {}

  /** One page, newest first; a cursor not issued for these filters → 400 INVALID_CURSOR. */
  async search(query: AuditLogQuery): Promise<AuditLogPage> {
    // The cursor is bound to the filters: resuming another result set would skip or repeat entries.
    const scope = { listing: 'audit-logs', filters: { actorId: query.actorId, targetId: query.targetId, action: query.action, from: query.from, to: query.to } };
    const after = query.cursor === undefined ? undefined : decodeTimestampCursor(query.cursor, scope);
    const page = await this.audit().page({
      actorId: query.actorId,
      targetId: query.targetId,
      action: query.action,
      from: query.from,
      to: query.to,
      limit: query.limit,
      after,
    });
    return { items: page.items, nextCursor: page.next ? encodeTimestampCursor(scope, page.next) : null };
  }
}
