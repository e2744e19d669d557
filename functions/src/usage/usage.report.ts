/**
 * Builds the usage report from stored day counts and funnel cases. Pure (no
 * Express, no Firestore), so the arithmetic is unit-tested on its own.
 */
import type { DayCounts, StatusClass } from './usage.counters';
import type { UsageReport } from './usage.schemas';

const DAY_MS = 86_400_000;
const DECIDED = new Set(['approved', 'rejected', 'resubmission_required']);
const OPEN = new Set(['submitted', 'in_review', 'on_hold']);

/** The UTC days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

type Rows = Record<string, Partial<Record<StatusClass, number>>>;

function rowsOf<K extends string>(counts: Rows, key: K): Array<Record<K, string> & { statusClass: StatusClass; count: number }> {
  const out: Array<Record<K, string> & { statusClass: StatusClass; count: number }> = [];
  for (const [name, classes] of Object.entries(counts)) {
    for (const [cls, n] of Object.entries(classes)) if (n) out.push({ [key]: name, statusClass: cls as StatusClass, count: n } as Record<K, string> & { statusClass: StatusClass; count: number });
  }
  return out.sort((a, b) => b.count - a.count || a[key].localeCompare(b[key]) || a.statusClass.localeCompare(b.statusClass));
}

function traffic(counts: DayCounts) {
  return { requests: rowsOf(counts.requests, 'operation'), rateLimited: counts.rateLimited, apiKeys: rowsOf(counts.apiKeys, 'keyId') };
}

function addRows(into: Rows, from: Rows): void {
  for (const [name, classes] of Object.entries(from)) {
    const row = (into[name] ??= {});
    for (const [cls, n] of Object.entries(classes)) row[cls as StatusClass] = (row[cls as StatusClass] ?? 0) + (n ?? 0);
  }
}

/** A case as the funnel needs it (the KYC repository's OpenedCase). */
export interface FunnelCase {
  status: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: 'provider' | 'reviewer' | null;
}

export function kycFunnel(cases: FunnelCase[], truncated: boolean): UsageReport['kycFunnel'] {
  const decided = cases.filter((c) => DECIDED.has(c.status) && c.decidedAt !== null);
  const byReviewer = decided.filter((c) => c.decidedBy === 'reviewer').length;
  const durations = decided.map((c) => Math.max(0, (Date.parse(c.decidedAt as string) - Date.parse(c.createdAt)) / 1000));
  return {
    submitted: cases.length,
    decided: decided.length,
    open: cases.filter((c) => OPEN.has(c.status)).length,
    decidedByReviewer: byReviewer,
    reviewerShare: decided.length ? byReviewer / decided.length : null,
    timeToDecisionSeconds: durations.length ? { p50: percentile(durations, 50), p95: percentile(durations, 95) } : null,
    casesExamined: cases.length,
    truncated,
  };
}

export function buildUsageReport(input: {
  from: string;
  to: string;
  stored: Map<string, DayCounts>;
  cases: FunnelCase[];
  truncated: boolean;
  flushIntervalSeconds: number;
}): UsageReport {
  const total: DayCounts = { requests: {}, apiKeys: {}, rateLimited: 0 };
  const days = daysBetween(input.from, input.to).map((day) => {
    const counts = input.stored.get(day) ?? { requests: {}, apiKeys: {}, rateLimited: 0 };
    addRows(total.requests, counts.requests);
    addRows(total.apiKeys, counts.apiKeys);
    total.rateLimited += counts.rateLimited;
    return { day, ...traffic(counts) };
  });
  return {
    from: input.from,
    to: input.to,
    days,
    totals: traffic(total),
    kycFunnel: kycFunnel(input.cases, input.truncated),
    counting: {
      flushIntervalSeconds: input.flushIntervalSeconds,
      description:
        'Each API instance counts requests in memory and adds them to one document per UTC day with increments, ' +
        `at most every ${input.flushIntervalSeconds} s: no write per request. An instance stopped before its next flush ` +
        'loses up to that much of its own traffic; a write that fails is retried with the next flush (if it had in fact ' +
        'committed, those requests count twice). This report first flushes the instance that serves it.',
    },
  };
}
