/**
 * Webhook signature verification, cross-checked with the mock provider's own
 * signer (mock-kyc/src/signature.ts): what the provider signs, we accept;
 * anything altered, stale or signed with an unknown secret, we refuse.
 */
import { buildSignatureHeader, signPayload } from '../../../mock-kyc/src/signature';
import { computeSignature, parseSignatureHeader, verifyWebhookSignature } from '../../src/kyc/kyc.signature';

const body = JSON.stringify({ id: 'evt_1', type: 'kyc.check.completed', caseId: 'kc_1', review: { answer: 'GREEN', labels: [] } });
const now = 1_760_000_000;

describe('verifyWebhookSignature', () => {
  it('computes the same HMAC as the provider', () => {
    expect(computeSignature('s3cret', body, now)).toBe(signPayload('s3cret', body, now));
    expect(computeSignature('s3cret', Buffer.from(body), now)).toBe(signPayload('s3cret', body, now));
  });

  it('accepts a header built by the provider, from the raw bytes', () => {
    const header = buildSignatureHeader('s3cret', body, now);
    expect(verifyWebhookSignature(header, Buffer.from(body), ['s3cret'], now)).toEqual({ ok: true, timestamp: now });
  });

  it('accepts either secret during a rotation, and either v1 the provider sends', () => {
    const withOld = buildSignatureHeader('old', body, now);
    const withBoth = buildSignatureHeader(['new', 'old'], body, now);
    expect(verifyWebhookSignature(withOld, body, ['new', 'old'], now).ok).toBe(true);
    expect(verifyWebhookSignature(withBoth, body, ['old'], now).ok).toBe(true);
    expect(verifyWebhookSignature(withBoth, body, ['new'], now).ok).toBe(true);
  });

  it('refuses an unknown secret', () => {
    const header = buildSignatureHeader('attacker', body, now);
    expect(verifyWebhookSignature(header, body, ['s3cret', 'other'], now)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('refuses a body changed after signing (even only re-serialised)', () => {
    const header = buildSignatureHeader('s3cret', body, now);
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    expect(verifyWebhookSignature(header, reformatted, ['s3cret'], now).ok).toBe(false);
    expect(verifyWebhookSignature(header, body.replace('GREEN', 'RED'), ['s3cret'], now).ok).toBe(false);
  });

  it('refuses timestamps more than five minutes off, either way', () => {
    const old = buildSignatureHeader('s3cret', body, now - 301);
    const future = buildSignatureHeader('s3cret', body, now + 301);
    const edge = buildSignatureHeader('s3cret', body, now - 300);
    expect(verifyWebhookSignature(old, body, ['s3cret'], now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyWebhookSignature(future, body, ['s3cret'], now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyWebhookSignature(edge, body, ['s3cret'], now).ok).toBe(true);
  });

  it('refuses a replayed signature with a fresh timestamp (t is inside the MAC)', () => {
    const v1 = signPayload('s3cret', body, now - 3600);
    expect(verifyWebhookSignature(`t=${now},v1=${v1}`, body, ['s3cret'], now)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it.each([
    [undefined, 'missing_header'],
    ['', 'missing_header'],
    ['v1=abc', 'malformed_header'],
    [`t=${now}`, 'malformed_header'],
    [`t=${now},t=${now},v1=${'a'.repeat(64)}`, 'malformed_header'],
    [`t=soon,v1=${'a'.repeat(64)}`, 'malformed_header'],
  ])('refuses header %p (%s)', (header, reason) => {
    expect(verifyWebhookSignature(header, body, ['s3cret'], now)).toEqual({ ok: false, reason });
  });

  it('refuses everything when no secret is configured', () => {
    expect(verifyWebhookSignature(buildSignatureHeader('', body, now), body, [''], now)).toEqual({ ok: false, reason: 'no_secret_configured' });
  });

  it('ignores unknown schemes next to v1', () => {
    const header = `${buildSignatureHeader('s3cret', body, now)},v2=whatever`;
    expect(parseSignatureHeader(header)?.signatures).toHaveLength(1);
    expect(verifyWebhookSignature(header, body, ['s3cret'], now).ok).toBe(true);
  });
});
