/**
 * Usage analytics: the instance's request meter (counts in memory, flushed as
 * Firestore increments; see usage.meter.ts for cost and accuracy) and the
 * report behind GET /v1/admin/usage (traffic per day, operation, status class
 * and API key, rate-limit refusals, and the KYC funnel).
 */
import { ValidationError } from '../kernel/errors';
import { flushSeconds } from './usage.config';
import { createUsageMeter, type UsageMeter } from './usage.meter';
import type { UsageRepository } from './usage.repository';
import { buildUsageReport, daysBetween, type FunnelCase } from './usage.report';
import { MAX_USAGE_DAYS, type UsageQuery, type UsageReport } from './usage.schemas';

/** Cases one report examines for the funnel (an admin view; see the README for the cost). */
const FUNNEL_CASE_LIMIT = 5_000;
const DAY_MS = 86_400_000;

/** How the report reads the cases opened in a period: the KYC repository, wired by composition.ts. */
export interface FunnelCasesPort {
  openedBetween(from: Date, to: Date, limit: number): Promise<{ cases: FunnelCase[]; truncated: boolean }>;
}

export class UsageService {
  private instanceMeter: UsageMeter | undefined;

  constructor(
    private readonly repository: () => UsageRepository,
    private readonly funnelCases: () => FunnelCasesPort,
    private readonly intervalSeconds: () => number = flushSeconds,
  ) {}

  /** This instance's meter, created on first use (the flush interval param is read then, not at cold start). */
  meter(): UsageMeter {
    return (this.instanceMeter ??= createUsageMeter(this.repository, { intervalMs: this.intervalSeconds() * 1000 }));
  }

  /** The report over [from, to] (default: the last 7 UTC days); this instance's pending counts are flushed first. */
  async report(query: UsageQuery): Promise<UsageReport> {
    const to = query.to ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 6 * DAY_MS).toISOString().slice(0, 10);
    const dayIds = daysBetween(from, to);
    if (dayIds.length === 0) throw new ValidationError('`to` must not be before `from`.', [{ path: 'to', message: '`to` must not be before `from`.' }]);
    if (dayIds.length > MAX_USAGE_DAYS) {
      throw new ValidationError(`A report covers at most ${MAX_USAGE_DAYS} days.`, [{ path: 'from', message: `At most ${MAX_USAGE_DAYS} days.` }]);
    }
    await this.meter().flush();
    const [stored, funnel] = await Promise.all([
      this.repository().days(dayIds),
      this.funnelCases().openedBetween(new Date(`${from}T00:00:00Z`), new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS), FUNNEL_CASE_LIMIT),
    ]);
    return buildUsageReport({ from, to, stored, cases: funnel.cases, truncated: funnel.truncated, flushIntervalSeconds: this.intervalSeconds() });
  }
}
