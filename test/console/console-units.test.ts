/**
 * Pure parts of the console and of its local Hosting setup: the audit diff
 * (console/src/diff.ts), the second factor's words (console/src/mfa-text.ts) and the CSP adjustment for the Auth emulator
 * (scripts/src/hosting.ts). Need no stack (NFF_TEST_STACK=off works).
 */
import { diffSnapshots, flatten, showValue } from '../../console/src/diff';
import { allowAuthEmulatorInCsp } from '../../scripts/src/hosting';
import { describePhone, normalisePhone, secondFactorMessage } from '../../console/src/mfa-text';

describe('audit diff', () => {
  test('flattens nested objects to dotted paths, arrays as whole values', () => {
    expect([...flatten({ a: { b: 1, c: [1, 2] }, d: null })]).toEqual([
      ['a.b', 1],
      ['a.c', [1, 2]],
      ['d', null],
    ]);
  });

  test('reports added, removed and changed fields, sorted by path', () => {
    const rows = diffSnapshots({ status: 'active', roles: ['support'], old: 1 }, { status: 'disabled', roles: ['support'], added: true });
    expect(rows).toEqual([
      { path: 'added', before: undefined, after: true, kind: 'added' },
      { path: 'old', before: 1, after: undefined, kind: 'removed' },
      { path: 'status', before: 'active', after: 'disabled', kind: 'changed' },
    ]);
  });

  test('a creation (before null) lists every field as added; unchanged fields only on request', () => {
    expect(diffSnapshots(null, { a: 1 }).map((r) => r.kind)).toEqual(['added']);
    expect(diffSnapshots({ a: 1 }, { a: 1 })).toEqual([]);
    expect(diffSnapshots({ a: 1 }, { a: 1 }, true)).toEqual([{ path: 'a', before: 1, after: 1, kind: 'same' }]);
  });

  test('shows values as text', () => {
    expect(showValue('x')).toBe('x');
    expect(showValue(['a', 'b'])).toBe('["a","b"]');
    expect(showValue(undefined)).toBe('');
  });
});

describe('local hosting CSP', () => {
  test('adds the Auth emulator origin to connect-src only', () => {
    const hosting = {
      headers: [
        { source: '**', headers: [{ key: 'Content-Security-Policy', value: "default-src 'self'; connect-src 'self' https://x.test; frame-ancestors 'none'" }, { key: 'X-Frame-Options', value: 'DENY' }] },
      ],
    };
    allowAuthEmulatorInCsp(hosting, 'http://127.0.0.1:9099');
    expect(hosting.headers[0].headers[0].value).toBe("default-src 'self'; connect-src 'self' https://x.test http://127.0.0.1:9099; frame-ancestors 'none'");
    expect(hosting.headers[0].headers[1].value).toBe('DENY');
  });
});

describe('second factor', () => {
  test('phone numbers are normalised to E.164 or refused', () => {
    expect(normalisePhone('+44 7700 900123')).toBe('+447700900123');
    expect(normalisePhone('+1 (555) 012-3456')).toBe('+15550123456');
    expect(normalisePhone('07700 900123')).toBeNull();
    expect(normalisePhone('+0 123 4567')).toBeNull();
    expect(normalisePhone('+44 7700 9001234567890')).toBeNull();
  });

  test('Firebase Auth error codes become something a person can act on; unknown ones a generic message', () => {
    expect(secondFactorMessage({ code: 'auth/invalid-verification-code' })).toMatch(/code is not right/);
    expect(secondFactorMessage({ code: 'auth/unverified-email' })).toMatch(/email address must be verified/);
    expect(secondFactorMessage({ code: 'auth/something-new' })).toBe('The second-factor step failed. Try again.');
    expect(secondFactorMessage(null)).toBe('The second-factor step failed. Try again.');
  });

  test('a phone factor is shown by its name and number', () => {
    expect(describePhone({ displayName: 'work phone', phoneNumber: '+*******1234' })).toBe('work phone (+*******1234)');
    expect(describePhone({ displayName: null, phoneNumber: '+*******1234' })).toBe('+*******1234');
  });
});
