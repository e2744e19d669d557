/**
 * The state both second-factor pages share (sign-in's code step and the
 * MFA_REQUIRED enrolment): the SMS verifier bound to a reCAPTCHA container,
 * the verification id once a code was sent (the code input then takes focus),
 * the code typed, and one action at a time with its error shown as the
 * second-factor message.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Auth } from 'firebase/auth';
import { secondFactorMessage, SmsVerifier } from './mfa';

export function useSmsCodeStep(auth: Auth) {
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const verifier = useRef<SmsVerifier | null>(null);
  useEffect(() => () => verifier.current?.clear(), []);
  useEffect(() => {
    if (verificationId) codeInput.current?.focus();
  }, [verificationId]);

  /** The verifier, created on first use; `container` holds its (invisible) reCAPTCHA. */
  const smsVerifier = (): { verifier: SmsVerifier; container: HTMLDivElement } => {
    if (!container.current) throw new Error('no reCAPTCHA container');
    return { verifier: (verifier.current ??= new SmsVerifier(auth)), container: container.current };
  };
  /** Run one step: busy while it runs, its failure shown as the second-factor message. */
  const step = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(secondFactorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return { verificationId, setVerificationId, code, setCode, busy, error, setError, container, codeInput, smsVerifier, step };
}
