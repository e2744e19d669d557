/**
 * Resource-name helpers. Names are kept as the full strings Firestore uses
 * (projects/{p}/databases/{d}/documents/{a}/{b}...) because that is what the
 * wire carries; splitting happens only where structure is needed.
 */
import { invalidArgument } from './errors';

/** The parts of a document or parent resource name. */
export interface ParsedName {
  /** projects/{p}/databases/{d} */
  database: string;
  /** The path below `documents`, e.g. "users/u1" ('' for the root). */
  path: string;
}

/** Splits any name under projects/{p}/databases/{d}/documents. */
export function parseName(name: string): ParsedName {
  const m = /^(projects\/[^/]+\/databases\/[^/]+)\/documents(?:\/(.*))?$/.exec(name);
  if (!m) throw invalidArgument(`Invalid resource name: "${name}"`);
  return { database: m[1]!, path: m[2] ?? '' };
}

/** Parses a database name projects/{p}/databases/{d}. */
export function parseDatabaseName(name: string): { project: string; database: string } {
  const m = /^projects\/([^/]+)\/databases\/([^/]+)$/.exec(name);
  if (!m) throw invalidArgument(`Invalid database name: "${name}"`);
  return { project: m[1]!, database: m[2]! };
}

/** Checks that `name` is a document name (even number of path segments) in `database`. */
export function assertDocumentName(name: string, database?: string): ParsedName {
  const parsed = parseName(name);
  if (database !== undefined && parsed.database !== database) {
    throw invalidArgument(`Document "${name}" is not in database "${database}"`);
  }
  const segs = parsed.path === '' ? 0 : parsed.path.split('/').length;
  if (segs === 0 || segs % 2 !== 0 || parsed.path.split('/').some((s) => s === '')) {
    throw invalidArgument(`Invalid document name: "${name}"`);
  }
  for (const id of parsed.path.split('/')) assertValidId(id);
  return parsed;
}

/** Longest document or collection id Firestore accepts, in UTF-8 bytes. */
const MAX_ID_BYTES = 1_500;

/**
 * The documented constraints on document and collection ids
 * (firebase.google.com/docs/firestore/quotas#collections_documents_and_fields):
 * at most 1,500 bytes, not `.` or `..`, not reserved (`__.*__`).
 */
export function assertValidId(id: string): void {
  if (Buffer.byteLength(id, 'utf8') > MAX_ID_BYTES) throw invalidArgument(`Resource id "${id.slice(0, 40)}…" is longer than ${MAX_ID_BYTES} bytes.`);
  if (id === '.' || id === '..') throw invalidArgument(`Resource id "${id}" is invalid: an id cannot be . or ..`);
  assertIdNotReserved(id);
}

/**
 * Checks a query/list parent: the database root or a document path (even
 * number of segments, none empty or reserved) in `database`. Production
 * refuses a query under `a/__badpath__` with INVALID_ARGUMENT (pinned by
 * firebase-js-sdk database.test.ts "Listens are rejected remotely").
 */
export function assertParentName(name: string, database?: string): ParsedName {
  const parsed = parseName(name);
  if (database !== undefined && parsed.database !== database) {
    throw invalidArgument(`Parent "${name}" is not in database "${database}"`);
  }
  if (parsed.path === '') return parsed;
  const segs = parsed.path.split('/');
  if (segs.length % 2 !== 0 || segs.some((s) => s === '')) throw invalidArgument(`Invalid parent name: "${name}"`);
  for (const id of segs) assertValidId(id);
  return parsed;
}

/** `__id<int64>__`: the numeric ids Firestore itself issues; the one reserved shape clients may use. */
const NUMERIC_ID = /^__id-?\d+__$/;

/**
 * Firestore reserves ids matching `__.*__` (production answers
 * INVALID_ARGUMENT "Resource id ... is invalid because it is reserved"), except
 * the numeric ids `__id<int>__`, which stay valid (the Admin SDK's
 * recursiveDelete and the upstream system tests write them).
 */
export function assertIdNotReserved(id: string): void {
  if (id.length >= 4 && id.startsWith('__') && id.endsWith('__') && !NUMERIC_ID.test(id)) {
    throw invalidArgument(`Resource id "${id}" is invalid because it is reserved.`);
  }
}

/** The collection a document name lives in, and its id. */
export function splitDocumentName(name: string): { collection: string; id: string } {
  const i = name.lastIndexOf('/');
  return { collection: name.slice(0, i), id: name.slice(i + 1) };
}

/** The last segment of a path or name. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
