/**
 * Profile rules that go beyond shape: phone numbers to E.164 (libphonenumber-js,
 * the library Google's own formats come from), dates of birth by the shared
 * rule of date-of-birth.ts, canonical BCP 47 locales, and the sign-up password policy.
 * Each failure names the offending field so the 400 lists every path at once.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { ValidationError, type FieldError } from '../kernel/errors';
import type { ProfileChanges } from './users.repository';
import type { Profile, ProfileUpdate } from './users.schemas';
import { dateOfBirthProblem } from '../kernel/date-of-birth';

const MIN_PASSWORD_LENGTH = 10;

function phoneToE164(input: string, defaultCountry: string | undefined): string | undefined {
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * Turn a validated PATCH body into profile changes, normalising values.
 * The phone's default region (for national formats) is the address country,
 * else the nationality, from the update or else the stored profile.
 */
export function normaliseProfileUpdate(update: ProfileUpdate, current: Profile, now = new Date()): ProfileChanges {
  const errors: FieldError[] = [];
  const changes: ProfileChanges = { ...update };

  if (typeof update.phoneNumber === 'string') {
    const region = update.address?.country ?? current.address?.country ?? update.nationality ?? current.nationality ?? undefined;
    const e164 = phoneToE164(update.phoneNumber, region);
    if (e164) changes.phoneNumber = e164;
    else errors.push({ path: 'phoneNumber', message: 'Not a valid phone number; use international format, e.g. +49 30 123456.' });
  }

  if (typeof update.dateOfBirth === 'string') {
    const problem = dateOfBirthProblem(update.dateOfBirth, now);
    if (problem) errors.push({ path: 'dateOfBirth', message: problem });
  }

  if (typeof update.locale === 'string') {
    try {
      changes.locale = Intl.getCanonicalLocales(update.locale)[0];
    } catch {
      errors.push({ path: 'locale', message: 'Not a valid BCP 47 language tag.' });
    }
  }

  if (errors.length > 0) throw new ValidationError('The request has invalid fields; see `errors`.', errors);
  return changes;
}

/** Sign-up password policy; Firebase's own minimum (6) is too weak for a financial account. */
export function assertStrongPassword(password: string, email: string): void {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`at least ${MIN_PASSWORD_LENGTH} characters`);
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) problems.push('a letter and a digit');
  if (password.toLowerCase().includes(email.split('@')[0].toLowerCase()) && email.split('@')[0].length >= 3) problems.push('not containing the email name');
  if (problems.length > 0) {
    throw new ValidationError('The password is too weak.', [{ path: 'password', message: `Use ${problems.join(', ')}.` }], 'WEAK_PASSWORD');
  }
}
