/**
 * API key format and hashing.
 *
 *   nffk_<keyId>_<secret>     keyId: 16 hex chars (the Firestore doc id)
 *                             secret: 43 base64url chars (32 random bytes)
 *
 * Only SHA-256(secret) is stored. A slow password hash (bcrypt, scrypt) buys
 * nothing here: the secret is 256 bits of randomness, not a guessable
 * password, and a fast hash keeps key checks off the request's critical path.
 * The key id in the key makes lookup a single document read; comparison is
 * constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^nffk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  keyId: string;
  secret: string;
  /** The full key shown to the admin once. */
  key: string;
  /** Non-secret prefix shown in listings to recognise a key. */
  prefix: string;
  hash: string;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, key: `nffk_${keyId}_${secret}`, prefix: `nffk_${keyId}`, hash: hashSecret(secret) };
}

/** Split a presented key, or undefined when it is not of our format. */
export function parseApiKey(presented: string): { keyId: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(presented);
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

/** Constant-time check of a presented secret against the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
