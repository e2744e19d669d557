/**
 * API key administration: create (the secret is returned once and only its
 * SHA-256 is stored), list (never secrets or hashes), revoke (idempotent).
 * Every change is audited in the same write as the change itself.
 */
import { logger } from 'firebase-functions/logger';
import { NotFoundError, ValidationError } from '../kernel/errors';
import type { CallContext } from '../kernel/call-context';
import { decodeTimestampCursor, encodeTimestampCursor } from '../kernel/cursor';
import type { ApiKeyPrincipal } from '../kernel/principal';
import { generateApiKey, parseApiKey, secretMatches } from './apikeys.crypto';
import type { ApiKeyRecord, ApiKeysRepository } from './apikeys.repository';
import type { ApiKey, ApiKeyCreated, ApiKeyPage, CreateApiKey, ListApiKeysQuery } from './apikeys.schemas';

const DAY_MS = 24 * 60 * 60 * 1000;
/** lastUsedAt is written at most this often per key and instance. */
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
/** The key listing has no filters; the scope still keeps other listings' cursors out. */
const API_KEYS_LISTING = { listing: 'api-keys' };

function statusOf(record: ApiKeyRecord, now: number): ApiKey['status'] {
  if (record.revokedAt) return 'revoked';
  if (record.expiresAt && Date.parse(record.expiresAt) <= now) return 'expired';
  return 'active';
}

/** The listing view: everything but the hash. */
function toApiKey(record: ApiKeyRecord, now: number): ApiKey {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    scopes: record.scopes,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    expiresAt: record.expiresAt,
    lastUsedAt: record.lastUsedAt,
    revokedAt: record.revokedAt,
    revokedBy: record.revokedBy,
    status: statusOf(record, now),
  };
}

export class ApiKeysService {
  /** When this instance last wrote each key's lastUsedAt. */
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    private readonly apiKeys: () => ApiKeysRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The principal of a presented `X-API-Key`, or undefined when the key is
   * malformed, unknown, wrong, expired or revoked (authenticate() answers
   * 401 INVALID_API_KEY). Records lastUsedAt at most once a minute, without
   * waiting for it.
   */
  async verify(presented: string): Promise<ApiKeyPrincipal | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    const record = await this.apiKeys().get(parsed.keyId);
    const now = Date.now();
    if (!record || !secretMatches(parsed.secret, record.hash)) return undefined;
    if (record.revokedAt || (record.expiresAt && Date.parse(record.expiresAt) <= now)) return undefined;
    if (now - (this.lastUsedWrites.get(record.id) ?? 0) > LAST_USED_WRITE_INTERVAL_MS) {
      this.lastUsedWrites.set(record.id, now);
      this.apiKeys().touch(record.id, new Date(now)).catch((error: unknown) => {
        logger.warn('api_key_touch_failed', { keyId: record.id, error: String(error) });
      });
    }
    return { kind: 'apiKey', keyId: record.id, name: record.name, scopes: record.scopes };
  }

  async create(input: CreateApiKey, context: CallContext): Promise<ApiKeyCreated> {
    const now = this.now();
    let expiresAt: string | null = null;
    if (input.expiresAt !== undefined) {
      const at = new Date(input.expiresAt);
      if (at.getTime() <= now.getTime()) {
        throw new ValidationError('expiresAt must lie in the future.', [{ path: 'expiresAt', message: 'Must be a future instant.' }]);
      }
      expiresAt = at.toISOString();
    } else if (input.expiresInDays !== undefined) {
      expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString();
    }
    const generated = generateApiKey();
    const record = {
      id: generated.keyId,
      name: input.name,
      prefix: generated.prefix,
      hash: generated.hash,
      scopes: input.scopes,
      createdAt: now.toISOString(),
      createdBy: context.actor.id,
      expiresAt,
    };
    await this.apiKeys().create(record, { actor: context.actor, requestId: context.requestId });
    logger.info('api_key_created', { keyId: record.id, scopes: record.scopes, expiresAt, actorId: context.actor.id, requestId: context.requestId });
    const { id, name, prefix, scopes, createdAt, createdBy } = record;
    return { id, name, prefix, scopes, createdAt, createdBy, expiresAt, secret: generated.key };
  }

  async list(query: ListApiKeysQuery): Promise<ApiKeyPage> {
    const after = query.cursor === undefined ? undefined : decodeTimestampCursor(query.cursor, API_KEYS_LISTING);
    const page = await this.apiKeys().list({ limit: query.limit, after });
    const now = this.now().getTime();
    return { items: page.items.map((record) => toApiKey(record, now)), nextCursor: page.next ? encodeTimestampCursor(API_KEYS_LISTING, page.next) : null };
  }

  /** Revoke at once (authenticate() reads the key on every request); 404 API_KEY_NOT_FOUND. */
  async revoke(id: string, context: CallContext): Promise<void> {
    const outcome = await this.apiKeys().revoke(id, context.actor.id, this.now(), { actor: context.actor, requestId: context.requestId });
    if (outcome === 'not-found') throw new NotFoundError('No API key with this id.', 'API_KEY_NOT_FOUND');
    logger.info('api_key_revoked', { keyId: id, outcome, actorId: context.actor.id, requestId: context.requestId });
  }
}
