/**
 * Usage analytics (GET /v1/admin/usage): requests per day by status class,
 * by operation and by API key, rate-limit refusals, and the KYC funnel.
 * Bars are <meter> elements: accessible, and no inline styles for the CSP.
 */
import { useState } from 'preact/hooks';
import { apiGet } from '../api';
import { useLoad } from '../hooks';
import type { ApiKeyPage, FormQuery, StatusClass, UsageReport } from '../types';
import { Empty, ErrorBox, Loading } from '../components/feedback';
import { PageHeading } from '../components/page';

/** What every count of the report has; operation and API-key counts add their key. */
type Row = Pick<UsageReport['totals']['requests'][number], 'statusClass' | 'count'>;

const CLASSES: StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];
const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** rows grouped by `key` → class → count, most requests first. */
function pivot<K extends 'operation' | 'keyId'>(rows: Array<Row & Record<K, string>>, key: K): Array<{ name: string; byClass: Partial<Record<StatusClass, number>>; total: number }> {
  const groups = new Map<string, Partial<Record<StatusClass, number>>>();
  for (const row of rows) {
    const group = groups.get(row[key]) ?? {};
    group[row.statusClass] = (group[row.statusClass] ?? 0) + row.count;
    groups.set(row[key], group);
  }
  return [...groups].map(([name, byClass]) => ({ name, byClass, total: Object.values(byClass).reduce((a, b) => a + (b ?? 0), 0) })).sort((a, b) => b.total - a.total);
}

/** Requests of all operations by status class. */
function classTotals(rows: Row[]): Partial<Record<StatusClass, number>> {
  const out: Partial<Record<StatusClass, number>> = {};
  for (const row of rows) out[row.statusClass] = (out[row.statusClass] ?? 0) + row.count;
  return out;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(0)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function ClassTable({ caption, label, rows }: { caption: string; label: string; rows: ReturnType<typeof pivot> }) {
  if (rows.length === 0) return <Empty>No requests in this range.</Empty>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {CLASSES.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              {CLASSES.map((c) => (
                <td key={c}>{row.byClass[c] ?? 0}</td>
              ))}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UsagePage() {
  const today = isoDay(Date.now());
  const [draft, setDraft] = useState({ from: isoDay(Date.now() - 6 * DAY_MS), to: today });
  const [range, setRange] = useState(draft);
  const report = useLoad(() => apiGet<UsageReport>('/v1/admin/usage', range satisfies FormQuery<'getUsage'>), [range]);
  const keys = useLoad(() => apiGet<ApiKeyPage>('/v1/admin/api-keys', { limit: 100 } satisfies FormQuery<'listApiKeys'>), []);
  const keyName = (id: string) => keys.data?.items.find((k) => k.id === id)?.name ?? id;
  const r = report.data;
  const perDay = r?.days.map((d) => ({ day: d.day, byClass: classTotals(d.requests), total: d.requests.reduce((a, b) => a + b.count, 0), rateLimited: d.rateLimited }));
  const maxDay = Math.max(1, ...(perDay ?? []).map((d) => d.total));
  const funnel = r?.kycFunnel;

  return (
    <section>
      <PageHeading title="Usage" />
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setRange({ ...draft });
        }}
      >
        <label>
          From
          <input type="date" name="from" value={draft.from} max={draft.to} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        </label>
        <label>
          To
          <input type="date" name="to" value={draft.to} max={today} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        </label>
        <button type="submit" class="primary">
          Show
        </button>
      </form>
      {report.state === 'error' && <ErrorBox error={report.error} retry={report.reload} />}
      {report.state === 'loading' && !r && <Loading what="usage" />}
      {r && funnel && perDay && (
        <>
          <h2>KYC funnel (cases opened {r.from} to {r.to})</h2>
          <div class="grid">
            <div class="card">
              <dl>
                <dt>Submitted</dt>
                <dd>{funnel.submitted}</dd>
                <dt>Decided</dt>
                <dd>{funnel.decided}</dd>
                <dt>Still open</dt>
                <dd>{funnel.open}</dd>
              </dl>
            </div>
            <div class="card">
              <dl>
                <dt>Time to decision, p50</dt>
                <dd>{funnel.timeToDecisionSeconds ? duration(funnel.timeToDecisionSeconds.p50) : '—'}</dd>
                <dt>Time to decision, p95</dt>
                <dd>{funnel.timeToDecisionSeconds ? duration(funnel.timeToDecisionSeconds.p95) : '—'}</dd>
                <dt>Decided by a reviewer</dt>
                <dd>{funnel.reviewerShare === null ? '—' : `${Math.round(funnel.reviewerShare * 100)} % (${funnel.decidedByReviewer})`}</dd>
              </dl>
              {funnel.truncated && <p class="meta">Only the oldest cases of this range were counted.</p>}
            </div>
          </div>
          <h2>Requests per day</h2>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Requests per day by status class</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Requests</th>
                  {CLASSES.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                  <th scope="col">Rate-limited</th>
                </tr>
              </thead>
              <tbody>
                {perDay.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{d.day}</th>
                    <td>
                      <meter min={0} max={maxDay} value={d.total} aria-label={`${d.total} requests on ${d.day}`} /> {d.total}
                    </td>
                    {CLASSES.map((c) => (
                      <td key={c}>{d.byClass[c] ?? 0}</td>
                    ))}
                    <td>{d.rateLimited}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>By operation</h2>
          <ClassTable caption="Requests by operation and status class" label="Operation" rows={pivot(r.totals.requests, 'operation')} />
          <h2>By API key</h2>
          <ClassTable caption="Requests by API key and status class" label="API key" rows={pivot(r.totals.apiKeys, 'keyId').map((row) => ({ ...row, name: keyName(row.name) }))} />
          <p class="meta">
            Rate-limit refusals in this range: {r.totals.rateLimited}. {r.counting.description}
          </p>
        </>
      )}
    </section>
  );
}
