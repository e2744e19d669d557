/**
 * Phone (SMS) second factor with the Firebase Auth SDK: completing a sign-in
 * that stopped at auth/multi-factor-auth-required, and enrolling a phone when
 * the API answers 401 MFA_REQUIRED (REQUIRE_STAFF_MFA, on in production).
 *
 * Sending an SMS needs an application verifier: an invisible reCAPTCHA v2
 * widget rendered in `container` (scripts from www.google.com/recaptcha and
 * www.gstatic.com/recaptcha, frames from www.google.com/recaptcha; the CSP in
 * firebase.json allows exactly those). With the Auth emulator,
 * connectAuthEmulator() sets auth.settings.appVerificationDisabledForTesting,
 * so the SDK renders a mock widget and loads nothing from Google.
 */
import {
  getMultiFactorResolver,
  multiFactor,
  PhoneAuthProvider,
  PhoneMultiFactorGenerator,
  RecaptchaVerifier,
  type Auth,
  type MultiFactorError,
  type MultiFactorResolver,
  type PhoneMultiFactorInfo,
  type User,
} from 'firebase/auth';

export { describePhone, normalisePhone, secondFactorMessage } from './mfa-text';

/** The resolver of a sign-in that needs a second factor, or null for any other error. */
export function secondFactorResolver(auth: Auth, error: unknown): MultiFactorResolver | null {
  if ((error as { code?: string } | null)?.code !== 'auth/multi-factor-auth-required') return null;
  return getMultiFactorResolver(auth, error as MultiFactorError);
}

/** The phone factors a resolver offers (the console supports SMS only). */
export function phoneHints(resolver: MultiFactorResolver): PhoneMultiFactorInfo[] {
  return resolver.hints.filter((hint): hint is PhoneMultiFactorInfo => hint.factorId === PhoneMultiFactorGenerator.FACTOR_ID);
}

/**
 * One invisible reCAPTCHA per step, created on first use (its container must
 * be in the page by then) and cleared when the step ends.
 */
export class SmsVerifier {
  private verifier: RecaptchaVerifier | null = null;

  constructor(private readonly auth: Auth) {}

  private get(container: HTMLElement): RecaptchaVerifier {
    this.verifier ??= new RecaptchaVerifier(this.auth, container, { size: 'invisible' });
    return this.verifier;
  }

  /** Send the SMS code for a sign-in; resolves with the verification id. */
  sendSignInCode(container: HTMLElement, resolver: MultiFactorResolver, hint: PhoneMultiFactorInfo): Promise<string> {
    return new PhoneAuthProvider(this.auth).verifyPhoneNumber({ multiFactorHint: hint, session: resolver.session }, this.get(container));
  }

  /** Send the SMS code that proves `phoneNumber` (E.164) for enrolment; resolves with the verification id. */
  async sendEnrollCode(container: HTMLElement, user: User, phoneNumber: string): Promise<string> {
    const session = await multiFactor(user).getSession();
    return new PhoneAuthProvider(this.auth).verifyPhoneNumber({ phoneNumber, session }, this.get(container));
  }

  clear(): void {
    this.verifier?.clear();
    this.verifier = null;
  }
}

/** Finish a sign-in with the SMS code; the SDK then signs the user in (onIdTokenChanged fires). */
export async function completeSignIn(resolver: MultiFactorResolver, verificationId: string, code: string): Promise<void> {
  await resolver.resolveSignIn(PhoneMultiFactorGenerator.assertion(PhoneAuthProvider.credential(verificationId, code)));
}

/**
 * Enrol the phone with the SMS code. Auth answers with fresh tokens that
 * already carry the second factor (sign_in_second_factor: phone), so the API
 * accepts the session at once.
 */
export async function enrollPhone(user: User, verificationId: string, code: string, displayName = 'Phone'): Promise<void> {
  await multiFactor(user).enroll(PhoneMultiFactorGenerator.assertion(PhoneAuthProvider.credential(verificationId, code)), displayName);
  await user.getIdToken(true);
}

/** Whether the user already has a second factor (then a new sign-in, not an enrolment, is what is missing). */
export const hasSecondFactor = (user: User): boolean => multiFactor(user).enrolledFactors.length > 0;
