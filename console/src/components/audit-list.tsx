/** A list of audit entries with their diffs (the audit page, user and case pages). */
import type { AuditEntry } from '../types';
import { DiffTable } from './diff-table';
import { Empty, When } from './feedback';

export function AuditList({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <Empty>No audit entries.</Empty>;
  return (
    <ol class="audit">
      {entries.map((entry) => (
        <li key={entry.id}>
          <details>
            <summary>
              <When at={entry.at} /> · <strong>{entry.action}</strong> on {entry.target.type} <code>{entry.target.id}</code> by {entry.actor.type}{' '}
              <code>{entry.actor.id}</code>
            </summary>
            <DiffTable before={entry.before} after={entry.after} />
            <p class="meta">
              request <code>{entry.requestId ?? '—'}</code>
              {entry.actor.ip && <> · from {entry.actor.ip}</>}
            </p>
          </details>
        </li>
      ))}
    </ol>
  );
}
