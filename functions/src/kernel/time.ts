/**
 * Timestamp ↔ ISO-8601 conversion, the one rule every repository applies at
 * its boundary: Firestore stores Timestamps, everything above the
 * repositories speaks ISO-8601 strings in UTC (what Date#toISOString writes).
 */
import { Timestamp } from 'firebase-admin/firestore';

/** A stored Timestamp as ISO-8601; undefined for anything else (a missing or malformed field). */
export function isoOf(value: unknown): string | undefined {
  return value instanceof Timestamp ? value.toDate().toISOString() : undefined;
}

/** An ISO-8601 instant (or a Date) as a Timestamp to store. */
export function timestampOf(value: string | Date): Timestamp {
  return Timestamp.fromDate(value instanceof Date ? value : new Date(value));
}

/**
 * Deep copy of stored data as plain JSON, Timestamps as ISO strings (the GDPR
 * export and the admin view copy case documents out this way).
 */
export function plainJson(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plainJson);
  if (value !== null && typeof value === 'object') {
    const constructorName = (value as object).constructor?.name;
    // GeoPoint, DocumentReference, Bytes...: not used by our models; stringify defensively.
    if (constructorName !== 'Object') return String(value);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, plainJson(inner)]));
  }
  return value;
}
