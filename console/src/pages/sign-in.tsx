/** Staff sign-in with email and password (Firebase Auth). */
import { signInWithEmailAndPassword } from 'firebase/auth';
import { useState } from 'preact/hooks';
import { useSession } from '../session';
import { Notice } from '../components/feedback';
import { PageHeading } from '../components/page';

/** Firebase Auth error codes → what a person can do about them. */
function signInMessage(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'auth/user-disabled') return 'This account is disabled.';
  if (code === 'auth/too-many-requests') return 'Too many attempts. Wait a moment and try again.';
  if (code === 'auth/network-request-failed') return 'The sign-in service cannot be reached.';
  return 'Wrong email or password.';
}

export function SignInPage() {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInWithEmailAndPassword(session.auth, email.trim(), password);
      session.setNotice(null);
    } catch (caught) {
      setError(signInMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <PageHeading title="Sign in" />
      <p>NovaFacies back office for KYC reviewers, support agents and admins.</p>
      {session.notice && <Notice>{session.notice}</Notice>}
      <form onSubmit={submit} class="stack">
        <label>
          Email
          <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
