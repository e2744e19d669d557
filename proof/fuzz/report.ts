/**
 * Counts of a fuzz run (per operation and target, per category, per status)
 * rendered as the Markdown report printed by the suite and written to
 * reports/fuzz-latest.md.
 */
import { cpus, platform, release } from 'node:os';
import type { Outcome } from './client';

export interface TargetRun {
  target: string;
  outcomes: Outcome[];
  durationMs: number;
  concurrency: number;
}

export interface RunSummary {
  seed: number;
  runs: TargetRun[];
  stateChecks: { batches: number; changes: string[] };
  failures: string[];
  /** Failures grouped by kind: count and operations. */
  failureKinds: Map<string, { count: number; operations: Set<string> }>;
  notes: string[];
  command: string;
}

const classOf = (status: number): string => (status === 0 ? 'err' : `${Math.floor(status / 100)}xx`);
const CLASSES = ['2xx', '3xx', '4xx', '5xx', 'err'];

function table(headers: string[], rows: (string | number)[][]): string {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function operationTable(outcomes: Outcome[]): string {
  const byOperation = new Map<string, Outcome[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.request.method} ${outcome.request.template}`;
    byOperation.set(key, [...(byOperation.get(key) ?? []), outcome]);
  }
  const rows = [...byOperation.entries()].map(([operation, list]) => {
    const classes = countBy(list, (outcome) => classOf(outcome.status));
    const statuses = [...countBy(list, (outcome) => String(outcome.status)).entries()]
      .sort()
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    return [`\`${operation}\``, list.length, ...CLASSES.map((name) => classes.get(name) ?? 0), statuses];
  });
  const totals = countBy(outcomes, (outcome) => classOf(outcome.status));
  rows.push(['**total**', outcomes.length, ...CLASSES.map((name) => totals.get(name) ?? 0), '']);
  return table(['operation', 'sent', ...CLASSES, 'statuses'], rows);
}

function categoryTable(outcomes: Outcome[]): string {
  const byCategory = new Map<string, Outcome[]>();
  for (const outcome of outcomes) byCategory.set(outcome.request.category, [...(byCategory.get(outcome.request.category) ?? []), outcome]);
  return table(
    ['category', 'sent', ...CLASSES],
    [...byCategory.entries()].sort().map(([category, list]) => {
      const classes = countBy(list, (outcome) => classOf(outcome.status));
      return [category, list.length, ...CLASSES.map((name) => classes.get(name) ?? 0)];
    }),
  );
}

/** The Markdown report. */
export function renderReport(summary: RunSummary): string {
  const cpu = cpus();
  const total = summary.runs.reduce((sum, run) => sum + run.outcomes.length, 0);
  const lines = [
    '# Fuzz report (`npm run test:fuzz`)',
    '',
    'Property-based malformed and boundary requests generated from openapi.yaml with fast-check, against every documented operation.',
    'Checked for every request: no 5xx; status, media type and body documented by openapi.yaml; every 4xx is `application/problem+json`;',
    'requests built to be refused are refused; no error (and no answer to a non-privileged caller) carries another user\'s data.',
    'Checked for every batch: no Firestore document or Auth account changed (rate-limit counters and `apiKeys.lastUsedAt` excepted).',
    '',
    '## Results',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} cores, ${platform()} ${release()}, Node ${process.version}`,
    `- seed: ${summary.seed} (reproduce: \`${summary.command}\`)`,
    `- requests: ${total}; state-snapshot batches: ${summary.stateChecks.batches}`,
    `- verdict: ${summary.failures.length === 0 && summary.stateChecks.changes.length === 0 ? '**PASS**' : `**FAIL** (${summary.failures.length} response failures, ${summary.stateChecks.changes.length} state changes)`}`,
    '',
    table(
      ['target', 'requests', 'concurrency', 'duration', 'throughput'],
      summary.runs.map((run) => [run.target, run.outcomes.length, run.concurrency, `${(run.durationMs / 1000).toFixed(1)} s`, `${((run.outcomes.length * 1000) / Math.max(1, run.durationMs)).toFixed(0)} req/s`]),
    ),
    '',
    'Timing numbers are measurements on a possibly busy machine, never pass/fail criteria.',
    '',
  ];
  for (const run of summary.runs) {
    lines.push(`### ${run.target}: per operation`, '', operationTable(run.outcomes), '', `### ${run.target}: per category`, '', categoryTable(run.outcomes), '');
  }
  if (summary.notes.length) lines.push('## Notes', '', ...summary.notes.map((note) => `- ${note}`), '');
  if (summary.failureKinds.size) {
    lines.push(
      '## Failures by kind',
      '',
      table(
        ['kind', 'count', 'operations'],
        [...summary.failureKinds.entries()].sort((a, b) => b[1].count - a[1].count).map(([kind, { count, operations }]) => [kind.replace(/\|/g, '\\|'), count, [...operations].sort().join(', ')]),
      ),
      '',
    );
  }
  if (summary.failures.length || summary.stateChecks.changes.length) {
    lines.push('## Failures (first 50)', '', '```', ...summary.failures.slice(0, 50), ...summary.stateChecks.changes.slice(0, 50), '```', '');
  }
  return lines.join('\n');
}
