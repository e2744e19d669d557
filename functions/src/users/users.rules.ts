/**
 * Pure rules on profiles shared by the profile, account and admin use cases.
 */
import { ForbiddenError } from '../kernel/errors';
import type { AuditEntry } from '../audit/audit.repository';
import type { ProfileChanges } from './users.repository';
import type { Profile } from './users.schemas';

/** Profile with the changes applied (null removes a field). */
export function applyChanges(profile: Profile, changes: ProfileChanges): Profile {
  const next: Record<string, unknown> = { ...profile };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next as Profile;
}

/**
 * An audit entry as the data subject may see it (GDPR export): the caller's
 * own entries keep their actor; on entries where someone else acted on the
 * caller (an admin, support, an API key), that person's identity, IP and user
 * agent are their personal data, not the caller's, so the actor is reduced to
 * its type. System actors (triggers, the sweep) name no person and are kept.
 */
export function withoutStaffIdentity(entry: AuditEntry, uid: string): AuditEntry {
  if (entry.actor.id === uid) return entry;
  if (entry.actor.type === 'system') return { ...entry, actor: { type: 'system', id: entry.actor.id } };
  return { ...entry, actor: { type: entry.actor.type, id: 'staff' } };
}

/** /v1/me refuses profiles that are not active even if Auth still lets the token through. */
export function assertActive(profile: Profile): void {
  if (profile.status !== 'active') {
    throw new ForbiddenError(`This account is ${profile.status}.`, profile.status === 'disabled' ? 'ACCOUNT_DISABLED' : 'ACCOUNT_DELETED');
  }
}
