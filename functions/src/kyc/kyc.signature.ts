/**
 * Verification of the KYC provider's webhook signature:
 *
 *   X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>[,v1=...]
 *
 * The MAC covers the timestamp, so a captured callback cannot be replayed
 * with a fresh `t`; timestamps more than five minutes off are refused; any
 * `v1` may match any accepted secret (two during a rotation). Always checked
 * against the raw body bytes, never re-serialised JSON. Pure: the caller
 * passes the clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Accepted clock difference between the provider and us, in seconds. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Why a signature was refused (logged, never sent back in detail). */
export type SignatureFailure = 'missing_header' | 'malformed_header' | 'stale_timestamp' | 'no_matching_signature' | 'no_secret_configured';

export type SignatureResult = { ok: true; timestamp: number } | { ok: false; reason: SignatureFailure };

/** Hex HMAC-SHA256 of `t + "." + rawBody`. */
export function computeSignature(secret: string, rawBody: Buffer | string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Parse `t=..,v1=..[,v1=..]`; exactly one numeric `t` and at least one well-formed `v1`. */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
  const timestamps: string[] = [];
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.split('=', 2).map((piece) => piece?.trim() ?? '');
    if (key === 't') timestamps.push(value);
    else if (key === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]) || signatures.length === 0) return undefined;
  return { timestamp: Number(timestamps[0]), signatures };
}

/** Check a signature header against the raw body and the accepted secrets at `nowSeconds`. */
export function verifyWebhookSignature(
  header: string | undefined,
  rawBody: Buffer | string,
  secrets: readonly string[],
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureResult {
  const usable = secrets.filter((secret) => secret.length > 0);
  if (usable.length === 0) return { ok: false, reason: 'no_secret_configured' };
  if (!header) return { ok: false, reason: 'missing_header' };
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed_header' };
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return { ok: false, reason: 'stale_timestamp' };
  for (const secret of usable) {
    const expected = Buffer.from(computeSignature(secret, rawBody, parsed.timestamp), 'hex');
    // Constant-time comparison: nothing leaks about how many bytes matched.
    if (parsed.signatures.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected))) {
      return { ok: true, timestamp: parsed.timestamp };
    }
  }
  return { ok: false, reason: 'no_matching_signature' };
}
