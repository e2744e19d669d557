/** API keys: create (the secret shown once, with a copy button), list with last use, revoke (confirmed). */
import { useState } from 'preact/hooks';
import { apiCall, apiGet } from '../api';
import { useLoad } from '../hooks';
import { API_KEY_SCOPES, type ApiKey, type ApiKeyCreated, type ApiKeyPage, type ApiKeyScope, type CreateApiKey, type FormQuery } from '../types';
import { ConfirmDialog } from '../components/confirm';
import { Empty, ErrorBox, Loading, Notice, When } from '../components/feedback';
import { PageHeading } from '../components/page';

function NewSecret({ created, onDone }: { created: ApiKeyCreated; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div class="card secret" role="region" aria-labelledby="secret-title">
      <h2 id="secret-title">Key “{created.name}” created</h2>
      <p>Copy the key now: it is shown only once and cannot be retrieved again.</p>
      <p>
        <code class="secret-value" data-testid="api-key-secret">
          {created.secret}
        </code>
      </p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() =>
            navigator.clipboard.writeText(created.secret).then(
              () => setCopied('Copied to the clipboard.'),
              () => setCopied('Could not copy: select the key and copy it by hand.'),
            )
          }
        >
          Copy key
        </button>
        <button type="button" onClick={onDone}>
          Done, hide it
        </button>
      </div>
      {copied && <Notice>{copied}</Notice>}
    </div>
  );
}

export function ApiKeysPage() {
  const keys = useLoad(() => apiGet<ApiKeyPage>('/v1/admin/api-keys', { limit: 100 } satisfies FormQuery<'listApiKeys'>), []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['users:read']);
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [error, setError] = useState<unknown>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const body: CreateApiKey = { name: name.trim(), scopes, ...(days ? { expiresInDays: Number(days) } : {}) };
      setCreated((await apiCall<ApiKeyCreated>('/v1/admin/api-keys', { method: 'POST', body })).body);
      setName('');
      keys.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const revoke = async (key: ApiKey) => {
    setRevoking(null);
    setError(null);
    try {
      await apiCall(`/v1/admin/api-keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
      keys.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section>
      <PageHeading title="API keys" />
      {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      <form class="filters" onSubmit={create} aria-labelledby="create-key-title">
        <h2 id="create-key-title" class="sr-only">
          Create a key
        </h2>
        <label>
          Name
          <input name="name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} class="inline">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
              />{' '}
              {scope}
            </label>
          ))}
        </fieldset>
        <label>
          Expires in (days, empty: never)
          <input name="expiresInDays" type="number" min={1} max={3650} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" disabled={scopes.length === 0 || name.trim() === ''}>
          Create key
        </button>
      </form>
      {error !== null && <ErrorBox error={error} />}
      {keys.state === 'error' && <ErrorBox error={keys.error} retry={keys.reload} />}
      {keys.state === 'loading' && !keys.data && <Loading what="API keys" />}
      {keys.data && keys.data.items.length === 0 && <Empty>No API key yet.</Empty>}
      {keys.data && keys.data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Scopes</th>
                <th scope="col">Status</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((key) => (
                <tr key={key.id} data-key-id={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}</code>
                  </td>
                  <td>{key.scopes.join(', ')}</td>
                  <td>
                    <span class={`status status-${key.status}`}>{key.status}</span>
                  </td>
                  <td class="last-used">{key.lastUsedAt ? <When at={key.lastUsedAt} /> : 'never'}</td>
                  <td>
                    <When at={key.expiresAt} />
                  </td>
                  <td>
                    {key.status === 'active' && (
                      <button type="button" class="danger" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                        Revoke…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog title={`Revoke “${revoking.name}”?`} confirmLabel="Revoke key" danger onConfirm={() => void revoke(revoking)} onCancel={() => setRevoking(null)}>
          <p>Clients using this key are refused from now on.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
