/**
 * GET /v1/admin/audit-logs (admins, or API keys with scope audit:read),
 * declared once: route, access, input, contract entry, handler. Only a read
 * operation exists: audit entries cannot be changed or deleted through the
 * API (any other method falls through to 404 ROUTE_NOT_FOUND).
 */
import { operationsOver } from '../kernel/operation';
import type { AuditLogService } from './audit.service';
import { commonErrorResponses, problemResponse, credentialsRefused } from '../kernel/contract';
import { withRateLimitHeaders } from '../kernel/rate-limit.contract';
import { AuditLogPageSchema, AuditLogQuerySchema } from './audit.schemas';

/** The services the audit-log operation calls. */
export interface AuditOperationServices {
  audit: AuditLogService;
}

const operation = operationsOver<AuditOperationServices>();

/** The audit-log operations. */
export const auditOperations = [
  operation({
    method: 'get',
    path: '/v1/admin/audit-logs',
    access: { kind: 'allow', roles: ['admin'], scopes: ['audit:read'] },
    request: { query: AuditLogQuerySchema },
    docs: {
      operationId: 'listAuditLogs',
      tags: ['Admin'],
      summary: 'Search the audit log',
      description:
        'Newest first (ties by entry id), filtered by actor, target, action and time; cursor pagination. ' +
        'For admins and API keys with scope `audit:read`. Entries are append-only: no operation changes or deletes them.',
      security: [{ firebaseIdToken: [] }, { apiKey: [] }],
      responses: withRateLimitHeaders({
        '200': {
          description: 'One page of entries.',
          content: {
            'application/json': {
              schema: AuditLogPageSchema,
              example: {
                items: [
                  {
                    id: 'bM2kq0Zr7TnY4vXw1sPa',
                    at: '2025-01-31T09:30:00.000Z',
                    actor: { type: 'user', id: 'Qm1fZ3X0c8aB2e', ip: '203.0.113.7', userAgent: 'curl/8.5.0' },
                    action: 'apiKey.create',
                    target: { type: 'apiKey', id: '3f9a0c2b7d1e4a65' },
                    before: null,
                    after: { name: 'reporting', prefix: 'nffk_3f9a0c2b7d1e4a65', scopes: ['audit:read'], expiresAt: null },
                    requestId: '6c1f0e0e-4f0b-4b8e-9d1e-2f5c0f3a9b11',
                  },
                ],
                nextCursor: 'eyJ0IjoiYXVkaXQtbG9ncyIsImYiOiI0ZjUzY2RhMThjMmJhYTBjIiwiayI6WzE3MzgzMTU4MDAsMCwiYk0ya3EwWnI3VG5ZNHZYdzFzUGEiXX0',
              },
            },
          },
        },
        ...commonErrorResponses,
        '400': problemResponse('Invalid filters (`VALIDATION_FAILED`), a cursor that is malformed or was issued for other filters (`INVALID_CURSOR`) or both credentials sent (`AMBIGUOUS_CREDENTIALS`).'),
        '401': credentialsRefused,
        '403': problemResponse('Neither the admin role nor the `audit:read` scope (`FORBIDDEN`).'),
      }),
    },
    handle: async ({ query }, { audit }) => ({
      // Who did what is sensitive: never kept by shared caches.
      headers: { 'Cache-Control': 'private, no-store' },
      body: await audit.search(query),
    }),
  }),
];
