/**
 * Opaque pagination cursors for the audit log: base64url JSON of the last
 * returned entry's position [seconds, nanos, id]. The full-precision timestamp
 * is kept (not the millisecond ISO string shown to clients) because entries
 * written in the same millisecond would otherwise be skipped between pages.
 */

/** Where a page ended: the last entry's timestamp and document id. */
export interface AuditPosition {
  seconds: number;
  nanos: number;
  id: string;
}

const MAX_CURSOR_LENGTH = 256;
const DOC_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Firestore timestamps end at 9999-12-31T23:59:59Z. */
const MAX_SECONDS = 253_402_300_799;

export function encodeCursor(position: AuditPosition): string {
  return Buffer.from(JSON.stringify([position.seconds, position.nanos, position.id])).toString('base64url');
}

/** The position, or undefined when the cursor is not one we issued. */
export function decodeCursor(cursor: string): AuditPosition | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [seconds, nanos, id] = value as unknown[];
  if (!Number.isSafeInteger(seconds) || (seconds as number) < 0 || (seconds as number) > MAX_SECONDS) return undefined;
  if (!Number.isInteger(nanos) || (nanos as number) < 0 || (nanos as number) > 999_999_999) return undefined;
  if (typeof id !== 'string' || !DOC_ID.test(id)) return undefined;
  return { seconds: seconds as number, nanos: nanos as number, id };
}
