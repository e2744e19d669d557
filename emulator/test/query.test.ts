/** Unit tests of the pure query engine (no server). */
import type { Document, Filter, StructuredQuery, Value } from '../src/types';
import { QueryError, documentMatches, executeQuery, prepareQuery } from '../src/query';
import { executeAggregation } from '../src/aggregation';

const ROOT = 'projects/p/databases/(default)/documents';
const int = (n: number | string): Value => ({ integerValue: String(n) });
const dbl = (n: number): Value => ({ doubleValue: n });
const str = (s: string): Value => ({ stringValue: s });
const arr = (...values: Value[]): Value => ({ arrayValue: { values } });
const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });
const ref = (p: string): Value => ({ referenceValue: `${ROOT}/${p}` });
const NULL: Value = { nullValue: 'NULL_VALUE' };
const doc = (path: string, fields: Record<string, Value> = {}): Document => ({ name: `${ROOT}/${path}`, fields });

const ff = (fieldPath: string, op: string, value: Value): Filter =>
  ({ filterType: 'fieldFilter', fieldFilter: { field: { fieldPath }, op, value } });
const uf = (fieldPath: string, op: string): Filter =>
  ({ filterType: 'unaryFilter', unaryFilter: { op, field: { fieldPath }, operandType: 'field' } });
const and = (...filters: Filter[]): Filter => ({ filterType: 'compositeFilter', compositeFilter: { op: 'AND', filters } });
const or = (...filters: Filter[]): Filter => ({ filterType: 'compositeFilter', compositeFilter: { op: 'OR', filters } });
const asc = (fieldPath: string) => ({ field: { fieldPath }, direction: 'ASCENDING' });
const desc = (fieldPath: string) => ({ field: { fieldPath }, direction: 'DESCENDING' });

const users: Document[] = [
  doc('users/a', { age: int(30), name: str('Ann'), tags: arr(str('x'), str('y')), nested: map({ n: int(1) }) }),
  doc('users/b', { age: dbl(25.5), name: str('Bob'), tags: arr(str('y')) }),
  doc('users/c', { age: str('old'), name: str('Cy') }),
  doc('users/d', { age: NULL, name: str('Di'), tags: arr() }),
  doc('users/e', { age: dbl(NaN), name: str('Ed'), nested: map({ n: int(2) }) }),
  doc('users/f', { name: str('Fay') }),
  doc('users/g', { age: int(30), name: str('Gus'), tags: arr(str('z'), int(1)) }),
];
const others: Document[] = [
  doc('admins/a', { age: int(30) }),
  doc('users/a/users/sub', { age: int(99) }),
  doc('groups/g1/users/m', { age: int(1) }),
  doc('groups/g1/members/m', { age: int(2) }),
];
// Unsorted on purpose: the engine must not depend on input order.
const all: Document[] = [...others, ...users].reverse();

const q = (extra: Partial<StructuredQuery> = {}, collectionId = 'users'): StructuredQuery =>
  ({ from: [{ collectionId }], ...extra });
const ids = (docs: Document[]): string[] => docs.map((d) => d.name.slice(ROOT.length + 1));
const run = (extra: Partial<StructuredQuery>, parent = ROOT): string[] => ids(executeQuery(parent, q(extra), all));
const where = (f: Filter): string[] => run({ where: f });

describe('scope', () => {
  it('refuses a collection id containing "/" (Firestore does too)', () => {
    expect(() => run({ from: [{ collectionId: 'users/a/users' }] })).toThrow(QueryError);
  });

  it('returns only direct children of the collection under the parent, ordered by name', () => {
    expect(run({})).toEqual(['users/a', 'users/b', 'users/c', 'users/d', 'users/e', 'users/f', 'users/g']);
    expect(ids(executeQuery(`${ROOT}/users/a`, q(), all))).toEqual(['users/a/users/sub']);
  });

  it('collection group matches any depth under the parent by immediate collection id', () => {
    const cg = { from: [{ collectionId: 'users', allDescendants: true }] };
    expect(ids(executeQuery(ROOT, cg, all))).toEqual([
      'groups/g1/users/m', 'users/a', 'users/a/users/sub', 'users/b', 'users/c', 'users/d', 'users/e', 'users/f', 'users/g',
    ]);
    expect(ids(executeQuery(`${ROOT}/groups/g1`, cg, all))).toEqual(['groups/g1/users/m']);
  });

  it('kindless all-descendants query returns every document below the parent', () => {
    expect(ids(executeQuery(`${ROOT}/groups/g1`, { from: [{ allDescendants: true }] }, all)))
      .toEqual(['groups/g1/members/m', 'groups/g1/users/m']);
  });
});

describe('field filters', () => {
  it('EQUAL matches numerically across int/double and never matches missing fields', () => {
    expect(where(ff('age', 'EQUAL', dbl(30)))).toEqual(['users/a', 'users/g']);
    expect(where(ff('age', 'EQUAL', NULL))).toEqual(['users/d']);
    expect(where(ff('nested.n', 'EQUAL', int(2)))).toEqual(['users/e']);
    expect(where(ff('tags', 'EQUAL', arr(str('y'))))).toEqual(['users/b']);
  });

  it('NOT_EQUAL excludes missing and null fields', () => {
    expect(where(ff('age', 'NOT_EQUAL', int(30)))).toEqual(['users/e', 'users/b', 'users/c']);
  });

  it('range filters match only the operand type class', () => {
    expect(where(ff('age', 'GREATER_THAN', int(25)))).toEqual(['users/b', 'users/a', 'users/g']);
    expect(where(ff('age', 'GREATER_THAN_OR_EQUAL', int(30)))).toEqual(['users/a', 'users/g']);
    // NaN (users/e) sorts below every number but no range filter matches it.
    expect(where(ff('age', 'LESS_THAN', int(30)))).toEqual(['users/b']);
    expect(where(ff('age', 'LESS_THAN_OR_EQUAL', dbl(25.5)))).toEqual(['users/b']);
    expect(where(ff('age', 'LESS_THAN', dbl(NaN)))).toEqual([]);
    expect(where(ff('age', 'GREATER_THAN', str('')))).toEqual(['users/c']);
    expect(where(ff('age', 'LESS_THAN', str('zzz')))).toEqual(['users/c']);
  });

  it('IN and NOT_IN', () => {
    expect(where(ff('age', 'IN', arr(int(30), str('old'))))).toEqual(['users/a', 'users/c', 'users/g']);
    expect(where(ff('age', 'NOT_IN', arr(int(30), str('old'))))).toEqual(['users/e', 'users/b']);
    expect(where(ff('age', 'NOT_IN', arr(int(30), NULL)))).toEqual([]);
  });

  // Firestore semantics (pinned by the Firestore SDKs' integration tests
  // against the backend): null and NaN in an `in` / `array-contains-any` list
  // match nothing; in a `not-in` list, null makes the query empty and NaN
  // excludes NaN fields (like `!= NaN`, which the SDK sends as IS_NOT_NAN).
  it('IN never matches null or NaN fields through null / NaN elements', () => {
    expect(where(ff('age', 'IN', arr(int(30), NULL)))).toEqual(['users/a', 'users/g']);
    expect(where(ff('age', 'IN', arr(NULL)))).toEqual([]);
    expect(where(ff('age', 'IN', arr(dbl(25.5), dbl(NaN))))).toEqual(['users/b']);
    expect(where(ff('age', 'IN', arr(dbl(NaN))))).toEqual([]);
    expect(where(ff('age', 'IN', arr(str('old'), NULL, dbl(NaN))))).toEqual(['users/c']);
  });

  it('NOT_IN with NaN excludes NaN, the other elements, null and missing fields', () => {
    // Implicitly ordered by age: 25.5 < 'old' (users/a and g hold 30).
    expect(where(ff('age', 'NOT_IN', arr(dbl(NaN), int(30))))).toEqual(['users/b', 'users/c']);
    expect(where(ff('age', 'NOT_IN', arr(dbl(NaN))))).toEqual(['users/b', 'users/a', 'users/g', 'users/c']);
    expect(where(ff('age', 'NOT_IN', arr(int(30))))).toEqual(['users/e', 'users/b', 'users/c']);
    expect(where(ff('age', 'NOT_IN', arr(NULL)))).toEqual([]);
    expect(where(ff('age', 'NOT_IN', arr(dbl(NaN), NULL)))).toEqual([]);
  });

  it('raw EQUAL / NOT_EQUAL with a null or NaN operand mean IS_[NOT_]NULL / IS_[NOT_]NAN', () => {
    expect(where(ff('age', 'EQUAL', dbl(NaN)))).toEqual(where(uf('age', 'IS_NAN')));
    expect(where(ff('age', 'NOT_EQUAL', NULL))).toEqual(where(uf('age', 'IS_NOT_NULL')));
    expect(where(ff('age', 'NOT_EQUAL', dbl(NaN)))).toEqual(['users/b', 'users/a', 'users/g', 'users/c']);
  });

  it('array-contains / array-contains-any never match null or NaN elements', () => {
    const vals = [
      doc('v/n', { a: arr(NULL) }), doc('v/x', { a: arr(dbl(NaN)) }), doc('v/k', { a: arr(int(43), NULL) }),
    ];
    const matching = (f: Filter) => ids(executeQuery(ROOT, { from: [{ collectionId: 'v' }], where: f }, vals));
    expect(matching(ff('a', 'ARRAY_CONTAINS', NULL))).toEqual([]);
    expect(matching(ff('a', 'ARRAY_CONTAINS', dbl(NaN)))).toEqual([]);
    expect(matching(ff('a', 'ARRAY_CONTAINS_ANY', arr(NULL)))).toEqual([]);
    expect(matching(ff('a', 'ARRAY_CONTAINS_ANY', arr(int(43), NULL, dbl(NaN))))).toEqual(['v/k']);
  });

  it('ARRAY_CONTAINS and ARRAY_CONTAINS_ANY', () => {
    expect(where(ff('tags', 'ARRAY_CONTAINS', str('y')))).toEqual(['users/a', 'users/b']);
    expect(where(ff('tags', 'ARRAY_CONTAINS', dbl(1)))).toEqual(['users/g']);
    expect(where(ff('tags', 'ARRAY_CONTAINS_ANY', arr(str('x'), str('z'))))).toEqual(['users/a', 'users/g']);
    expect(where(ff('name', 'ARRAY_CONTAINS', str('Ann')))).toEqual([]);
  });

  it('filters on __name__ with references', () => {
    expect(where(ff('__name__', 'GREATER_THAN', ref('users/e')))).toEqual(['users/f', 'users/g']);
    expect(where(ff('__name__', 'IN', arr(ref('users/b'), ref('admins/a'))))).toEqual(['users/b']);
  });
});

describe('unary and composite filters', () => {
  it('IS_NULL / IS_NOT_NULL / IS_NAN / IS_NOT_NAN', () => {
    expect(where(uf('age', 'IS_NULL'))).toEqual(['users/d']);
    expect(where(uf('age', 'IS_NAN'))).toEqual(['users/e']);
    // Implicitly ordered by age: NaN < 25.5 < 30 < 'old'.
    expect(where(uf('age', 'IS_NOT_NULL'))).toEqual(['users/e', 'users/b', 'users/a', 'users/g', 'users/c']);
    expect(where(uf('age', 'IS_NOT_NAN'))).toEqual(['users/b', 'users/a', 'users/g', 'users/c']);
  });

  it('AND and nested OR', () => {
    expect(where(and(ff('age', 'EQUAL', int(30)), ff('tags', 'ARRAY_CONTAINS', str('z'))))).toEqual(['users/g']);
    expect(where(or(ff('name', 'EQUAL', str('Cy')), and(ff('age', 'EQUAL', int(30)), ff('name', 'EQUAL', str('Ann'))))))
      .toEqual(['users/a', 'users/c']);
    expect(where(or(uf('age', 'IS_NULL'), uf('age', 'IS_NAN')))).toEqual(['users/d', 'users/e']);
  });

  it('documentMatches checks scope and where only', () => {
    const query = q({ where: ff('age', 'EQUAL', int(30)), orderBy: [asc('missing')] });
    expect(documentMatches(ROOT, query, users[0]!)).toBe(true);
    expect(documentMatches(ROOT, query, users[1]!)).toBe(false);
    expect(documentMatches(ROOT, query, others[0]!)).toBe(false);
    expect(documentMatches(ROOT, query, others[1]!)).toBe(false);
  });
});

describe('ordering', () => {
  it('explicit order, __name__ tiebreak in the last direction, missing fields excluded', () => {
    expect(run({ orderBy: [desc('age')] })).toEqual(['users/c', 'users/g', 'users/a', 'users/b', 'users/e', 'users/d']);
    expect(run({ orderBy: [asc('age')] })).toEqual(['users/d', 'users/e', 'users/b', 'users/a', 'users/g', 'users/c']);
    expect(run({ orderBy: [asc('nested.n')] })).toEqual(['users/a', 'users/e']);
  });

  it('implicit inequality orders: lexicographic fields, last explicit direction, after explicit ones', () => {
    const both = and(ff('name', 'GREATER_THAN', str('A')), ff('age', 'NOT_EQUAL', str('x')));
    expect(prepareQuery(ROOT, q({ where: both })).orderBy.map((o) => o.fieldPath)).toEqual(['age', 'name', '__name__']);
    expect(prepareQuery(ROOT, q({ where: both, orderBy: [desc('name')] })).orderBy)
      .toEqual([
        { fieldPath: 'name', direction: 'DESCENDING' }, { fieldPath: 'age', direction: 'DESCENDING' },
        { fieldPath: '__name__', direction: 'DESCENDING' },
      ]);
    expect(run({ where: ff('name', 'LESS_THAN', str('Cz')), orderBy: [desc('age')] })).toEqual(['users/c', 'users/a', 'users/b']);
  });

  it('orders strings by UTF-8 bytes', () => {
    const docs = [doc('s/1', { v: str('\u{1F600}') }), doc('s/2', { v: str('\uFFFF') }), doc('s/3', { v: str('z') })];
    expect(ids(executeQuery(ROOT, q({ orderBy: [asc('v')] }, 's'), docs))).toEqual(['s/3', 's/2', 's/1']);
  });
});

describe('cursors, offset, limit', () => {
  const byAge = { orderBy: [asc('age')] }; // d(null) e(NaN) b(25.5) a(30) g(30) c('old')

  it('startAt/startAfter/endBefore/endAt with ties on a partial cursor', () => {
    expect(run({ ...byAge, startAt: { values: [int(30)], before: true } })).toEqual(['users/a', 'users/g', 'users/c']);
    expect(run({ ...byAge, startAt: { values: [int(30)], before: false } })).toEqual(['users/c']);
    expect(run({ ...byAge, endAt: { values: [int(30)], before: true } })).toEqual(['users/d', 'users/e', 'users/b']);
    expect(run({ ...byAge, endAt: { values: [int(30)], before: false } })).toEqual(['users/d', 'users/e', 'users/b', 'users/a', 'users/g']);
  });

  it('full cursors including __name__ break ties', () => {
    expect(run({ ...byAge, startAt: { values: [int(30), ref('users/a')], before: false } })).toEqual(['users/g', 'users/c']);
    expect(run({ orderBy: [desc('age')], startAt: { values: [int(30), ref('users/g')], before: false } }))
      .toEqual(['users/a', 'users/b', 'users/e', 'users/d']);
    expect(run({ ...byAge, startAt: { values: [dbl(25.5)], before: true }, endAt: { values: [int(30), ref('users/a')], before: false } }))
      .toEqual(['users/b', 'users/a']);
  });

  it('offset applies before limit, after cursors', () => {
    expect(run({ ...byAge, offset: 1, limit: { value: 2 } })).toEqual(['users/e', 'users/b']);
    expect(run({ ...byAge, limit: 3 })).toEqual(['users/d', 'users/e', 'users/b']);
    expect(run({ ...byAge, startAt: { values: [dbl(25.5)], before: false }, offset: 1 })).toEqual(['users/g', 'users/c']);
    expect(run({ offset: 10 })).toEqual([]);
  });

  it('limitToLast as the SDK sends it (reversed order and swapped cursors)', () => {
    // limitToLast(2) of orderBy(age asc).endBefore('old') -> desc order, startAfter('old'), limit 2.
    expect(run({ orderBy: [desc('age')], startAt: { values: [str('old')], before: false }, limit: { value: 2 } }))
      .toEqual(['users/g', 'users/a']);
  });
});

describe('select', () => {
  it('projects listed fields only, keeping nested paths', () => {
    const [a] = executeQuery(ROOT, q({ select: { fields: [{ fieldPath: 'name' }, { fieldPath: 'nested.n' }, { fieldPath: 'nope' }] } }), all);
    expect(a!.fields).toEqual({ name: str('Ann'), nested: map({ n: int(1) }) });
    expect(a!.name).toBe(`${ROOT}/users/a`);
  });

  it('__name__ only yields empty fields; no select keeps all fields', () => {
    const res = executeQuery(ROOT, q({ select: { fields: [{ fieldPath: '__name__' }] } }), all);
    expect(res.map((d) => d.fields)).toEqual(users.map(() => ({})));
    expect(executeQuery(ROOT, q(), all)[0]).toBe(all.find((d) => d.name === `${ROOT}/users/a`));
  });
});

describe('aggregations', () => {
  const agg = (aggregations: object[], sq: Partial<StructuredQuery> = {}) =>
    executeAggregation(ROOT, { structuredQuery: q(sq), aggregations }, all);

  it('count with upTo, after filters and limit', () => {
    expect(agg([{ alias: 'n', count: {} }])).toEqual({ n: int(7) });
    expect(agg([{ alias: 'n', count: { upTo: { value: '3' } } }])).toEqual({ n: int(3) });
    expect(agg([{ alias: 'n', count: {} }], { where: ff('age', 'EQUAL', int(30)) })).toEqual({ n: int(2) });
    expect(agg([{ alias: 'n', count: {} }], { limit: { value: 4 }, offset: 2 })).toEqual({ n: int(4) });
  });

  it('sum stays integer for integers, switches to double on doubles or overflow, ignores non-numbers', () => {
    expect(agg([{ alias: 's', sum: { field: { fieldPath: 'age' } } }], { where: ff('age', 'EQUAL', int(30)) }))
      .toEqual({ s: int(60) });
    expect(agg([{ alias: 's', sum: { field: { fieldPath: 'age' } } }], { where: ff('age', 'IN', arr(int(30), dbl(25.5), str('old'))) }))
      .toEqual({ s: dbl(85.5) });
    expect(agg([{ alias: 's', sum: { field: { fieldPath: 'missing' } } }])).toEqual({ s: int(0) });
    const big = [doc('n/1', { v: int('9223372036854775807') }), doc('n/2', { v: int(1) })];
    const r = executeAggregation(ROOT, { structuredQuery: q({}, 'n'), aggregations: [{ alias: 's', sum: { field: { fieldPath: 'v' } } }] }, big);
    expect(r['s']).toEqual(dbl(9223372036854775808));
    const exact = [doc('n/1', { v: int('9007199254740993') }), doc('n/2', { v: int(0) })];
    expect(executeAggregation(ROOT, { structuredQuery: q({}, 'n'), aggregations: [{ alias: 's', sum: { field: { fieldPath: 'v' } } }] }, exact))
      .toEqual({ s: int('9007199254740993') });
  });

  it('avg is a double, null without numeric values', () => {
    expect(agg([{ alias: 'a', avg: { field: { fieldPath: 'age' } } }], { where: ff('age', 'IN', arr(int(30), dbl(25.5), str('old'))) }))
      .toEqual({ a: dbl(85.5 / 3) });
    expect(agg([{ alias: 'a', avg: { field: { fieldPath: 'name' } } }])).toEqual({ a: NULL });
    expect(agg([{ alias: 'c', count: {} }, { alias: 'a', operator: 'avg', avg: { field: { fieldPath: 'nested.n' } } }]))
      .toEqual({ c: int(2), a: dbl(1.5) }); // only documents having every aggregated field
    expect(() => agg(Array.from({ length: 6 }, (_, i) => ({ alias: `c${i}`, count: {} })))).toThrow(/maximum number of aggregations/);
  });
});

describe('invalid queries throw QueryError', () => {
  const bad: Array<[string, () => unknown]> = [
    ['unknown field op', () => where(ff('age', 'LIKE', int(1)))],
    ['unknown unary op', () => where(uf('age', 'IS_EMPTY'))],
    ['unknown composite op', () => where({ compositeFilter: { op: 'XOR', filters: [uf('a', 'IS_NULL')] } })],
    ['IN without array', () => where(ff('age', 'IN', int(1)))],
    ['empty NOT_IN', () => where(ff('age', 'NOT_IN', arr()))],
    ['bad parent', () => executeQuery('projects/p/documents', q(), all)],
    ['odd parent path', () => executeQuery(`${ROOT}/users`, q(), all)],
    ['no from', () => executeQuery(ROOT, {}, all)],
    ['too many cursor values', () => run({ startAt: { values: [ref('users/a'), int(1)] } })],
    ['non-reference __name__ cursor', () => run({ startAt: { values: [str('a')] } })],
    ['negative limit', () => run({ limit: -1 })],
    ['bad direction', () => run({ orderBy: [{ field: { fieldPath: 'a' }, direction: 'SIDEWAYS' }] })],
    ['bad field path', () => run({ orderBy: [asc('a..b')] })],
    ['unknown aggregation', () => executeAggregation(ROOT, { structuredQuery: q(), aggregations: [{ alias: 'x' }] }, all)],
    // Production's refusals, pinned by firebase-js-sdk composite_index_query.test.ts:
    ['an explicit order after __name__', () => run({ orderBy: [asc('__name__'), asc('age')] })],
    ['an inequality order after an explicit __name__', () => run({ where: ff('age', 'NOT_EQUAL', int(1)), orderBy: [asc('__name__')] })],
    ['key equality beside another inequality', () => run({ where: and(ff('age', 'NOT_EQUAL', int(1)), ff('__name__', 'EQUAL', ref('users/a'))) })],
  ];
  it.each(bad)('%s', (_label, fn) => {
    expect(fn).toThrow(QueryError);
  });

  it('allows __name__ last, and a key equality when the key is itself an inequality field', () => {
    expect(() => run({ where: ff('age', 'NOT_EQUAL', int(1)), orderBy: [asc('age'), asc('__name__')] })).not.toThrow();
    expect(() => run({ where: and(ff('__name__', 'GREATER_THAN', ref('users/a')), ff('__name__', 'EQUAL', ref('users/b'))) })).not.toThrow();
    expect(() => run({ where: and(ff('age', 'EQUAL', int(30)), ff('__name__', 'EQUAL', ref('users/a'))) })).not.toThrow();
  });

  it('validates even with no documents', () => {
    expect(() => executeQuery(ROOT, q({ where: ff('a', 'NOPE', int(1)) }), [])).toThrow(/NOPE/);
  });
});

describe('a small limit over many rows (partial ordering instead of a full sort)', () => {
  // 400 documents in a scrambled name order, 7 distinct scores: lots of ties broken by __name__.
  const many: Document[] = Array.from({ length: 400 }, (_, i) => {
    const n = (i * 7919) % 400;
    return doc(`scores/s${String(n).padStart(3, '0')}`, { score: int(n % 7), even: { booleanValue: n % 2 === 0 } });
  });
  const names = (docs: Document[]): string[] => docs.map((d) => d.name.slice(ROOT.length + 1));
  const scores = (extra: Partial<StructuredQuery>): string[] =>
    names(executeQuery(ROOT, { from: [{ collectionId: 'scores' }], ...extra }, many));
  /** Every matching document, fully sorted: what a page must be a slice of. */
  const everything = (orderBy: StructuredQuery['orderBy']): string[] => scores({ orderBy });

  it.each([
    ['ascending', [asc('score')]],
    ['descending', [desc('score')]],
    ['descending, then name descending', [desc('score'), desc('__name__')]],
  ])('%s: every (offset, limit) page is the same slice of the fully sorted result', (_label, orderBy) => {
    const full = everything(orderBy);
    expect(full).toHaveLength(400);
    for (const [offset, limit] of [[0, 1], [0, 10], [5, 20], [37, 50], [0, 0], [90, 9]] as const) {
      expect(scores({ orderBy, offset, limit: { value: limit } })).toEqual(full.slice(offset, offset + limit));
    }
  });

  it('rows already in (reverse) order take the full-sort path and give the same pages', () => {
    // Names and scores both ascending, as when a collection is read in creation order.
    const ordered: Document[] = Array.from({ length: 400 }, (_, n) =>
      doc(`scores/s${String(n).padStart(3, '0')}`, { score: int(Math.floor(n / 3)) }),
    );
    const page = (orderBy: StructuredQuery['orderBy'], offset: number, limit?: number): string[] =>
      names(executeQuery(ROOT, { from: [{ collectionId: 'scores' }], orderBy, offset, ...(limit === undefined ? {} : { limit: { value: limit } }) }, ordered));
    for (const orderBy of [[asc('score')], [desc('score')]]) {
      const full = page(orderBy, 0);
      expect(full).toHaveLength(400);
      expect(page(orderBy, 7, 30)).toEqual(full.slice(7, 37));
    }
    expect(page([desc('score')], 0, 3)).toEqual(['scores/s399', 'scores/s398', 'scores/s397']);
  });

  it('rows in reverse order with jitter (where the bounded insertion gives up and sorts) give the same pages', () => {
    // Scores descending overall, but every other adjacent pair swapped: about half the sampled pairs descend.
    const jittered: Document[] = Array.from({ length: 400 }, (_, i) => {
      const n = 399 - (i % 2 === 0 ? i + 1 : i - 1);
      return doc(`scores/s${String(n).padStart(3, '0')}`, { score: int(n) });
    });
    const page = (offset: number, limit?: number): string[] =>
      names(executeQuery(ROOT, { from: [{ collectionId: 'scores' }], orderBy: [asc('score')], offset, ...(limit === undefined ? {} : { limit: { value: limit } }) }, jittered));
    const full = page(0);
    expect(full).toEqual(Array.from({ length: 400 }, (_, n) => `scores/s${String(n).padStart(3, '0')}`));
    expect(page(3, 40)).toEqual(full.slice(3, 43));
  });

  it('with a startAfter cursor and a filter', () => {
    const orderBy = [desc('score')];
    const where = ff('even', 'EQUAL', { booleanValue: true });
    const full = scores({ orderBy, where });
    const after = full[57]!;
    const cursor = { values: [int(Number(/\d+$/.exec(after)![0]) % 7), ref(after)], before: false };
    expect(scores({ orderBy, where, startAt: cursor, limit: { value: 25 } })).toEqual(full.slice(58, 83));
  });
});
