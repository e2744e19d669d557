/** Loading, empty and error states, the same on every page. */
import type { ComponentChildren } from 'preact';
import { ApiProblem } from '../api';

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** An API problem (title, detail, code, request id) or any other error. */
export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  const problem = error instanceof ApiProblem ? error : undefined;
  const title = problem ? problem.title : 'Something went wrong';
  const detail = problem ? problem.problem.detail : error instanceof Error ? error.message : String(error);
  return (
    <div class="error" role="alert">
      <strong>{title}</strong>
      {detail && <p>{detail}</p>}
      {problem?.problem.errors && (
        <ul>
          {problem.problem.errors.map((e) => (
            <li key={e.path}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.problem.code && (
        <p class="meta">
          code <code>{problem.problem.code}</code>
          {problem.problem.requestId && (
            <>
              {' '}
              · request <code>{problem.problem.requestId}</code>
            </>
          )}
        </p>
      )}
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

/** An ISO instant as local date and time, machine-readable in <time>. */
export function When({ at }: { at: string | null | undefined }) {
  if (!at) return <span class="muted">—</span>;
  return <time dateTime={at}>{new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</time>;
}
