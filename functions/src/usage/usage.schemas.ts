/**
 * Contract of GET /v1/admin/usage: API traffic from the usage counters
 * (usage.meter.ts) and the KYC funnel from the cases, for a range of UTC days.
 */
import { z } from 'zod';

export const MAX_USAGE_DAYS = 31;
const day = z.iso.date().meta({ description: 'A UTC day, YYYY-MM-DD.', example: '2025-01-31' });

export const UsageQuerySchema = z
  .strictObject({
    from: day.optional().meta({ description: 'First UTC day (default: 6 days before `to`).', example: '2025-01-25' }),
    to: day.optional().meta({ description: 'Last UTC day, included (default: today).', example: '2025-01-31' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '`to` must not be before `from`.' });
export type UsageQuery = z.infer<typeof UsageQuerySchema>;

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
const count = z.number().int().min(0);

const OperationCountSchema = z
  .object({
    operation: z.string().meta({ description: 'Method and route template, or `unmatched` for paths no route serves.', example: 'GET /v1/me' }),
    statusClass: z.enum(STATUS_CLASSES),
    count,
  })
  .meta({ id: 'UsageOperationCount' });

const ApiKeyCountSchema = z
  .object({ keyId: z.string().meta({ example: '3f9a0c2b7d1e4a65' }), statusClass: z.enum(STATUS_CLASSES), count })
  .meta({ id: 'UsageApiKeyCount' });

const TrafficSchema = {
  requests: z.array(OperationCountSchema).meta({ description: 'Requests by operation and status class, most frequent first.' }),
  rateLimited: count.meta({ description: 'Requests refused with 429 by a rate limit (per IP, user or API key).' }),
  apiKeys: z.array(ApiKeyCountSchema).meta({ description: 'Requests made with each API key, by status class.' }),
};

const UsageDaySchema = z.object({ day, ...TrafficSchema }).meta({ id: 'UsageDay' });

const KycFunnelSchema = z
  .object({
    submitted: count.meta({ description: 'Cases opened in the range.' }),
    decided: count.meta({ description: 'Of those, cases with a decision (approved, rejected or resubmission required).' }),
    open: count.meta({ description: 'Of those, cases still submitted, in review or on hold.' }),
    decidedByReviewer: count.meta({ description: 'Decided cases whose latest decision a reviewer took (the rest: the provider).' }),
    reviewerShare: z.number().min(0).max(1).nullable().meta({ description: 'decidedByReviewer / decided; null when nothing was decided.', example: 0.25 }),
    timeToDecisionSeconds: z
      .object({ p50: z.number().min(0), p95: z.number().min(0) })
      .nullable()
      .meta({ description: 'From opening to the latest decision (nearest-rank percentiles); null when nothing was decided.' }),
    casesExamined: count,
    truncated: z.boolean().meta({ description: 'True when the range held more cases than one report examines (the oldest are counted).' }),
  })
  .meta({ id: 'KycFunnel' });

export const UsageReportSchema = z
  .object({
    from: day,
    to: day,
    days: z.array(UsageDaySchema).meta({ description: 'Every day of the range, oldest first (zeros on days without traffic).' }),
    totals: z.object(TrafficSchema).meta({ description: 'The range added up.' }),
    kycFunnel: KycFunnelSchema,
    counting: z
      .object({
        flushIntervalSeconds: z.number().int().min(1),
        description: z.string(),
      })
      .meta({ description: 'How the traffic counts are kept, and how exact they are.' }),
  })
  .meta({ id: 'UsageReport', description: 'API usage and the KYC funnel over a range of UTC days.' });
export type UsageReport = z.infer<typeof UsageReportSchema>;
