/**
 * The one date-of-birth rule of the API, used by profile edits (PATCH /v1/me)
 * and KYC submissions (POST /v1/me/kyc), so a date accepted in one place is
 * never refused in the other. Input is an already shape-checked ISO date
 * (YYYY-MM-DD, a real calendar day).
 */

/** Youngest age a person may state: the lowest digital-consent age in the EU (GDPR Art. 8). */
const MIN_AGE_YEARS = 16;
/** Oldest plausible age; anything above is a typo. */
const MAX_AGE_YEARS = 120;

/** Whole years between an ISO date and `now` (UTC calendar). */
function ageInYears(isoDate: string, now: Date): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) age -= 1;
  return age;
}

/** Why `isoDate` is not an acceptable date of birth, or undefined when it is. */
export function dateOfBirthProblem(isoDate: string, now = new Date()): string | undefined {
  if (isoDate >= now.toISOString().slice(0, 10)) return 'Must be in the past.';
  const age = ageInYears(isoDate, now);
  if (age < MIN_AGE_YEARS || age > MAX_AGE_YEARS) return `The age must be between ${MIN_AGE_YEARS} and ${MAX_AGE_YEARS} years.`;
  return undefined;
}
