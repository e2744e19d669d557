/**
 * Staff sign-in with email and password (Firebase Auth), then the second
 * factor when the account has one: the SDK refuses with
 * auth/multi-factor-auth-required, and the page asks for the SMS code sent to
 * the enrolled phone (getMultiFactorResolver → PhoneAuthProvider).
 */
import { signInWithEmailAndPassword, type MultiFactorResolver } from 'firebase/auth';
import { useState } from 'preact/hooks';
import { useSession } from '../session';
import { useSmsCodeStep } from '../sms-code-step';
import { describePhone, phoneHints, secondFactorResolver, completeSignIn } from '../mfa';
import { Notice } from '../components/feedback';
import { SmsCodeField } from '../components/sms-code-field';
import { PageHeading } from '../components/page';

/** Firebase Auth error codes → what a person can do about them. */
function signInMessage(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'auth/user-disabled') return 'This account is disabled.';
  if (code === 'auth/too-many-requests') return 'Too many attempts. Wait a moment and try again.';
  if (code === 'auth/network-request-failed') return 'The sign-in service cannot be reached.';
  return 'Wrong email or password.';
}

function Alert({ text }: { text: string | null }) {
  return text ? (
    <p class="error" role="alert">
      {text}
    </p>
  ) : null;
}

/** The code step: send an SMS to the enrolled phone, enter the code, signed in. */
function SecondFactorStep({ resolver, onCancel }: { resolver: MultiFactorResolver; onCancel: () => void }) {
  const session = useSession();
  const hints = phoneHints(resolver);
  const [hintIndex, setHintIndex] = useState(0);
  const { verificationId, setVerificationId, code, setCode, busy, error, container, codeInput, smsVerifier, step } = useSmsCodeStep(session.auth);
  const send = () =>
    step(async () => {
      const { verifier, container: recaptchaBox } = smsVerifier();
      setVerificationId(await verifier.sendSignInCode(recaptchaBox, resolver, hints[hintIndex]));
    });
  const verify = (event: Event) => {
    event.preventDefault();
    if (!verificationId) return;
    void step(async () => {
      await completeSignIn(resolver, verificationId, code.trim());
      session.setNotice(null);
    });
  };

  if (hints.length === 0) {
    return (
      <div class="stack">
        <Alert text="Your account's second factor is not an SMS code; this console supports SMS codes only. Ask an admin." />
        <button type="button" onClick={onCancel}>
          Back
        </button>
      </div>
    );
  }
  return (
    <form onSubmit={verify} class="stack" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">Second factor</h2>
      <p>Your account is protected with a second factor. We send a code by SMS to your phone.</p>
      {hints.length > 1 ? (
        <fieldset>
          <legend>Phone</legend>
          {hints.map((hint, index) => (
            <label key={hint.uid} class="inline">
              <input type="radio" name="hint" checked={index === hintIndex} onChange={() => setHintIndex(index)} /> {describePhone(hint)}
            </label>
          ))}
        </fieldset>
      ) : (
        <p>
          Phone: <strong>{describePhone(hints[0])}</strong>
        </p>
      )}
      <div ref={container} />
      <button type="button" class={verificationId ? '' : 'primary'} disabled={busy} onClick={() => void send()}>
        {verificationId ? 'Send a new code' : 'Send code'}
      </button>
      {verificationId && (
        <>
          <SmsCodeField inputRef={codeInput} code={code} onCode={setCode} />
          <button type="submit" class="primary" disabled={busy || code.trim().length !== 6}>
            {busy ? 'Checking…' : 'Verify'}
          </button>
        </>
      )}
      <Alert text={error} />
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

export function SignInPage() {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resolver, setResolver] = useState<MultiFactorResolver | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInWithEmailAndPassword(session.auth, email.trim(), password);
      session.setNotice(null);
    } catch (caught) {
      const pending = secondFactorResolver(session.auth, caught);
      if (pending) setResolver(pending);
      else setError(signInMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <PageHeading title="Sign in" />
      <p>NovaFacies back office for KYC reviewers, support agents and admins.</p>
      {session.notice && <Notice>{session.notice}</Notice>}
      {resolver ? (
        <SecondFactorStep
          resolver={resolver}
          onCancel={() => {
            setResolver(null);
            setPassword('');
          }}
        />
      ) : (
        <form onSubmit={submit} class="stack">
          <label>
            Email
            <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </label>
          <label>
            Password
            <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          <Alert text={error} />
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
    </main>
  );
}
