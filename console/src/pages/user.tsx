/**
 * One user: profile, Auth account, roles, status, KYC cases and audit trail.
 * Admin actions (roles, disable/enable, soft delete) are confirmed first and
 * sent with the profile's ETag as If-Match, so a change made meanwhile by
 * someone else is refused (412) instead of overwritten.
 */
import { useState } from 'preact/hooks';
import { apiCall } from '../api';
import { useLoad } from '../hooks';
import { auditOf } from '../kyc-cases';
import { ROLES, type AdminUser, type AdminUserUpdate, type Role } from '../types';
import { useRoute } from 'preact-iso';
import { AuditList } from '../components/audit-list';
import { ConfirmDialog } from '../components/confirm';
import { ErrorBox, Loading, Notice, When } from '../components/feedback';
import { PageHeading } from '../components/page';

type Action = { kind: 'roles'; roles: Role[] } | { kind: 'status'; status: NonNullable<AdminUserUpdate['status']> } | { kind: 'delete' };

async function loadUser(uid: string): Promise<{ user: AdminUser; etag: string | null }> {
  const { body, headers } = await apiCall<AdminUser>(`/v1/admin/users/${encodeURIComponent(uid)}`);
  return { user: body, etag: headers.get('etag') };
}

function describe(action: Action): { title: string; label: string; danger: boolean } {
  if (action.kind === 'roles') return { title: `Set roles to ${action.roles.join(', ') || 'none'}?`, label: 'Save roles', danger: false };
  if (action.kind === 'delete') return { title: 'Soft-delete this user?', label: 'Delete user', danger: true };
  return action.status === 'disabled'
    ? { title: 'Disable this user? Their sessions end at once.', label: 'Disable user', danger: true }
    : { title: 'Enable this user?', label: 'Enable user', danger: false };
}

export function UserPage() {
  const { params } = useRoute();
  const uid = params.uid ?? '';
  const loaded = useLoad(() => loadUser(uid), [uid]);
  const audit = useLoad(() => auditOf(uid), [uid]);
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [pending, setPending] = useState<Action | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const user = loaded.data?.user;
  const shownRoles = roles ?? user?.profile.roles ?? [];

  const run = async (action: Action) => {
    setPending(null);
    setError(null);
    const path = `/v1/admin/users/${encodeURIComponent(uid)}`;
    const ifMatch = loaded.data?.etag ? { 'if-match': loaded.data.etag } : undefined;
    try {
      if (action.kind === 'delete') await apiCall(path, { method: 'DELETE' });
      else await apiCall(path, { method: 'PATCH', headers: ifMatch, body: (action.kind === 'roles' ? { roles: action.roles } : { status: action.status }) satisfies AdminUserUpdate });
      setRoles(null);
      setNotice(action.kind === 'delete' ? 'User deleted.' : action.kind === 'roles' ? 'Roles saved.' : `User ${action.status === 'disabled' ? 'disabled' : 'enabled'}.`);
      loaded.reload();
      audit.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section>
      <p>
        <a href="/users">← Users</a>
      </p>
      <PageHeading title={user ? (user.profile.displayName ?? user.profile.email ?? uid) : 'User'} />
      {notice && <Notice>{notice}</Notice>}
      {error !== null && <ErrorBox error={error} />}
      {loaded.state === 'error' && <ErrorBox error={loaded.error} retry={loaded.reload} />}
      {loaded.state === 'loading' && !user && <Loading what="the user" />}
      {user && (
        <div class="grid">
          <div class="card">
            <h2>Profile</h2>
            <dl>
              <dt>Email</dt>
              <dd>{user.profile.email ?? '—'}</dd>
              <dt>User id</dt>
              <dd>
                <code>{user.profile.uid}</code>
              </dd>
              <dt>Status</dt>
              <dd>
                <span class={`status status-${user.profile.status}`}>{user.profile.status}</span>
              </dd>
              <dt>KYC status</dt>
              <dd>{user.profile.kycStatus.replace('_', ' ')}</dd>
              <dt>Created</dt>
              <dd>
                <When at={user.profile.createdAt} />
              </dd>
              <dt>Last sign-in</dt>
              <dd>
                <When at={user.auth?.lastSignInTime} />
              </dd>
              <dt>Sign-in methods</dt>
              <dd>{user.auth?.providers.join(', ') || '—'}</dd>
            </dl>
          </div>
          <form
            class="card stack"
            onSubmit={(e) => {
              e.preventDefault();
              setPending({ kind: 'roles', roles: shownRoles });
            }}
          >
            <h2>Roles</h2>
            <fieldset disabled={user.profile.status === 'deleted'}>
              <legend>Back-office roles</legend>
              {ROLES.map((role) => (
                <label key={role} class="inline">
                  <input
                    type="checkbox"
                    name="roles"
                    value={role}
                    checked={shownRoles.includes(role)}
                    onChange={(e) => setRoles(e.currentTarget.checked ? [...shownRoles, role] : shownRoles.filter((r) => r !== role))}
                  />{' '}
                  {role}
                </label>
              ))}
            </fieldset>
            <button type="submit" disabled={roles === null}>
              Save roles…
            </button>
          </form>
          <div class="card stack">
            <h2>Account</h2>
            {user.profile.status === 'deleted' ? (
              <p>
                Deleted <When at={user.profile.deletedAt} /> by <code>{user.profile.deletedBy}</code>.
              </p>
            ) : (
              <>
                {user.profile.status === 'active' ? (
                  <button type="button" class="danger" onClick={() => setPending({ kind: 'status', status: 'disabled' })}>
                    Disable…
                  </button>
                ) : (
                  <button type="button" onClick={() => setPending({ kind: 'status', status: 'active' })}>
                    Enable…
                  </button>
                )}
                <button type="button" class="danger" onClick={() => setPending({ kind: 'delete' })}>
                  Delete…
                </button>
              </>
            )}
          </div>
          <div class="card">
            <h2>KYC cases</h2>
            {user.kycCases.length === 0 ? (
              <p class="muted">No KYC case.</p>
            ) : (
              <ul>
                {user.kycCases.map((c) => (
                  <li key={c.id}>
                    <a href={`/kyc/${encodeURIComponent(c.id)}`}>{c.id}</a> — {c.status.replace('_', ' ')}
                    {/* The contract declares only id, uid and status of these records; the rest passes through untyped. */}
                    {typeof c.attempt === 'number' && <>, attempt {c.attempt}</>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      <h2>Audit trail</h2>
      {audit.state === 'error' && <ErrorBox error={audit.error} retry={audit.reload} />}
      {audit.state === 'loading' && !audit.data && <Loading what="the audit trail" />}
      {audit.data && <AuditList entries={audit.data} />}
      {pending && (
        <ConfirmDialog {...(({ title, label, danger }) => ({ title, confirmLabel: label, danger }))(describe(pending))} onConfirm={() => void run(pending)} onCancel={() => setPending(null)}>
          <p>{user?.profile.email ?? uid}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
