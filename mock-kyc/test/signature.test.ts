import { createHmac } from 'node:crypto';
import { buildSignatureHeader, checkSignature, parseSignatureHeader, signPayload, verifySignature } from '../src/signature';

const SECRET = 'demo-nff-local-webhook-secret';
const NEXT = 'demo-nff-local-webhook-secret-next';
const BODY = '{"id":"evt_1","type":"kyc.check.completed"}';
const T = 1_700_000_000;

describe('signPayload', () => {
  it('is the hex HMAC-SHA256 of "t.rawBody"', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signPayload(SECRET, BODY, T)).toBe(expected);
    expect(signPayload(SECRET, Buffer.from(BODY), T)).toBe(expected);
  });

  it('matches a fixed vector (guards against accidental format changes)', () => {
    expect(signPayload('k', 'b', 1)).toBe(createHmac('sha256', 'k').update('1.b').digest('hex'));
    expect(signPayload('k', 'b', 1)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verifySignature', () => {
  const header = buildSignatureHeader(SECRET, BODY, T);

  it('accepts a valid header within tolerance, at both edges', () => {
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, BODY, SECRET, T)).toBe(true);
    expect(verifySignature(header, BODY, [SECRET], T + 300)).toBe(true);
    expect(verifySignature(header, BODY, [SECRET], T - 300)).toBe(true);
  });

  it('refuses stale or future timestamps', () => {
    expect(checkSignature(header, BODY, SECRET, T + 301)).toEqual({ ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' });
    expect(verifySignature(header, BODY, SECRET, T - 301)).toBe(false);
    expect(verifySignature(header, BODY, SECRET, T + 50, 10)).toBe(false);
  });

  it('refuses a tampered body, a wrong secret, and a re-stamped header', () => {
    expect(verifySignature(header, BODY.replace('evt_1', 'evt_2'), SECRET, T)).toBe(false);
    expect(checkSignature(header, BODY, 'other', T)).toEqual({ ok: false, reason: 'NO_MATCHING_SIGNATURE' });
    expect(verifySignature(header.replace(`t=${T}`, `t=${T + 1}`), BODY, SECRET, T)).toBe(false);
    expect(verifySignature(header, BODY, [], T)).toBe(false);
  });

  it('sends one v1 per secret during a rotation and accepts either', () => {
    const rotating = buildSignatureHeader([SECRET, NEXT], BODY, T);
    expect(parseSignatureHeader(rotating)?.v1).toHaveLength(2);
    expect(verifySignature(rotating, BODY, SECRET, T)).toBe(true);
    expect(verifySignature(rotating, BODY, NEXT, T)).toBe(true);
    expect(verifySignature(rotating, BODY, ['unrelated', NEXT], T)).toBe(true);
  });

  it('reports missing and malformed headers', () => {
    expect(checkSignature(undefined, BODY, SECRET, T)).toEqual({ ok: false, reason: 'MISSING_HEADER' });
    expect(checkSignature('', BODY, SECRET, T)).toEqual({ ok: false, reason: 'MISSING_HEADER' });
    for (const bad of ['garbage', `t=${T}`, 'v1=abc', `t=abc,v1=${'a'.repeat(64)}`, `t=${T},t=${T},v1=${'a'.repeat(64)}`]) {
      expect(checkSignature(bad, BODY, SECRET, T)).toEqual({ ok: false, reason: 'MALFORMED_HEADER' });
    }
  });

  it('tolerates spaces, upper-case hex and unknown schemes', () => {
    const sig = signPayload(SECRET, BODY, T);
    expect(verifySignature(`t=${T}, v0=zzz, v1=${sig.toUpperCase()}`, BODY, SECRET, T)).toBe(true);
  });
});
