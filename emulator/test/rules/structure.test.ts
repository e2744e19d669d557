/**
 * Rules structure and request semantics: compile errors with positions,
 * match blocks and wildcards (rules_version 1 vs 2), OR across allows,
 * method expansion, functions, document access calls and their limits.
 * STRUCT = https://firebase.google.com/docs/firestore/security/rules-structure
 * COND = https://firebase.google.com/docs/firestore/security/rules-conditions
 * REF = https://firebase.google.com/docs/reference/rules/rules
 */
import { compileRules, type RulesMethod } from '../../src/rules';
import { alice, compile, context, doc, outcome, service } from './helpers';

function decide(rules: string, method: Exclude<RulesMethod, 'list'>, path: string, docs: Record<string, Record<string, unknown>> = {}, budget = 10): 'allow' | 'deny' {
  const r = compile(rules);
  const data = docs[path];
  return outcome(r.authorizeDocument({ method, path, resource: data ? doc(path, data) : null, requestResource: doc(path, { x: 1 }) }, context({ auth: alice, docs, budget })));
}

describe('compile errors carry 1-based line, column and a message', () => {
  test.each([
    ['missing semicolon', "service cloud.firestore {\n  match /a/{b} {\n    allow read: if true\n  }\n}", 4, 3, /expecting ';'/, 'STRUCT: allow statements end with ;'],
    ['unknown method', 'service cloud.firestore {\n  match /a/{b} { allow reed: if true; }\n}', 2, 24, /Unknown method 'reed'/, 'STRUCT: methods read, write, get, list, create, update, delete'],
    ['unterminated string', "service cloud.firestore {\n  match /a/{b} { allow read: if 'x; }\n}", 2, 33, /Unterminated string/, 'REF rules.String'],
    ['bad rules_version', "rules_version = '3';\nservice cloud.firestore {}", 1, 17, /rules_version/, "STRUCT: rules_version '1' or '2'"],
    ['other service', 'service firebase.storage { }', 1, 26, /cloud.firestore/, 'STRUCT: service cloud.firestore'],
    ['unknown function', 'service cloud.firestore {\n  match /a/{b} { allow read: if nope(); }\n}', 2, 33, /Function not found: 'nope'/, 'REF rules: functions must be defined'],
    ['unknown variable', 'service cloud.firestore {\n  match /a/{b} { allow read: if c == 1; }\n}', 2, 33, /Unknown variable 'c'/, 'STRUCT: path variables'],
    ['recursion', 'service cloud.firestore {\n  function f(x) { return g(x); }\n  function g(x) { return f(x); }\n  match /a/{b} { allow read: if f(1); }\n}', 2, 3, /Recursive/, 'LANG functions: recursion is not allowed'],
    ['wrong arity', 'service cloud.firestore {\n  function f(x) { return x; }\n  match /a/{b} { allow read: if f(1, 2); }\n}', 3, 34, /expects 1 argument/, 'LANG functions'],
    ['non-RE2 regex (backreference)', "service cloud.firestore {\n  match /a/{b} { allow read: if 'aa'.matches('(a)\\\\1'); }\n}", 2, 46, /Invalid RE2/, 'REF rules.String#matches: RE2 syntax'],
    ['non-RE2 regex (lookahead)', "service cloud.firestore {\n  match /a/{b} { allow read: if 'a'.matches('(?=a)a'); }\n}", 2, 45, /Invalid RE2/, 'REF rules.String#matches: RE2 syntax'],
    ['v1 recursive wildcard not last', "rules_version = '1';\nservice cloud.firestore {\n  match /{rest=**}/x/{y} { allow read; }\n}", 3, 3, /last path segment/, "STRUCT: recursive wildcards, version 1"],
    ['unknown method name', 'service cloud.firestore {\n  match /a/{b} { allow read: if request.path.bind({}); }\n}', 2, 46, /Method 'bind'/, 'README: path.bind is not supported'],
    ['unknown namespace function', 'service cloud.firestore {\n  match /a/{b} { allow read: if math.log(1.0) > 0; }\n}', 2, 38, /math.log/, 'REF rules.math: no log'],
    ['bad type after is', 'service cloud.firestore {\n  match /a/{b} { allow read: if 1 is integer; }\n}', 2, 38, /Unknown type 'integer'/, 'LANG operators: is'],
    ['triple-quoted string', "service cloud.firestore {\n  match /a/{b} { allow read: if '''x''' == 'x'; }\n}", 2, 33, /Triple-quoted/, 'README: unsupported'],
    ['int literal out of range', 'service cloud.firestore {\n  match /a/{b} { allow read: if 9223372036854775808 > 0; }\n}', 2, 33, /out of range/, 'REF rules#int: 64-bit'],
  ])('%s', (_n, content, line, column, message) => {
    const r = compileRules([{ name: 'firestore.rules', content }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toEqual({ line, column, message: expect.stringMatching(message) });
  });
});

test('pathological nesting is a compile error, not a crash (README: limits)', () => {
  const deep = '('.repeat(20000) + 'true' + ')'.repeat(20000);
  const r = compileRules([{ name: 'firestore.rules', content: `service cloud.firestore { match /a/{b} { allow read: if ${deep}; } }` }]);
  expect(r.ok).toBe(false);
});

describe('match blocks and wildcards', () => {
  test.each([
    ['{x=**} binds the rest of the path', service('match /{rest=**} { allow get: if rest == path("a/x"); }'), 'a/x', 'allow', 'STRUCT: recursive wildcard binds a path'],
    ['v2 {x=**} matches documents in subcollections', service('match /a/{rest=**} { allow get: if rest == path("b/c/d"); }'), 'a/b/c/d', 'allow', 'STRUCT: recursive wildcards'],
    ['v2 {x=**} binds zero segments', service('match /cities/{city}/{rest=**} { allow get: if rest == path(""); }'), 'cities/sf', 'allow', 'STRUCT: v2 matches the cities documents themselves'],
    ['v1 {x=**} needs at least one segment', service('match /cities/{city}/{rest=**} { allow get; }', '1'), 'cities/sf', 'deny', 'STRUCT: v1 recursive wildcard matches one or more'],
    ['v1 {x=**} matches deeper documents', service('match /cities/{city}/{rest=**} { allow get; }', '1'), 'cities/sf/landmarks/l1', 'allow', 'STRUCT: v1'],
    ['v2 {x=**} in the middle', service('match /{p=**}/events/{e} { allow get: if p == path("cases/c1"); }'), 'cases/c1/events/e1', 'allow', 'STRUCT: collection-group style rules'],
    ['partial match does not apply', service('match /users/{u} { allow get; }'), 'users/u1/posts/p1', 'deny', 'STRUCT: a match applies to documents, not subcollections'],
    ['nested blocks concatenate', service('match /users/{u} { match /posts/{p} { allow get: if u == "u1" && p == "p1"; } }'), 'users/u1/posts/p1', 'allow', 'STRUCT: nested match'],
    ['OR across blocks', service('match /a/{b} { allow get: if false; }\n match /{d=**} { allow get: if true; }'), 'a/x', 'allow', 'STRUCT: overlapping match statements, any allow grants'],
    ['OR across allows in one block', service('match /a/{b} { allow get: if false; allow get: if b == "x"; }'), 'a/x', 'allow', 'STRUCT: multiple allows'],
    ['an erroring allow does not stop others', service('match /a/{b} { allow get: if resource.data.nope; allow get: if true; }'), 'a/x', 'allow', 'COND: errors deny only that allow'],
    ['an erroring condition denies', service('match /a/{b} { allow get: if resource.data.nope == 1; }'), 'a/x', 'deny', 'COND: error → deny'],
    ['allow without condition', service('match /a/{b} { allow get; }'), 'a/x', 'allow', 'REF rules: allow without condition always allows'],
    ['no matching block denies', service('match /a/{b} { allow get; }'), 'b/x', 'deny', 'STRUCT: default deny'],
  ])('%s', (_n, rules, p, expected) => {
    expect(decide(rules, 'get', p, { [p]: { v: 1 } })).toBe(expected);
  });

  test.each([
    ['read', 'get', 'allow'], ['read', 'create', 'deny'],
    ['write', 'create', 'allow'], ['write', 'update', 'allow'], ['write', 'delete', 'allow'], ['write', 'get', 'deny'],
    ['create, delete', 'delete', 'allow'], ['create, delete', 'update', 'deny'],
  ] as const)('allow %s covers %s: %s (STRUCT: granular operations)', (methods, method, expected) => {
    expect(decide(service(`match /a/{b} { allow ${methods}; }`), method, 'a/x', { 'a/x': {} })).toBe(expected);
  });
});

describe('functions', () => {
  test('call depth is limited to 20 (REF limits: function call depth)', () => {
    const chain = Array.from({ length: 22 }, (_, i) => `function f${i}() { return ${i === 21 ? 'true' : `f${i + 1}()`}; }`).join('\n');
    expect(decide(service(`${chain}\n match /a/{b} { allow get: if f0(); }`), 'get', 'a/x')).toBe('deny');
    expect(decide(service(`${chain}\n match /a/{b} { allow get: if f5(); }`), 'get', 'a/x')).toBe('allow');
  });
});

describe('document access calls (COND: access other documents; limits)', () => {
  const docs = { 'owners/x': { uid: 'alice' }, 'a/x': {} };
  test('get() reads the document; exists() tests it', () => {
    const rules = service('match /a/{b} { allow get: if get(/databases/$(database)/documents/owners/$(b)).data.uid == request.auth.uid && !exists(/databases/$(database)/documents/owners/nope); }');
    expect(decide(rules, 'get', 'a/x', docs)).toBe('allow');
  });
  test('getAfter()/existsAfter() see the request’s writes', () => {
    const r = compile(service('match /a/{b} { allow create: if getAfter(/databases/$(database)/documents/owners/$(b)).data.uid == "bob" && !existsAfter(/databases/$(database)/documents/owners/gone); }'));
    const ctx = context({ auth: alice, docs: { ...docs, 'owners/gone': {} }, after: { 'owners/x': { uid: 'bob' }, 'owners/gone': null } });
    expect(outcome(r.authorizeDocument({ method: 'create', path: 'a/x', resource: null, requestResource: doc('a/x', {}) }, ctx))).toBe('allow');
  });
  const reads = (n: number): string => Array.from({ length: n }, (_, i) => `exists(/databases/$(database)/documents/owners/d${i})`).join(' || ');
  test('the 11th distinct document of a single-document request is an error (deny)', () => {
    expect(decide(service(`match /a/{b} { allow get: if !(${reads(10)}); }`), 'get', 'a/x', docs, 10)).toBe('allow');
    expect(decide(service(`match /a/{b} { allow get: if !(${reads(11)}); }`), 'get', 'a/x', docs, 10)).toBe('deny');
  });
  test('a batch budget of 20 allows 20 reads', () => {
    expect(decide(service(`match /a/{b} { allow get: if !(${reads(20)}); }`), 'get', 'a/x', docs, 20)).toBe('allow');
  });
  test('the same document read twice counts once', () => {
    const ctx = context({ auth: alice, docs, budget: 1 });
    const r = compile(service('match /a/{b} { allow get: if exists(/databases/$(database)/documents/owners/x) && get(/databases/$(database)/documents/owners/x).data.uid == "alice"; }'));
    expect(outcome(r.authorizeDocument({ method: 'get', path: 'a/x', resource: doc('a/x', {}) }, ctx))).toBe('allow');
    expect(ctx.reads).toHaveLength(1);
    expect(ctx.budget.remaining).toBe(0);
  });
  test('a path outside /databases/{database}/documents is an error', () => {
    expect(decide(service('match /a/{b} { allow get: if exists(/other/x) || true; }'), 'get', 'a/x', docs)).toBe('allow');
    expect(decide(service('match /a/{b} { allow get: if !exists(/other/x); }'), 'get', 'a/x', docs)).toBe('deny');
  });
});

describe('wire documents convert lazily (issue 11 cost target)', () => {
  test('fields no expression reads are never converted', () => {
    const resource = doc('a/x', { uid: 'alice' });
    let touched = 0;
    Object.defineProperty(resource.fields!, 'huge', { enumerable: true, get: () => { touched++; return { stringValue: 'x'.repeat(1000) }; } });
    const r = compile(service('match /a/{b} { allow get: if resource.data.uid == request.auth.uid; }'));
    expect(outcome(r.authorizeDocument({ method: 'get', path: 'a/x', resource }, context({ auth: alice })))).toBe('allow');
    expect(touched).toBe(0);
  });
});

test('a malformed wire value denies instead of throwing (api.ts: anything undecidable is a deny)', () => {
  const resource = { name: 'projects/demo-rules/databases/(default)/documents/a/x', fields: { n: { integerValue: 'not-a-number' } } };
  const r = compile(service('match /a/{b} { allow get: if resource.data.n == 1 || true; }'));
  const d = r.authorizeDocument({ method: 'get', path: 'a/x', resource }, context({ auth: alice }));
  expect(d.allowed).toBe(false);
  expect(d.reason).toMatch(/evaluation failed/);
});
