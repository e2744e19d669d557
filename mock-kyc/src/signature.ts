/**
 * Webhook signatures, Stripe-style:
 *
 *   X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>[,v1=...]
 *
 * The timestamp is inside the MAC so a captured request cannot be replayed
 * later with a fresh `t`; several `v1` entries let a receiver accept either
 * secret while one rotates. Pure functions: no clock, no I/O — callers pass
 * `nowSeconds` so tests and the functions' own copy can be cross-checked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Name of the signature header on every callback. */
export const SIGNATURE_HEADER = 'X-Signature';

/** Default accepted clock difference between signer and verifier, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `t + "." + rawBody` under `secret`. */
export function signPayload(secret: string, rawBody: string | Buffer, t: number): string {
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

/** Build the full header value, one `v1` per secret (the first secret first). */
export function buildSignatureHeader(secrets: string | readonly string[], rawBody: string | Buffer, t: number): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return [`t=${t}`, ...list.map((s) => `v1=${signPayload(s, rawBody, t)}`)].join(',');
}

/** A parsed signature header. */
export interface ParsedSignature {
  t: number;
  v1: string[];
}

/**
 * Parse `t=...,v1=...`. Returns null when there is no single valid `t` or no
 * `v1`. Unknown schemes (e.g. a future `v2`) are ignored for forward compatibility.
 */
export function parseSignatureHeader(header: string): ParsedSignature | null {
  let t: number | undefined;
  let tCount = 0;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      tCount += 1;
      if (/^\d{1,12}$/.test(value)) t = Number(value);
    } else if (key === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) {
      v1.push(value.toLowerCase());
    }
  }
  // Two `t` values would make it ambiguous which one was signed.
  if (t === undefined || tCount !== 1 || v1.length === 0) return null;
  return { t, v1 };
}

/** Why a signature was refused. */
export type SignatureFailure = 'MISSING_HEADER' | 'MALFORMED_HEADER' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'NO_MATCHING_SIGNATURE';

/** Outcome of {@link checkSignature}. */
export type SignatureCheck = { ok: true; t: number } | { ok: false; reason: SignatureFailure };

/**
 * Verify a header against the raw body (bytes as received, never re-serialised
 * JSON) and any of the accepted secrets, with the reason on failure.
 */
export function checkSignature(
  header: string | undefined | null,
  rawBody: string | Buffer,
  secrets: string | readonly string[],
  nowSeconds: number,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'MISSING_HEADER' };
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: 'MALFORMED_HEADER' };
  if (Math.abs(nowSeconds - parsed.t) > toleranceSeconds) return { ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' };
  const list = (typeof secrets === 'string' ? [secrets] : secrets).filter((s) => s.length > 0);
  for (const secret of list) {
    const expected = Buffer.from(signPayload(secret, rawBody, parsed.t), 'hex');
    // Constant-time compare so the check leaks nothing about how many bytes matched.
    if (parsed.v1.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected))) return { ok: true, t: parsed.t };
  }
  return { ok: false, reason: 'NO_MATCHING_SIGNATURE' };
}

/** Boolean form of {@link checkSignature}: true when some `v1` matches some secret within the tolerance. */
export function verifySignature(
  header: string | undefined | null,
  rawBody: string | Buffer,
  secrets: string | readonly string[],
  nowSeconds: number,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  return checkSignature(header, rawBody, secrets, nowSeconds, toleranceSeconds).ok;
}
