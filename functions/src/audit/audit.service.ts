/**
 * Reading the audit trail (admins and audit:read API keys). There is no way
 * to change or delete entries through the API; this service only reads.
 */
import { ValidationError } from '../errors';
import { decodeCursor, encodeCursor } from './audit.cursor';
import type { AuditRepository } from './audit.repository';
import type { AuditLogPage, AuditLogQuery } from './audit.schemas';

export class AuditLogService {
  constructor(private readonly audit: () => AuditRepository) {}

  /** One page, newest first; a cursor we did not issue → 400 INVALID_CURSOR. */
  async search(query: AuditLogQuery): Promise<AuditLogPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after) {
      throw new ValidationError('The cursor is malformed; pass `nextCursor` from a previous page unchanged.', [{ path: 'query.cursor', message: 'Malformed cursor.' }], 'INVALID_CURSOR');
    }
    const page = await this.audit().page({
      actorId: query.actorId,
      targetId: query.targetId,
      action: query.action,
      from: query.from,
      to: query.to,
      limit: query.limit,
      after,
    });
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }
}
