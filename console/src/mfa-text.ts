/**
 * The second factor's words, as pure functions (unit-tested without a
 * browser, test/console/console-units.test.ts): error messages, how a phone
 * factor is named, phone number normalisation.
 */

/** Firebase Auth error codes of the second-factor steps → what a person can do about them. */
const MESSAGES: Record<string, string> = {
  'auth/invalid-verification-code': 'That code is not right. Check the SMS and try again.',
  'auth/missing-verification-code': 'Enter the code from the SMS.',
  'auth/code-expired': 'The code has expired. Send a new one.',
  'auth/invalid-phone-number': 'Enter the phone number in international format, e.g. +44 7700 900123.',
  'auth/missing-phone-number': 'Enter a phone number.',
  'auth/unverified-email': 'Your email address must be verified before a second factor can be added. Ask an admin.',
  'auth/requires-recent-login': 'For your security, sign in again, then add the second factor.',
  'auth/second-factor-already-in-use': 'This phone is already enrolled as your second factor.',
  'auth/maximum-second-factor-count-exceeded': 'You have enrolled the maximum number of second factors.',
  'auth/captcha-check-failed': 'The reCAPTCHA check failed. Try again.',
  'auth/quota-exceeded': 'Too many SMS were sent. Wait a moment and try again.',
  'auth/too-many-requests': 'Too many attempts. Wait a moment and try again.',
  'auth/network-request-failed': 'The sign-in service cannot be reached.',
  'auth/user-disabled': 'This account is disabled.',
};

/** A message for a failed second-factor step. */
export function secondFactorMessage(error: unknown): string {
  const code = (error as { code?: string } | null)?.code ?? '';
  return MESSAGES[code] ?? 'The second-factor step failed. Try again.';
}

/** How a phone factor is shown: its name and the (already masked by Auth in production) number. */
export function describePhone(hint: { displayName?: string | null; phoneNumber: string }): string {
  return hint.displayName ? `${hint.displayName} (${hint.phoneNumber})` : hint.phoneNumber;
}

/** E.164 after removing spaces, dashes, dots and brackets; null when it cannot be one. */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}
