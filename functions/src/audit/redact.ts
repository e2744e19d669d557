/**
 * PII redaction for audit entries and logs. Audit before/after snapshots keep
 * which fields changed and every non-personal value (roles, status, kycStatus),
 * while personal data (names, contact details, dates of birth, addresses,
 * identity documents) is replaced by a marker: the audit trail must outlive an
 * erasure request without holding the data the request erased.
 */
export const REDACTED = '[REDACTED]';

const PII_KEYS = new Set([
  'email',
  'displayName',
  'givenName',
  'familyName',
  'phoneNumber',
  'dateOfBirth',
  'address',
  'nationality',
  'document',
  'applicant',
  'firstName',
  'lastName',
  'password',
]);

/** A deep copy of `value` with every PII field's value replaced by REDACTED. */
export function redactPii(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPii);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = PII_KEYS.has(key) && inner !== undefined && inner !== null ? REDACTED : redactPii(inner);
  }
  return out;
}
