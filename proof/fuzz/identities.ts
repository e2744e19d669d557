/**
 * Who a fuzz request claims to be. Valid identities are labels resolved at
 * send time against the fixtures (tokens expire, so they are not baked into
 * generated requests); invalid credentials carry their generated value.
 */
import fc from 'fast-check';

export const VALID_IDENTITIES = ['user', 'support', 'admin', 'key-users', 'key-audit', 'key-all'] as const;
export const INVALID_IDENTITIES = [
  'anon',
  'bad-bearer',
  'bad-authorization',
  'bad-key',
  'expired-token',
  'disabled-user',
  'revoked-session',
  'key-revoked',
  'key-expired',
  'ambiguous',
] as const;

export type ValidIdentity = (typeof VALID_IDENTITIES)[number];
export type IdentityLabel = ValidIdentity | (typeof INVALID_IDENTITIES)[number];

export interface Identity {
  label: IdentityLabel;
  /** The generated credential of `bad-*` identities. */
  value?: string;
}

/** Who may pass authorization on each operation ('public': no authentication at all). */
export const ACCESS: Record<string, readonly ValidIdentity[] | 'public'> = {
  getHealth: 'public',
  getOpenApi: 'public',
  getDocs: 'public',
  signUp: 'public',
  kycWebhook: 'public',
  getMe: ['user', 'support', 'admin'],
  updateMe: ['user', 'support', 'admin'],
  eraseMe: ['user', 'support', 'admin'],
  exportMe: ['user', 'support', 'admin'],
  submitKyc: ['user', 'support', 'admin'],
  getMyKyc: ['user', 'support', 'admin'],
  adminListUsers: ['admin', 'key-users', 'key-all'],
  adminGetUser: ['admin'],
  adminUpdateUser: ['admin'],
  adminDeleteUser: ['admin'],
  createApiKey: ['admin'],
  listApiKeys: ['admin'],
  revokeApiKey: ['admin'],
  listAuditLogs: ['admin', 'key-audit', 'key-all'],
  listKycCases: ['admin', 'support'],
  getKycCase: ['admin', 'support'],
  decideKycCase: ['admin'],
};

/** True when the identity gets past authentication and authorization of the operation. */
export function isAuthorized(operationId: string, identity: Identity): boolean {
  const access = ACCESS[operationId];
  if (access === undefined) throw new Error(`no access rule for ${operationId}`);
  return access === 'public' || (access as readonly string[]).includes(identity.label);
}

const garbageToken = fc.oneof(
  fc.constantFrom('x', 'eyJhbGciOiJub25lIn0.e30.', 'a.b.c', '...', 'null', 'undefined', '0'.repeat(4096)),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,300}$/),
  fc.tuple(fc.base64String({ maxLength: 60 }), fc.base64String({ maxLength: 200 }), fc.base64String({ maxLength: 60 })).map((parts) => parts.join('.').replace(/[+/=]/g, '_')),
);

/** Header values Node will send: tab, printable ASCII and Latin-1. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((code) => code !== 0x7f).map((code) => String.fromCharCode(code)), maxLength: 80 }),
  fc.constantFrom('', ' ', '\t', 'x'.repeat(8000), 'null', '*', 'Bearer', 'Basic dXNlcjpwYXNz', 'é'),
);

const identityByLabel = (label: IdentityLabel): fc.Arbitrary<Identity> => {
  switch (label) {
    case 'bad-bearer':
      return garbageToken.map((value) => ({ label, value: `Bearer ${value}` }));
    case 'bad-authorization':
      return fc
        .oneof(headerValue, fc.constantFrom('bearer ', 'Bearer', 'Bearer  two words', 'Basic abc', 'Token x', 'Bearer\ta'))
        .filter((value) => !/^Bearer [A-Za-z0-9._-]+$/.test(value.trim()))
        .map((value) => ({ label, value }));
    case 'bad-key':
      return fc
        .oneof(headerValue, garbageToken.map((token) => `nffk_${token}`), fc.stringMatching(/^nffk_[0-9a-f]{16}_[A-Za-z0-9_-]{10,60}$/))
        .map((value) => ({ label, value }));
    default:
      return fc.constant({ label });
  }
};

/** Any identity, valid or not. */
export const anyIdentity: fc.Arbitrary<Identity> = fc.constantFrom<IdentityLabel>(...VALID_IDENTITIES, ...INVALID_IDENTITIES).chain(identityByLabel);

/** An identity that passes authorization of the operation (any identity for public ones). */
export function authorizedIdentity(operationId: string): fc.Arbitrary<Identity> {
  const access = ACCESS[operationId];
  return access === 'public' ? anyIdentity : fc.constantFrom(...access).map((label) => ({ label }));
}

/** An identity the operation refuses (401/403/400 ambiguous); none for public operations. */
export function refusedIdentity(operationId: string): fc.Arbitrary<Identity> | undefined {
  const access = ACCESS[operationId];
  if (access === 'public') return undefined;
  const refused = [...INVALID_IDENTITIES, ...VALID_IDENTITIES.filter((label) => !access.includes(label))];
  return fc.constantFrom<IdentityLabel>(...refused).chain(identityByLabel);
}
