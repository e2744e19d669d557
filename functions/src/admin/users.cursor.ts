/**
 * Opaque cursors of GET /v1/admin/users: base64url JSON of
 *   { t: 'users', f: <filter fingerprint>, k: <last key> }
 * where the key is [uid], or [email, uid] when the listing is ordered by
 * email (emailPrefix filter). The fingerprint binds a cursor to the filters it
 * was issued for, so a cursor from another listing, another filter set or
 * another endpoint is refused (400 INVALID_CURSOR) instead of silently
 * skipping or repeating users.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../errors';

const MAX_CURSOR_LENGTH = 1024;
/**
 * Firebase uids: up to 128 characters. As document ids they can never contain
 * '/', be '.' or '..', or look like `__x__` (Firestore refuses those, which
 * would surface as a 500).
 */
export const UID_PATTERN = /^(?!\.\.?$)(?!__.*__$)[^/\s]{1,128}$/;
const CursorSchema = z.strictObject({
  t: z.literal('users'),
  f: z.string().regex(/^[0-9a-f]{16}$/),
  k: z.array(z.string().min(1).max(1024)).min(1).max(2),
});

/** Stable fingerprint of the filters a listing uses. */
export function filterFingerprint(filters: Record<string, string | undefined>): string {
  const canonical = Object.keys(filters)
    .sort()
    .map((key) => [key, filters[key] ?? null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

export function encodeUsersCursor(fingerprint: string, key: string[]): string {
  return Buffer.from(JSON.stringify({ t: 'users', f: fingerprint, k: key })).toString('base64url');
}

/** The last key encoded in `cursor`, checked against the listing's filters and key length. */
export function decodeUsersCursor(cursor: string, fingerprint: string, keyLength: number): string[] {
  const invalid = new ValidationError(
    'The cursor is malformed or belongs to another listing; start again without a cursor.',
    [{ path: 'query.cursor', message: 'Invalid cursor.' }],
    'INVALID_CURSOR',
  );
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const parsed = CursorSchema.safeParse(value);
  if (!parsed.success || parsed.data.f !== fingerprint || parsed.data.k.length !== keyLength) throw invalid;
  // The last element is a document id: Firestore refuses ids with '/' (which would be a 500).
  if (!UID_PATTERN.test(parsed.data.k[keyLength - 1])) throw invalid;
  return parsed.data.k;
}
