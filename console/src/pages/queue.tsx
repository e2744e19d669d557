/**
 * KYC review queue: cases of one status (default: on hold, i.e. waiting for a
 * reviewer), least recently updated first. Refreshes every 15 s while the tab
 * is visible, and on demand.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useInterval, useLoad } from '../hooks';
import { loadQueue } from '../kyc-cases';
import { KYC_STATUSES, type KycAdminCase, type KycStatus } from '../types';
import { Empty, ErrorBox, Loading, When } from '../components/feedback';
import { PageHeading } from '../components/page';

const REFRESH_MS = 15_000;

export function QueuePage() {
  const { query, route } = useLocation();
  const status = (KYC_STATUSES as readonly string[]).includes(query.status ?? '') ? (query.status as KycStatus) : query.status === 'all' ? '' : 'on_hold';
  const [more, setMore] = useState<{ cases: KycAdminCase[]; cursor: string | null } | null>(null);
  const first = useLoad(() => loadQueue(status), [status]);
  useInterval(() => more === null && first.reload(), REFRESH_MS);

  const cases = [...(first.data?.data ?? []), ...(more?.cases ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!cursor) return;
    const page = await loadQueue(status, cursor);
    setMore({ cases: [...(more?.cases ?? []), ...page.data], cursor: page.nextCursor });
  };

  return (
    <section>
      <PageHeading title="KYC review queue">
        <div class="toolbar">
          <label>
            Status{' '}
            <select
              name="status"
              value={status || 'all'}
              onChange={(e) => {
                setMore(null);
                route(`/kyc?status=${e.currentTarget.value}`);
              }}
            >
              <option value="all">all</option>
              {KYC_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.replace('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => (setMore(null), first.reload())}>
            Refresh
          </button>
        </div>
      </PageHeading>
      <p class="muted">Oldest first. Refreshes every {REFRESH_MS / 1000} seconds.</p>
      {first.state === 'error' && <ErrorBox error={first.error} retry={first.reload} />}
      {first.state === 'loading' && !first.data && <Loading what="the queue" />}
      {first.data && cases.length === 0 && <Empty>No case is {status ? status.replace('_', ' ') : 'in the queue'}.</Empty>}
      {cases.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">KYC cases</caption>
            <thead>
              <tr>
                <th scope="col">Applicant</th>
                <th scope="col">Status</th>
                <th scope="col">Attempt</th>
                <th scope="col">Document</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={`/kyc/${encodeURIComponent(c.id)}`}>
                      {c.applicant.firstName} {c.applicant.lastName}
                    </a>
                    <div class="meta">
                      <code>{c.id}</code>
                    </div>
                  </td>
                  <td>
                    <span class={`status status-${c.status}`}>{c.status.replace('_', ' ')}</span>
                  </td>
                  <td>
                    {c.attempt}/{c.maxAttempts}
                  </td>
                  <td>
                    {c.applicant.document.type.replace('_', ' ')} ({c.applicant.document.issuingCountry})
                  </td>
                  <td>
                    <When at={c.statusChangedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" onClick={() => void loadMore()}>
          Load more
        </button>
      )}
    </section>
  );
}
