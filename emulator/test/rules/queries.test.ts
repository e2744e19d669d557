/**
 * List queries: rules are not filters. Each row: [what, rules (match
 * blocks), query, expected, the documented behaviour it checks].
 * QUERY = https://firebase.google.com/docs/firestore/security/rules-query
 */
import type { Filter, StructuredQuery } from '../../src/types';
import { alice, compile, context, outcome, service, toValue } from './helpers';

const OPS: Record<string, string> = {
  '==': 'EQUAL', '!=': 'NOT_EQUAL', '<': 'LESS_THAN', '<=': 'LESS_THAN_OR_EQUAL', '>': 'GREATER_THAN', '>=': 'GREATER_THAN_OR_EQUAL',
  in: 'IN', 'not-in': 'NOT_IN', 'array-contains': 'ARRAY_CONTAINS', 'array-contains-any': 'ARRAY_CONTAINS_ANY',
};
const w = (field: string, op: string, value: unknown): Filter => ({ fieldFilter: { field: { fieldPath: field }, op: OPS[op]!, value: toValue(value) } });
const and = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'AND', filters } });
const or = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'OR', filters } });

interface Q { parent?: string; collection: string; group?: boolean; where?: Filter; limit?: number; offset?: number; orderBy?: [string, 'ASCENDING' | 'DESCENDING'][] }

function list(rules: string, q: Q): 'allow' | 'deny' {
  const query: StructuredQuery = {
    from: [{ collectionId: q.collection, ...(q.group ? { allDescendants: true } : {}) }],
    ...(q.where ? { where: q.where } : {}),
    ...(q.limit !== undefined ? { limit: { value: q.limit } } : {}),
    ...(q.offset !== undefined ? { offset: q.offset } : {}),
    ...(q.orderBy ? { orderBy: q.orderBy.map(([fieldPath, direction]) => ({ field: { fieldPath }, direction })) } : {}),
  };
  return outcome(compile(rules).authorizeQuery({ parent: q.parent ?? '', query }, context({ auth: alice })));
}

const owner = service('match /cases/{c} { allow list: if resource.data.uid == request.auth.uid; }');
const adult = service('match /people/{p} { allow list: if resource.data.age >= 18; }');
const notPrivate = service("match /posts/{p} { allow list: if resource.data.visibility != 'private'; }");
const limited = service('match /posts/{p} { allow list: if request.query.limit <= 10; }');

describe('list queries are authorized from their constraints', () => {
  test.each<[string, string, Q, 'allow' | 'deny', string]>([
    ['equality on the owner field', owner, { collection: 'cases', where: w('uid', '==', 'alice') }, 'allow', 'QUERY: secure queries by constraint'],
    ['no filter', owner, { collection: 'cases' }, 'deny', 'QUERY: rules are not filters'],
    ["another user's documents", owner, { collection: 'cases', where: w('uid', '==', 'bob') }, 'deny', 'QUERY'],
    ['in with only the caller', owner, { collection: 'cases', where: w('uid', 'in', ['alice']) }, 'allow', 'QUERY: in'],
    ['in with another user', owner, { collection: 'cases', where: w('uid', 'in', ['alice', 'bob']) }, 'deny', 'QUERY: the condition must hold for every document'],
    ['unrelated filter', owner, { collection: 'cases', where: w('status', '==', 'open') }, 'deny', 'QUERY'],
    ['extra filters do not hurt', owner, { collection: 'cases', where: and(w('uid', '==', 'alice'), w('status', '==', 'open')) }, 'allow', 'QUERY'],
    ['range proves range', adult, { collection: 'people', where: w('age', '>', 20) }, 'allow', 'QUERY: range filters'],
    ['range boundary inclusive', adult, { collection: 'people', where: w('age', '>=', 18) }, 'allow', 'QUERY'],
    ['range too wide', adult, { collection: 'people', where: w('age', '>=', 10) }, 'deny', 'QUERY'],
    ['upper bound only', adult, { collection: 'people', where: w('age', '<', 30) }, 'deny', 'QUERY'],
    ['equality within range', adult, { collection: 'people', where: w('age', '==', 30) }, 'allow', 'QUERY'],
    ['!= matches the rule', notPrivate, { collection: 'posts', where: w('visibility', '!=', 'private') }, 'allow', 'QUERY: not-equal'],
    ['not-in excludes the value', notPrivate, { collection: 'posts', where: w('visibility', 'not-in', ['private', 'draft']) }, 'allow', 'QUERY: not-in'],
    ['== another value', notPrivate, { collection: 'posts', where: w('visibility', '==', 'public') }, 'allow', 'QUERY'],
    ['unconstrained visibility', notPrivate, { collection: 'posts' }, 'deny', 'QUERY'],
    ['limit within the rule', limited, { collection: 'posts', limit: 5 }, 'allow', 'QUERY: request.query.limit'],
    ['limit above the rule', limited, { collection: 'posts', limit: 20 }, 'deny', 'QUERY: request.query.limit'],
    ['no limit', limited, { collection: 'posts' }, 'deny', 'QUERY: a query without limit fails a limit rule'],
    ['offset', service('match /posts/{p} { allow list: if request.query.offset <= 100; }'), { collection: 'posts', offset: 10 }, 'allow', 'REF rules.firestore.Request#query offset'],
    ['orderBy', service("match /posts/{p} { allow list: if request.query.orderBy['createdAt'] == 'DESC'; }"), { collection: 'posts', orderBy: [['createdAt', 'DESCENDING']] }, 'allow', 'REF rules.firestore.Request#query orderBy (README: our shape)'],
    ['array-contains proves membership', service("match /rooms/{r} { allow list: if request.auth.uid in resource.data.members; }"), { collection: 'rooms', where: w('members', 'array-contains', 'alice') }, 'allow', 'QUERY: array-contains'],
    ['array-contains-any does not', service("match /rooms/{r} { allow list: if request.auth.uid in resource.data.members; }"), { collection: 'rooms', where: w('members', 'array-contains-any', ['alice', 'bob']) }, 'deny', 'QUERY'],
    ['OR: every branch must be proven', owner, { collection: 'cases', where: or(w('uid', '==', 'alice'), w('uid', '==', 'bob')) }, 'deny', 'QUERY: OR queries'],
    ['OR: each branch proven by some part of the rule', service("match /cases/{c} { allow list: if resource.data.uid == request.auth.uid || resource.data.public == true; }"), { collection: 'cases', where: or(w('uid', '==', 'alice'), w('public', '==', true)) }, 'allow', 'QUERY: OR queries'],
    ['a condition on the document id cannot be proven', service("match /posts/{p} { allow list: if p == 'x'; }"), { collection: 'posts' }, 'deny', 'QUERY'],
    ['path variables of the parent are known', service('match /users/{u}/posts/{p} { allow list: if u == request.auth.uid; }'), { parent: 'users/alice', collection: 'posts' }, 'allow', 'QUERY: subcollection queries'],
    ["another user's subcollection", service('match /users/{u}/posts/{p} { allow list: if u == request.auth.uid; }'), { parent: 'users/bob', collection: 'posts' }, 'deny', 'QUERY'],
    ['every returned document exists', service('match /posts/{p} { allow list: if resource != null && request.query.limit <= 5; }'), { collection: 'posts', limit: 5 }, 'allow', 'QUERY: the condition is evaluated for documents the query returns'],
    ["v2 {x=**} covers the collection's own documents", service('match /a/{x}/{rest=**} { allow list: if true; }'), { collection: 'a' }, 'allow', 'STRUCT: v2 recursive wildcard matches zero or more segments'],
    ["v1 {x=**} does not", service('match /a/{x}/{rest=**} { allow list: if true; }', '1'), { collection: 'a' }, 'deny', 'STRUCT: v1 recursive wildcard matches one or more segments'],
    ['a number pinned by == may be int or float', service('match /p/{x} { allow list: if resource.data.n is int; }'), { collection: 'p', where: w('n', '==', 1) }, 'deny', 'REF rules#float: 1 == 1.0, so == 1 also returns 1.0'],
    ['a number pinned by == compares by value', service('match /p/{x} { allow list: if resource.data.n == 1.0 && resource.data.n is number; }'), { collection: 'p', where: w('n', '==', 1) }, 'allow', 'REF rules#float'],
    ['an upper bound on a number admits NaN', service('match /p/{x} { allow list: if resource.data.n < 40; }'), { collection: 'p', where: w('n', '<', 30) }, 'deny', 'QUERY; NaN sorts below numbers'],
    ['... unless NaN is excluded', service('match /p/{x} { allow list: if resource.data.n < 40; }'), { collection: 'p', where: and(w('n', '<', 30), { unaryFilter: { op: 'IS_NOT_NAN', field: { fieldPath: 'n' } } }) }, 'allow', 'QUERY'],
    ['read grants list', service('match /posts/{p} { allow read: if true; }'), { collection: 'posts' }, 'allow', 'STRUCT: read = get + list'],
    ['get does not grant list', service('match /posts/{p} { allow get: if true; }'), { collection: 'posts' }, 'deny', 'STRUCT: granular operations'],
    ['is on an in-constrained field', service('match /cases/{c} { allow list: if resource.data.uid is string; }'), { collection: 'cases', where: w('uid', 'in', ['a', 'b']) }, 'allow', 'LANG operators: is'],
    ['key presence from a filter', service("match /cases/{c} { allow list: if 'uid' in resource.data; }"), { collection: 'cases', where: w('uid', '==', 'alice') }, 'allow', 'REF rules.Map: in'],
    ['functions see symbolic arguments', service('function mine(u) { return u == request.auth.uid; }\n match /cases/{c} { allow list: if mine(resource.data.uid); }'), { collection: 'cases', where: w('uid', 'in', ['alice']) }, 'allow', 'LANG functions'],
    ['nested fields', service("match /cases/{c} { allow list: if resource.data.owner.uid == request.auth.uid; }"), { collection: 'cases', where: w('owner.uid', '==', 'alice') }, 'allow', 'QUERY: field paths'],
    ['get() from a list rule', service("match /orgs/{o}/docs/{d} { allow list: if get(/databases/$(database)/documents/orgs/$(o)).data.owner == request.auth.uid; }"), { parent: 'orgs/o1', collection: 'docs' }, 'deny', 'COND: get() of a missing document is null → error'],
  ])('%s → %s (%s)', (_n, rules, q, expected) => {
    expect(list(rules, q)).toBe(expected);
  });
});

describe('collection group queries (QUERY: collection group queries, rules_version 2)', () => {
  const group = (rules: string, where?: Filter): 'allow' | 'deny' => list(rules, { collection: 'events', group: true, ...(where ? { where } : {}) });
  test('a {path=**} rule covers the group', () => {
    expect(group(service('match /{path=**}/events/{e} { allow list: if resource.data.uid == request.auth.uid; }'), w('uid', '==', 'alice'))).toBe('allow');
  });
  test('the condition still has to be proven', () => {
    expect(group(service('match /{path=**}/events/{e} { allow list: if resource.data.uid == request.auth.uid; }'))).toBe('deny');
  });
  test('a rule for one parent collection does not cover the group', () => {
    expect(group(service('match /cases/{c}/events/{e} { allow list: if true; }'))).toBe('deny');
  });
  test("rules_version '1' never allows collection group queries", () => {
    expect(group(service('match /{path=**} { allow list: if true; }', '1'))).toBe('deny');
  });
  test('the path bound by {path=**} is unknown', () => {
    expect(group(service('match /{path=**}/events/{e} { allow list: if path == /cases; }'))).toBe('deny');
  });
});
