/**
 * The project's own /firestore.rules: it compiles, and grants/denies what
 * its header comment says (owner reads users/{uid}, kycCases, events; admins
 * read users; other users denied; no client writes; everything else denied).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { QueryRequest } from '../../src/rules';
import type { StructuredQuery } from '../../src/types';
import { compile, context, alice, bob, doc, outcome, toValue } from './helpers';

const rules = compile(readFileSync(path.join(__dirname, '../../../firestore.rules'), 'utf8'));
const docs = {
  'users/alice': { uid: 'alice', name: 'Alice' },
  'users/bob': { uid: 'bob' },
  'kycCases/c1': { uid: 'alice', status: 'pending' },
  'kycCases/c2': { uid: 'bob', status: 'approved' },
  'kycCases/c1/events/e1': { type: 'submitted' },
  'kycCases/c2/events/e2': { type: 'submitted' },
};
const admin = { uid: 'root', token: { roles: ['admin'] } };

function get(p: string, auth: typeof alice | null): 'allow' | 'deny' {
  const ctx = context({ auth, docs });
  const data = (docs as Record<string, Record<string, unknown>>)[p];
  return outcome(rules.authorizeDocument({ method: 'get', path: p, resource: data ? doc(p, data) : null }, ctx));
}

function list(parent: string, collectionId: string, where: StructuredQuery['where'], auth: typeof alice | null): 'allow' | 'deny' {
  const req: QueryRequest = { parent, query: { from: [{ collectionId }], ...(where ? { where } : {}) } };
  return outcome(rules.authorizeQuery(req, context({ auth, docs })));
}

const uidIs = (uid: string): StructuredQuery['where'] => ({ fieldFilter: { field: { fieldPath: 'uid' }, op: 'EQUAL', value: toValue(uid) } });

describe('firestore.rules (the project rules file)', () => {
  test.each([
    ['owner reads own profile', 'users/alice', alice, 'allow'],
    ['other user denied a profile', 'users/alice', bob, 'deny'],
    ['signed-out denied a profile', 'users/alice', null, 'deny'],
    ['admin reads any profile', 'users/bob', admin, 'allow'],
    ['owner reads own case', 'kycCases/c1', alice, 'allow'],
    ['other user denied a case', 'kycCases/c1', bob, 'deny'],
    ['owner reads own case events', 'kycCases/c1/events/e1', alice, 'allow'],
    ['other user denied case events', 'kycCases/c1/events/e1', bob, 'deny'],
    ['everything else denied', 'other/x', alice, 'deny'],
  ] as const)('get: %s', (_name, p, auth, expected) => {
    expect(get(p, auth)).toBe(expected);
  });

  test.each(['create', 'update', 'delete'] as const)('no client %s anywhere', (method) => {
    for (const p of ['users/alice', 'kycCases/c1', 'kycCases/c1/events/e1', 'other/x']) {
      const d = rules.authorizeDocument({ method, path: p, resource: null, requestResource: doc(p, { uid: 'alice' }) }, context({ auth: alice, docs }));
      expect(outcome(d)).toBe('deny');
    }
  });

  test.each([
    ['owner lists own cases (where uid == own uid)', '', 'kycCases', uidIs('alice'), alice, 'allow'],
    ['listing all cases is denied (rules are not filters)', '', 'kycCases', undefined, alice, 'deny'],
    ["listing another user's cases is denied", '', 'kycCases', uidIs('bob'), alice, 'deny'],
    ['owner lists the events of own case', 'kycCases/c1', 'events', undefined, alice, 'allow'],
    ["listing another user's case events is denied", 'kycCases/c2', 'events', undefined, alice, 'deny'],
    ['listing users is denied to a non-admin', '', 'users', undefined, alice, 'deny'],
    ['listing users is allowed to an admin', '', 'users', undefined, admin, 'allow'],
  ] as const)('list: %s', (_name, parent, coll, where, auth, expected) => {
    expect(list(parent, coll, where, auth)).toBe(expected);
  });
});
