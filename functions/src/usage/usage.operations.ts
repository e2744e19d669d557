/**
 * GET /v1/admin/usage, declared once: route, access, input, contract entry,
 * handler. Admins only: per-key traffic and the KYC funnel are operational
 * data, not for API keys.
 */
import { operationsOver } from '../kernel/operation';
import { commonErrorResponses, problemResponse, credentialsRefused } from '../kernel/contract';
import { withRateLimitHeaders } from '../kernel/rate-limit.contract';
import type { UsageService } from './usage.service';
import { UsageQuerySchema, UsageReportSchema } from './usage.schemas';

/** The services the usage operation calls. */
export interface UsageOperationServices {
  usage: UsageService;
}

const operation = operationsOver<UsageOperationServices>();

/** The usage-analytics operations. */
export const usageOperations = [
  operation({
    method: 'get',
    path: '/v1/admin/usage',
    access: { kind: 'allow', roles: ['admin'] },
    request: { query: UsageQuerySchema },
    docs: {
      operationId: 'getUsage',
      tags: ['Admin'],
      summary: 'API usage and the KYC funnel',
      description:
        'Requests per UTC day by operation and status class, rate-limit refusals and traffic per API key, from counters ' +
        'each API instance keeps in memory and adds to Firestore periodically (see `counting`); and the KYC funnel of ' +
        'the cases opened in the range. Admins only; at most 31 days.',
      security: [{ firebaseIdToken: [] }],
      responses: withRateLimitHeaders({
        '200': { description: 'The report.', content: { 'application/json': { schema: UsageReportSchema } } },
        ...commonErrorResponses,
        '400': problemResponse('Invalid range (`VALIDATION_FAILED`: a day not in YYYY-MM-DD, `to` before `from`, more than 31 days) or both credentials sent (`AMBIGUOUS_CREDENTIALS`).'),
        '401': credentialsRefused,
        '403': problemResponse('Not an admin, or an API key (`FORBIDDEN`).'),
      }),
    },
    handle: async ({ query }, { usage }) => ({
      headers: { 'Cache-Control': 'private, no-store' },
      body: await usage.report(query),
    }),
  }),
];
