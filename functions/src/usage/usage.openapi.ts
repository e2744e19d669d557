/** OpenAPI registration of GET /v1/admin/usage. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { commonErrorResponses, problemResponse } from '../openapi/common.schemas';
import { withRateLimitHeaders } from '../http/rate-limit.schemas';
import { UsageQuerySchema, UsageReportSchema } from './usage.schemas';

export function registerUsageOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/usage',
    operationId: 'getUsage',
    tags: ['Admin'],
    summary: 'API usage and the KYC funnel',
    description:
      'Requests per UTC day by operation and status class, rate-limit refusals and traffic per API key, from counters ' +
      'each API instance keeps in memory and adds to Firestore periodically (see `counting`); and the KYC funnel of ' +
      'the cases opened in the range. Admins only; at most 31 days.',
    security: [{ firebaseIdToken: [] }],
    request: { query: UsageQuerySchema },
    responses: withRateLimitHeaders({
      '200': { description: 'The report.', content: { 'application/json': { schema: UsageReportSchema } } },
      ...commonErrorResponses,
      '400': problemResponse('Invalid range (`VALIDATION_FAILED`: a day not in YYYY-MM-DD, `to` before `from`, more than 31 days) or both credentials sent (`AMBIGUOUS_CREDENTIALS`).'),
      '401': problemResponse('Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`).'),
      '403': problemResponse('Not an admin, or an API key (`FORBIDDEN`).'),
    }),
  });
}
