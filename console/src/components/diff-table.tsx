/** An audit entry's before/after as a table of changed fields. */
import { diffSnapshots, showValue } from '../diff';

export function DiffTable({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffSnapshots(before, after);
  if (rows.length === 0) return <p class="muted">No field changed.</p>;
  return (
    <table class="diff">
      <caption class="sr-only">Changed fields</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path} class={`diff-${row.kind}`}>
            <th scope="row">
              <code>{row.path}</code>
            </th>
            <td>
              {row.kind !== 'added' && (
                <del>
                  <span class="sr-only">before: </span>
                  {showValue(row.before)}
                </del>
              )}
            </td>
            <td>
              {row.kind !== 'removed' && (
                <ins>
                  <span class="sr-only">after: </span>
                  {showValue(row.after)}
                </ins>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
