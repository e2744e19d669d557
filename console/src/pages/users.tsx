/** User search: email prefix, status, KYC status, role; cursor pages. */
import { useState } from 'preact/hooks';
import { apiGet } from '../api';
import { useLoad } from '../hooks';
import { PROFILE_KYC_STATUSES, ROLES, USER_STATUSES, type FormQuery, type Profile, type UserListPage } from '../types';
import { Empty, ErrorBox, Loading } from '../components/feedback';
import { PageHeading } from '../components/page';

/** The search form: the list operation's filters, '' for any. */
type Filters = Required<Pick<FormQuery<'adminListUsers'>, 'emailPrefix' | 'status' | 'kycStatus' | 'role'>>;
const NO_FILTERS: Filters = { emailPrefix: '', status: '', kycStatus: '', role: '' };

function Select<V extends string>({ name, label, values, value, onChange }: { name: string; label: string; values: readonly V[]; value: V | ''; onChange: (v: V | '') => void }) {
  return (
    <label>
      {label}
      {/* The options are `values` and '': the value read back is one of them. */}
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value as V | '')}>
        <option value="">any</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v.replace('_', ' ')}
          </option>
        ))}
      </select>
    </label>
  );
}

export function UsersPage() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [extra, setExtra] = useState<{ items: Profile[]; cursor: string | null } | null>(null);
  const first = useLoad(() => apiGet<UserListPage>('/v1/admin/users', { ...filters, limit: 25 } satisfies FormQuery<'adminListUsers'>), [filters]);
  const users = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : (first.data?.nextCursor ?? null);
  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setDraft({ ...draft, [key]: value });

  return (
    <section>
      <PageHeading title="Users" />
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setExtra(null);
          setFilters({ ...draft, emailPrefix: draft.emailPrefix.trim() });
        }}
      >
        <label>
          Email starts with
          <input type="search" name="emailPrefix" value={draft.emailPrefix} onInput={(e) => set('emailPrefix')(e.currentTarget.value)} />
        </label>
        <Select name="status" label="Status" values={USER_STATUSES} value={draft.status} onChange={set('status')} />
        <Select name="kycStatus" label="KYC status" values={PROFILE_KYC_STATUSES} value={draft.kycStatus} onChange={set('kycStatus')} />
        <Select name="role" label="Role" values={ROLES} value={draft.role} onChange={set('role')} />
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      {first.state === 'error' && <ErrorBox error={first.error} retry={first.reload} />}
      {first.state === 'loading' && !first.data && <Loading what="users" />}
      {first.data && users.length === 0 && <Empty>No user matches.</Empty>}
      {users.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Users</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">KYC</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.uid}>
                  <td>
                    <a href={`/users/${encodeURIComponent(u.uid)}`}>{u.email ?? u.uid}</a>
                  </td>
                  <td>{u.displayName ?? '—'}</td>
                  <td>{u.roles.join(', ') || '—'}</td>
                  <td>
                    <span class={`status status-${u.status}`}>{u.status}</span>
                  </td>
                  <td>{u.kycStatus.replace('_', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button
          type="button"
          onClick={() =>
            void apiGet<UserListPage>('/v1/admin/users', { ...filters, limit: 25, cursor } satisfies FormQuery<'adminListUsers'>).then((page) =>
              setExtra({ items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor }),
            )
          }
        >
          Load more
        </button>
      )}
    </section>
  );
}
