/** Unit tests of the pure value semantics (no server). */
import fc from 'fast-check';
import type { Value } from '../src/types';
import {
  QueryError, compareResourceNames, compareUtf8, compareValues, isArray, isNaNValue,
  isNullValue, typeOrder, valueFromNumber, valuesEqual,
} from '../src/values';
import { canonicalFieldPath, deleteField, getField, parseFieldPath, setField } from '../src/field-paths';

const int = (n: number | string | bigint): Value => ({ integerValue: String(n) });
const dbl = (n: number): Value => ({ doubleValue: n });
const str = (s: string): Value => ({ stringValue: s });
const ref = (p: string): Value => ({ referenceValue: `projects/p/databases/(default)/documents/${p}` });
const arr = (...values: Value[]): Value => ({ arrayValue: { values } });
const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });
const ts = (seconds: string | number, nanos?: number): Value => ({ timestampValue: { seconds, nanos } });
const NULL: Value = { nullValue: 'NULL_VALUE' };

/** Asserts `sorted` is strictly ascending under compareValues, pairwise and antisymmetrically. */
function expectStrictlyAscending(sorted: Value[]): void {
  for (let i = 0; i < sorted.length; i++) {
    for (let j = 0; j < sorted.length; j++) {
      const c = Math.sign(compareValues(sorted[i]!, sorted[j]!));
      expect([i, j, c]).toEqual([i, j, Math.sign(i - j)]);
    }
  }
}

describe('cross-type order', () => {
  const ladder: Value[] = [
    NULL,
    { booleanValue: false }, { booleanValue: true },
    dbl(NaN), dbl(-Infinity), int('-9223372036854775808'), dbl(-1.5), int(-1), int(0), dbl(0.5), int(1),
    dbl(1.5), int('9223372036854775807'), dbl(Infinity),
    ts('-1', 999999999), ts(0), ts(0, 1), ts('1'),
    str(''), str('a'), str('ab'), str('b'), str('\uFFFF'), str('\u{1F600}'),
    { bytesValue: Buffer.from([]) }, { bytesValue: Buffer.from([0x00]) }, { bytesValue: Buffer.from([0x7f]) },
    { bytesValue: Buffer.from([0x80]) }, { bytesValue: Buffer.from([0xff]) },
    ref('a/1'), ref('a/1/b/1'), ref('a/2'), ref('b/1'),
    { geoPointValue: { latitude: -10, longitude: 50 } }, { geoPointValue: { latitude: 0, longitude: -5 } },
    { geoPointValue: { latitude: 0, longitude: 5 } },
    arr(), arr(int(1)), arr(int(1), int(0)), arr(int(2)),
    map({ __type__: str('__vector__'), value: arr(dbl(9)) }),
    map({ __type__: str('__vector__'), value: arr(dbl(1), dbl(1)) }),
    map({}), map({ a: int(1) }), map({ a: int(1), b: int(0) }), map({ a: int(2) }), map({ b: int(0) }),
  ];

  it('orders every class and every within-class case ascending', () => {
    expectStrictlyAscending(ladder);
  });

  it('assigns increasing type orders by class', () => {
    const classes = [NULL, { booleanValue: true }, int(1), ts(0), str(''), { bytesValue: '' }, ref('a/b'),
      { geoPointValue: {} }, arr(), map({ __type__: str('__vector__') }), map({})].map(typeOrder);
    expect(classes).toEqual([...classes].sort((a, b) => a - b));
    expect(new Set(classes).size).toBe(classes.length);
  });

  it('uses valueType when present and does not crash on an empty Value', () => {
    expect(typeOrder({ valueType: 'stringValue', stringValue: '' })).toBe(typeOrder(str('x')));
    expect(compareValues({}, NULL)).toBe(0);
  });
});

describe('numbers', () => {
  it('compares int64 exactly beyond 2^53', () => {
    expect(compareValues(int('9007199254740993'), int('9007199254740992'))).toBeGreaterThan(0);
    expect(compareValues(int('-9007199254740993'), int('-9007199254740992'))).toBeLessThan(0);
  });

  it('compares mixed int/double without rounding the integer', () => {
    // 2^53 as a double sits strictly between these two integers' neighbours.
    expect(compareValues(int('9007199254740993'), dbl(9007199254740992))).toBeGreaterThan(0);
    expect(compareValues(dbl(9007199254740992), int('9007199254740993'))).toBeLessThan(0);
    expect(compareValues(int('9007199254740992'), dbl(9007199254740992))).toBe(0);
    expect(compareValues(int('9223372036854775807'), dbl(9223372036854775808))).toBeLessThan(0);
    expect(compareValues(int(3), dbl(2.5))).toBeGreaterThan(0);
    expect(compareValues(int(-3), dbl(-2.5))).toBeLessThan(0);
    expect(compareValues(int(2), dbl(2))).toBe(0);
  });

  it('treats -0 and 0 as equal and NaN as the smallest number', () => {
    expect(compareValues(dbl(-0), dbl(0))).toBe(0);
    expect(compareValues(dbl(-0), int(0))).toBe(0);
    expect(compareValues(dbl(NaN), dbl(NaN))).toBe(0);
    expect(compareValues(dbl(NaN), int('-9223372036854775808'))).toBeLessThan(0);
    expect(compareValues(int(0), dbl(NaN))).toBeGreaterThan(0);
  });

  it('accepts integerValue as a JS number and timestamp seconds as numbers or strings', () => {
    expect(compareValues({ integerValue: 5 }, int('5'))).toBe(0);
    expect(compareValues(ts(10), ts('9', 999999999))).toBeGreaterThan(0);
  });
});

describe('strings, bytes, references', () => {
  it('orders strings by UTF-8 bytes, not UTF-16 code units', () => {
    expect('\uFFFF' < '\u{1F600}').toBe(false); // the JS order we must not use
    expect(compareUtf8('\uFFFF', '\u{1F600}')).toBeLessThan(0);
    expect(compareValues(str('\u{1F600}'), str('\uE000'))).toBeGreaterThan(0);
    expect(compareUtf8('a\u{10000}', 'a\u{1F600}')).toBeLessThan(0);
    expect(compareUtf8('Z', 'a')).toBeLessThan(0);
    expect(compareUtf8('abc', 'abc')).toBe(0);
  });

  it('compares bytes unsigned, accepting base64 strings', () => {
    expect(compareValues({ bytesValue: Buffer.from([0x80]) }, { bytesValue: Buffer.from([0x01]) })).toBeGreaterThan(0);
    expect(compareValues({ bytesValue: Buffer.from([1, 2]).toString('base64') }, { bytesValue: new Uint8Array([1, 2]) })).toBe(0);
    expect(compareValues({ bytesValue: 'AQ==' }, { bytesValue: Buffer.from([1, 0]) })).toBeLessThan(0);
  });

  it('compares references segment-wise, not as flat strings', () => {
    // As flat strings 'a/b' > 'a-b' would be wrong: '/' sorts before '-' only segment-wise.
    expect(compareValues(ref('a/x'), ref('a-b/x'))).toBeLessThan(0);
    expect(compareResourceNames('c/a/d/x', 'c/a0/d/x')).toBeLessThan(0);
    expect(compareValues(ref('c/a/d/x'), ref('c/a/d/x'))).toBe(0);
  });

  it('sorts numeric __id<n>__ ids before string ids and numerically', () => {
    expect(compareResourceNames('c/__id-9223372036854775808__', 'c/0')).toBeLessThan(0);
    expect(compareResourceNames('c/__id9__', 'c/__id10__')).toBeLessThan(0);
    expect(compareResourceNames('c/__id10__', 'c/A')).toBeLessThan(0);
  });

  it('orders whole names segment by segment, then parents first (property, against the definition)', () => {
    // Segments mix characters below '/' ('-', '.'), surrogate pairs, U+E000 and numeric ids, so a
    // flat string comparison or a wrong skip of the shared prefix would disagree with the definition.
    const segment = fc.oneof(
      fc.array(fc.constantFrom('a', 'b', '-', '.', '0', '_', '\u{1F600}', '\uE000'), { minLength: 1, maxLength: 4 }).map((cs) => cs.join('')),
      fc.constantFrom('__id5__', '__id-3__', '__id12__', '__id__'),
    );
    const name = fc.array(segment, { minLength: 1, maxLength: 4 });
    /** The definition: the first differing segment decides (compared on its own), else the shorter name. */
    const bySegments = (a: string[], b: string[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = Math.sign(compareResourceNames(a[i]!, b[i]!));
        if (c !== 0) return c;
      }
      return Math.sign(a.length - b.length);
    };
    fc.assert(
      fc.property(name, name, fc.boolean(), (a, b, shareParent) => {
        const right = shareParent ? [...a.slice(0, -1), b[b.length - 1]!] : b;
        expect(Math.sign(compareResourceNames(a.join('/'), right.join('/')))).toBe(bySegments(a, right));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('valuesEqual', () => {
  it('is numeric across int/double but NaN equals nothing', () => {
    expect(valuesEqual(int(1), dbl(1))).toBe(true);
    expect(valuesEqual(dbl(-0), int(0))).toBe(true);
    expect(valuesEqual(dbl(NaN), dbl(NaN))).toBe(false);
    expect(valuesEqual(arr(dbl(NaN)), arr(dbl(NaN)))).toBe(false);
    expect(valuesEqual(int(1), str('1'))).toBe(false);
    expect(valuesEqual(NULL, NULL)).toBe(true);
  });

  it('compares arrays and maps deeply', () => {
    expect(valuesEqual(arr(int(1), map({ a: dbl(2) })), arr(dbl(1), map({ a: int(2) })))).toBe(true);
    expect(valuesEqual(arr(int(1), int(2)), arr(int(2), int(1)))).toBe(false);
    expect(valuesEqual(map({ a: int(1), b: int(2) }), map({ b: int(2), a: int(1) }))).toBe(true);
    expect(valuesEqual(map({ a: int(1) }), map({ a: int(1), b: NULL }))).toBe(false);
    expect(valuesEqual(map({ a: int(1) }), map({ b: int(1) }))).toBe(false);
  });
});

describe('field paths', () => {
  it('parses dotted and backtick-quoted segments', () => {
    expect(parseFieldPath('a.b.c')).toEqual(['a', 'b', 'c']);
    expect(parseFieldPath('a.`b.c`.d')).toEqual(['a', 'b.c', 'd']);
    expect(parseFieldPath('`a\\`b`.`c\\\\d`')).toEqual(['a`b', 'c\\d']);
    expect(parseFieldPath('`__name__`')).toEqual(['__name__']);
  });

  it.each(['', 'a.', '.a', 'a..b', '`a', '`a`b', 'a`b`'])('rejects malformed path %j', (p) => {
    expect(() => parseFieldPath(p)).toThrow(QueryError);
  });

  it('round-trips canonical form', () => {
    expect(canonicalFieldPath(['a', 'b.c', 'x`y'])).toBe('a.`b.c`.`x\\`y`');
    expect(parseFieldPath(canonicalFieldPath(['a', 'b.c', 'x`y', '1']))).toEqual(['a', 'b.c', 'x`y', '1']);
  });

  const fields = { a: map({ 'b.c': map({ d: int(7) }), e: int(1) }), s: str('x') };

  it('gets nested fields and __name__', () => {
    expect(getField(fields, 'a.`b.c`.d')).toEqual(int(7));
    expect(getField(fields, ['a', 'e'])).toEqual(int(1));
    expect(getField(fields, 'a.b')).toBeUndefined();
    expect(getField(fields, 's.x')).toBeUndefined();
    expect(getField(fields, 'toString')).toBeUndefined();
    expect(getField(fields, '__name__', 'projects/p/databases/d/documents/c/1')).toEqual({
      referenceValue: 'projects/p/databases/d/documents/c/1',
    });
  });

  it('sets fields without mutating the input', () => {
    const snapshot = JSON.stringify(fields);
    const out = setField(fields, 'a.`b.c`.z', str('new'));
    expect(getField(out, 'a.`b.c`.z')).toEqual(str('new'));
    expect(getField(out, 'a.`b.c`.d')).toEqual(int(7));
    expect(JSON.stringify(fields)).toBe(snapshot);
    // A non-map intermediate is replaced by a map.
    expect(getField(setField(fields, 's.t', int(2)), 's')).toEqual(map({ t: int(2) }));
    expect(setField(undefined, 'x', NULL)).toEqual({ x: NULL });
  });

  it('deletes fields without mutating the input', () => {
    const snapshot = JSON.stringify(fields);
    const out = deleteField(fields, 'a.e');
    expect(getField(out, 'a.e')).toBeUndefined();
    expect(getField(out, 'a.`b.c`.d')).toEqual(int(7));
    expect(JSON.stringify(fields)).toBe(snapshot);
    expect(deleteField(fields, 'nope.x')).toBe(fields);
    expect(deleteField(fields, 's.x')).toBe(fields);
    expect(Object.keys(deleteField(fields, 's'))).toEqual(['a']);
  });
});

describe('helpers', () => {
  it('classifies values', () => {
    expect(isNaNValue(dbl(NaN))).toBe(true);
    expect(isNaNValue(int(0))).toBe(false);
    expect(isNaNValue(undefined)).toBe(false);
    expect(isNullValue(NULL)).toBe(true);
    expect(isNullValue({ valueType: 'nullValue', nullValue: 0 })).toBe(true);
    expect(isNullValue(int(0))).toBe(false);
    expect(isArray(arr())).toBe(true);
    expect(isArray(map({}))).toBe(false);
  });

  it('builds number values', () => {
    expect(valueFromNumber(3)).toEqual({ integerValue: '3' });
    expect(valueFromNumber(2.5)).toEqual({ doubleValue: 2.5 });
    expect(valueFromNumber(2n ** 63n - 1n)).toEqual({ integerValue: '9223372036854775807' });
  });
});
