/**
 * callerOf(): the authorization header as the official emulator reads it —
 * `Bearer owner` privileged, an unsigned JWT as request.auth, nothing as null.
 */
import { callerOf } from '../src/identity';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** The shape the Auth emulator and the SDKs' mockUserToken produce: alg none, empty signature. */
const unsigned = (claims: object): string => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;

describe('callerOf', () => {
  test.each([
    ['no header', undefined, { kind: 'anonymous' }],
    ['empty header', '', { kind: 'anonymous' }],
    ['Bearer owner (firebase-admin)', 'Bearer owner', { kind: 'owner' }],
  ])('%s', (_what, header, expected) => {
    expect(callerOf(header)).toEqual(expected);
  });

  test('an Auth emulator ID token: uid from sub, every claim in token', () => {
    const claims = { iss: 'https://securetoken.google.com/demo', sub: 'u1', user_id: 'u1', email: 'a@b.c', firebase: { sign_in_provider: 'password' }, roles: ['admin'] };
    expect(callerOf(`Bearer ${unsigned(claims)}`)).toEqual({ kind: 'user', auth: { uid: 'u1', token: claims } });
  });

  test('user_id when sub is absent; a signed token is read without verification', () => {
    const token = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ user_id: 'u2' })}.c2lnbmF0dXJl`;
    expect(callerOf(`Bearer ${token}`)).toMatchObject({ kind: 'user', auth: { uid: 'u2' } });
  });

  test.each([
    ['not Bearer', 'Basic dXNlcjpwYXNz'],
    ['not a JWT', 'Bearer garbage'],
    ['payload not JSON', `Bearer ${b64({ alg: 'none' })}.bm90IGpzb24.`],
    ['no uid', `Bearer ${unsigned({ email: 'x@y.z' })}`],
  ])('%s is UNAUTHENTICATED, never anonymous', (_what, header) => {
    expect(() => callerOf(header)).toThrow(expect.objectContaining({ code: 16 }));
  });
});
