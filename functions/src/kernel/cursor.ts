/**
 * Opaque pagination cursors, shared by every listing (admin users, audit log,
 * API keys, KYC review queue): base64url JSON of
 *   { t: <listing>, f: <filter fingerprint>, k: <last key> }
 * where the key is the sort position of the last returned item (the values
 * its query orders by, ending with the document id).
 *
 * The listing name and the fingerprint bind a cursor to the endpoint and the
 * filters it was issued for: a cursor from another listing or another filter
 * set would resume at a position that means nothing there, silently skipping
 * or repeating items, so it is refused. Every key is checked against the
 * listing's key schema before it reaches Firestore, so a forged cursor can
 * never make startAfter() throw (a 500): anything we did not issue is a 400
 * INVALID_CURSOR.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from './errors';

/** Longer than any cursor we issue; bounds the work spent on a forged one. */
const MAX_CURSOR_LENGTH = 2048;

/**
 * A Firestore document id as the last key element: never contains '/', is
 * never '.' or '..' and never looks like `__x__` (Firestore refuses those).
 */
export const CursorDocumentIdSchema = z.string().regex(/^(?!\.\.?$)(?!__.*__$)[^/]{1,1500}$/);

/** Seconds of a Firestore Timestamp (which ends at 9999-12-31T23:59:59Z). */
const CursorSecondsSchema = z.number().int().min(-62_135_596_800).max(253_402_300_799);
/** Nanoseconds of a Firestore Timestamp. */
const CursorNanosSchema = z.number().int().min(0).max(999_999_999);

/** A full-precision timestamp and document id (entries written in the same millisecond stay apart). */
const TimestampPositionKeySchema = z.tuple([CursorSecondsSchema, CursorNanosSchema, CursorDocumentIdSchema]);

/** Where a page ordered by a Timestamp and the document id ended. */
export interface TimestampPosition {
  seconds: number;
  nanos: number;
  id: string;
}

/** Filter values that identify a listing's result set (undefined = filter not used). */
export type CursorFilters = Record<string, string | number | boolean | null | undefined>;

/** Which listing, with which filters, a cursor belongs to. */
export interface CursorScope {
  listing: string;
  filters?: CursorFilters;
}

const EnvelopeSchema = z.strictObject({
  t: z.string(),
  f: z.string().regex(/^[0-9a-f]{16}$/),
  k: z.array(z.unknown()).min(1).max(4),
});

/** Stable fingerprint of the filters (key order and unused filters do not matter). */
function fingerprint(filters: CursorFilters = {}): string {
  const canonical = Object.keys(filters)
    .filter((key) => filters[key] !== undefined)
    .sort()
    .map((key) => [key, filters[key]]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

/** The cursor resuming `scope` after the item at `key`. */
export function encodeCursor(scope: CursorScope, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify({ t: scope.listing, f: fingerprint(scope.filters), k: key })).toString('base64url');
}

/**
 * The key encoded in `cursor`, checked against the scope and `keySchema`.
 * @throws ValidationError 400 INVALID_CURSOR for anything this listing did not issue.
 */
export function decodeCursor<K>(cursor: string, scope: CursorScope, keySchema: z.ZodType<K>): K {
  const invalid = new ValidationError(
    'The cursor is malformed or belongs to another listing or other filters; pass `nextCursor` of the previous page unchanged, with the same filters.',
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
  const envelope = EnvelopeSchema.safeParse(value);
  if (!envelope.success || envelope.data.t !== scope.listing || envelope.data.f !== fingerprint(scope.filters)) throw invalid;
  const key = keySchema.safeParse(envelope.data.k);
  if (!key.success) throw invalid;
  return key.data;
}

/** Decode a [seconds, nanos, id] cursor into a position. */
export function decodeTimestampCursor(cursor: string, scope: CursorScope): TimestampPosition {
  const [seconds, nanos, id] = decodeCursor(cursor, scope, TimestampPositionKeySchema);
  return { seconds, nanos, id };
}

/** Encode a position of a listing ordered by a Timestamp and the document id. */
export function encodeTimestampCursor(scope: CursorScope, position: TimestampPosition): string {
  return encodeCursor(scope, [position.seconds, position.nanos, position.id]);
}
