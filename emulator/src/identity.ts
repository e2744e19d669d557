/**
 * Who is calling: the `authorization` request header (gRPC metadata or HTTP),
 * read the way the official Firestore emulator reads it.
 *
 * - `Bearer owner`: the privileged caller. firebase-admin and the Google
 *   Cloud server SDKs always send it to an emulator; @firebase/rules-unit-testing's
 *   withSecurityRulesDisabled() sends it too. Rules are never evaluated for it.
 * - `Bearer <JWT>`: an end user. The emulator does not verify signatures: the
 *   tokens it sees are unsigned (`alg: none`) — the client SDKs' mockUserToken
 *   and the Auth emulator's ID tokens — or real ones it has no keys for. The
 *   payload becomes `request.auth = { uid: sub (or user_id), token: claims }`.
 * - no header: `request.auth == null`.
 * A header that is present but unreadable is refused with UNAUTHENTICATED
 * rather than treated as anonymous, so a broken token never reads what an
 * anonymous caller may.
 */
import { status } from '@grpc/grpc-js';
import { RpcError } from './errors';
import type { RulesAuth } from './rules/api';

/** The caller of one request. */
export type Caller = { kind: 'owner' } | { kind: 'user'; auth: RulesAuth } | { kind: 'anonymous' };

const OWNER: Caller = { kind: 'owner' };
const ANONYMOUS: Caller = { kind: 'anonymous' };

/** Whether the header names the privileged caller (the hot path: no parsing). */
export function isOwner(authorization: string | undefined): boolean {
  return authorization === 'Bearer owner';
}

/**
 * Recently read headers: a client sends the same token on every call until
 * it refreshes it (about hourly), so decoding it once saves a base64 + JSON
 * parse per request. Bounded; cleared wholesale when full.
 */
const recent = new Map<string, Caller>();
const RECENT_MAX = 1024;

/** Reads the caller from an `authorization` header value; throws UNAUTHENTICATED when unreadable. */
export function callerOf(authorization: string | undefined): Caller {
  if (authorization === undefined || authorization === '') return ANONYMOUS;
  const known = recent.get(authorization);
  if (known) return known;
  const caller = readCaller(authorization);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(authorization, caller);
  return caller;
}

function readCaller(authorization: string): Caller {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) throw unauthenticated('the authorization header is not "Bearer <token>"');
  const token = m[1]!;
  if (token === 'owner') return OWNER;
  const parts = token.split('.');
  if (parts.length < 2 || parts.length > 3) throw unauthenticated('the bearer token is not a JWT');
  const header = decodeSegment(parts[0]!);
  const claims = decodeSegment(parts[1]!);
  if (!header || !claims) throw unauthenticated('the bearer token is not a JWT with a JSON header and payload');
  const uid = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : claims.user_id;
  if (typeof uid !== 'string' || uid === '') throw unauthenticated('the bearer token has no "sub" or "user_id" claim');
  return { kind: 'user', auth: { uid, token: claims } };
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function unauthenticated(why: string): RpcError {
  return new RpcError(status.UNAUTHENTICATED, `Unauthenticated: ${why}`);
}
