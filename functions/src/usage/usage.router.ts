/**
 * Usage analytics as one feature: the meter (mounted before everything else
 * in createApp, so refusals by the per-IP rate limit are counted too) and
 * GET /v1/admin/usage (admins only: per-key traffic and the KYC funnel are
 * operational data, not for API keys).
 */
import { Router, type RequestHandler } from 'express';
import { allow } from '../http/auth';
import { asyncHandler as wrap } from '../http/async-handler';
import { validate } from '../http/validate';
import { ValidationError } from '../errors';
import { lazy, type Services } from '../services';
import { createUsageMeter } from './usage.meter';
import { UsageRepository } from './usage.repository';
import { buildUsageReport, daysBetween } from './usage.report';
import { MAX_USAGE_DAYS, UsageQuerySchema, type UsageQuery } from './usage.schemas';
import { flushSeconds } from './usage.config';

/** Cases one report examines for the funnel (an admin view; see the README for the cost). */
const FUNNEL_CASE_LIMIT = 5_000;
const DAY_MS = 86_400_000;

export interface UsageAnalytics {
  /** Counts every finished request; mount before anything that can answer. */
  meter: RequestHandler;
  router(authn: RequestHandler): Router;
}

export function usageAnalytics(services: Services, options: { flushIntervalSeconds?: number } = {}): UsageAnalytics {
  const repository = lazy(() => new UsageRepository(services.db()));
  const flushIntervalSeconds = options.flushIntervalSeconds ?? flushSeconds();
  const meter = createUsageMeter(repository, { intervalMs: flushIntervalSeconds * 1000 });

  return {
    meter: meter.middleware,
    router(authn) {
      const router = Router();
      router.get(
        '/admin/usage',
        authn,
        allow({ roles: ['admin'] }),
        validate({ query: UsageQuerySchema }),
        wrap(async (_req, res) => {
          const query = res.locals.query as UsageQuery;
          const to = query.to ?? new Date().toISOString().slice(0, 10);
          const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 6 * DAY_MS).toISOString().slice(0, 10);
          const dayIds = daysBetween(from, to);
          if (dayIds.length === 0) throw new ValidationError('`to` must not be before `from`.', [{ path: 'to', message: '`to` must not be before `from`.' }]);
          if (dayIds.length > MAX_USAGE_DAYS) throw new ValidationError(`A report covers at most ${MAX_USAGE_DAYS} days.`, [{ path: 'from', message: `At most ${MAX_USAGE_DAYS} days.` }]);
          await meter.flush();
          const [stored, funnel] = await Promise.all([
            repository().days(dayIds),
            repository().casesOpened(new Date(`${from}T00:00:00Z`), new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS), FUNNEL_CASE_LIMIT),
          ]);
          res.setHeader('Cache-Control', 'private, no-store');
          res.json(buildUsageReport({ from, to, stored, cases: funnel.cases, truncated: funnel.truncated, flushIntervalSeconds }));
        }),
      );
      return router;
    },
  };
}
