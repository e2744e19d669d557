/**
 * Contract of GET /v1/admin/audit-logs. validate() parses the query with
 * AuditLogQuerySchema; the operation declaration (audit.operations.ts) puts these
 * schemas into openapi.yaml.
 */
import { z } from 'zod';
import { isoDateTime, isoDateTimeInput } from '../kernel/primitives';
const filter = (description: string, example: string) => z.string().trim().min(1).max(200).optional().meta({ description, example });

export const AuditLogQuerySchema = z
  .strictObject({
    actorId: filter('Only entries by this actor (user uid or API key id).', 'Qm1fZ3X0c8aB2e'),
    targetId: filter('Only entries about this target (uid, case id, key id...).', 'Qm1fZ3X0c8aB2e'),
    action: filter('Only entries of this action.', 'apiKey.create'),
    from: isoDateTimeInput.optional().meta({ description: 'Entries at or after this instant (ISO-8601).', example: '2025-01-01T00:00:00Z' }),
    to: isoDateTimeInput.optional().meta({ description: 'Entries before this instant (ISO-8601).', example: '2025-02-01T00:00:00Z' }),
    limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: 'Page size, 1..100.', example: 50 }),
    cursor: z.string().min(1).max(512).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), {
    path: ['to'],
    message: '`to` must not be before `from`.',
  });

export type AuditLogQuery = z.infer<typeof AuditLogQuerySchema>;

const AuditActorSchema = z
  .object({
    type: z.enum(['user', 'apiKey', 'system', 'anonymous']),
    id: z.string().meta({ description: 'User uid, API key id, or a pseudonym (`erased:...`) after erasure.' }),
    ip: z.string().optional(),
    userAgent: z.string().optional(),
  })
  .meta({ id: 'AuditActor', example: { type: 'user', id: 'Qm1fZ3X0c8aB2e', ip: '203.0.113.7', userAgent: 'curl/8.5.0' } });

/**
 * A before/after snapshot: a JSON object or null, always present (callers
 * record any shape; the repository wraps a non-object as { value }).
 */
const snapshot = (description: string) => z.record(z.string(), z.unknown()).nullable().meta({ description, additionalProperties: true });

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: isoDateTime,
    actor: AuditActorSchema,
    action: z.string().meta({ example: 'apiKey.create' }),
    target: z.object({ type: z.string(), id: z.string() }).meta({ example: { type: 'apiKey', id: '3f9a0c2b7d1e4a65' } }),
    before: snapshot('State before the change (personal data redacted), or null.'),
    after: snapshot('State after the change (personal data redacted), or null.'),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry', description: 'One append-only audit record.' });

export const AuditLogPageSchema = z
  .object({
    items: z.array(AuditEntrySchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'AuditLogPage' });

export type AuditLogPage = z.infer<typeof AuditLogPageSchema>;
