/**
 * Shown when the API answers 401 MFA_REQUIRED (REQUIRE_STAFF_MFA: staff must
 * have signed in with a second factor to use /v1/admin/*). Without a second
 * factor, the staff member enrols a phone here (SMS code); the enrolment gives
 * the session a token that carries the factor, and the console goes on. With
 * one already enrolled (this session predates it), the way on is to sign in
 * again and answer the code step.
 */
import { signOut, type User } from 'firebase/auth';
import { useState } from 'preact/hooks';
import { useSmsCodeStep } from '../sms-code-step';
import { useSession } from '../session';
import { enrollPhone, hasSecondFactor, normalisePhone, secondFactorMessage } from '../mfa';
import { SmsCodeField } from '../components/sms-code-field';
import { PageHeading } from '../components/page';

export function MfaRequiredPage({ user }: { user: User }) {
  const session = useSession();
  const [phone, setPhone] = useState('');
  const { verificationId, setVerificationId, code, setCode, busy, error, setError, container, codeInput, smsVerifier, step } = useSmsCodeStep(session.auth);
  const send = (event: Event) => {
    event.preventDefault();
    const number = normalisePhone(phone);
    if (!number) {
      setError(secondFactorMessage({ code: 'auth/invalid-phone-number' }));
      return;
    }
    void step(async () => {
      const { verifier, container: recaptchaBox } = smsVerifier();
      setVerificationId(await verifier.sendEnrollCode(recaptchaBox, user, number));
    });
  };
  const enroll = (event: Event) => {
    event.preventDefault();
    if (!verificationId) return;
    void step(async () => {
      await enrollPhone(user, verificationId, code.trim());
      session.setMfaRequired(false);
    });
  };
  const signInAgain = () => {
    session.setNotice('Sign in again and enter the code sent to your phone.');
    void signOut(session.auth);
  };

  return (
    <main id="main" class="sign-in">
      <PageHeading title="Second factor required" />
      <p>
        The API accepts staff sessions only when the sign-in used a second factor (it answered <code>MFA_REQUIRED</code>).
      </p>
      {hasSecondFactor(user) ? (
        <div class="stack">
          <p>Your account has a second factor, but this session was opened without it.</p>
          <button type="button" class="primary" onClick={signInAgain}>
            Sign in again
          </button>
        </div>
      ) : (
        <div class="stack">
          <p>Add your phone as a second factor: we send a code by SMS, and from then on every sign-in asks for one.</p>
          <form onSubmit={send} class="stack" aria-label="Phone number">
            <label>
              Mobile phone number (international format)
              <input type="tel" name="phone" autoComplete="tel" required placeholder="+44 7700 900123" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
            </label>
            <div ref={container} />
            <button type="submit" class={verificationId ? '' : 'primary'} disabled={busy}>
              {verificationId ? 'Send a new code' : 'Send code'}
            </button>
          </form>
          {verificationId && (
            <form onSubmit={enroll} class="stack" aria-label="Code">
              <SmsCodeField inputRef={codeInput} code={code} onCode={setCode} />
              <button type="submit" class="primary" disabled={busy || code.trim().length !== 6}>
                {busy ? 'Adding…' : 'Add second factor'}
              </button>
            </form>
          )}
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="button" onClick={() => void signOut(session.auth)}>
          Sign out
        </button>
      </p>
    </main>
  );
}
