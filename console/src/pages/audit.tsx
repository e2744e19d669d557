/** The audit log: filters (actor, target, action, time range) and cursor pages; each entry's before/after as a diff. */
import { useState } from 'preact/hooks';
import { apiGet } from '../api';
import { useLoad } from '../hooks';
import type { AuditLogPage, FormQuery } from '../types';
import { AuditList } from '../components/audit-list';
import { ErrorBox, Loading } from '../components/feedback';
import { PageHeading } from '../components/page';

interface Filters {
  actorId: string;
  targetId: string;
  action: string;
  from: string;
  to: string;
}
const NONE: Filters = { actorId: '', targetId: '', action: '', from: '', to: '' };
const PAGE_SIZE = 20;

/** A datetime-local value (the reviewer's local time) as an ISO instant. */
const iso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(NONE);
  const [filters, setFilters] = useState<Filters>(NONE);
  // Cursors of the pages before the current one, to go back.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(
    () =>
      apiGet<AuditLogPage>('/v1/admin/audit-logs', {
        actorId: filters.actorId,
        targetId: filters.targetId,
        action: filters.action,
        from: iso(filters.from),
        to: iso(filters.to),
        limit: PAGE_SIZE,
        cursor,
      } satisfies FormQuery<'listAuditLogs'>),
    [filters, cursor],
  );
  const field = (key: keyof Filters, label: string, datetime = false) => {
    const onInput = (e: { currentTarget: HTMLInputElement }) => setDraft({ ...draft, [key]: e.currentTarget.value });
    return (
      <label>
        {label}
        {datetime ? <input type="datetime-local" name={key} value={draft[key]} onInput={onInput} /> : <input type="text" name={key} value={draft[key]} onInput={onInput} />}
      </label>
    );
  };

  return (
    <section>
      <PageHeading title="Audit log" />
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setCursors([undefined]);
          setFilters({ ...draft });
        }}
      >
        {field('actorId', 'Actor id')}
        {field('targetId', 'Target id')}
        {field('action', 'Action')}
        {field('from', 'From', true)}
        {field('to', 'To', true)}
        <button type="submit" class="primary">
          Filter
        </button>
      </form>
      <p class="muted">Newest first. Personal data is redacted by the API.</p>
      {page.state === 'error' && <ErrorBox error={page.error} retry={page.reload} />}
      {page.state === 'loading' && !page.data && <Loading what="audit entries" />}
      {page.data && <AuditList entries={page.data.items} />}
      <nav class="pager" aria-label="Audit pages">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← Newer
        </button>
        <span>Page {cursors.length}</span>
        <button type="button" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}>
          Older →
        </button>
      </nav>
    </section>
  );
}
