/**
 * jsonCopy against the round trip it replaces, JSON.parse(JSON.stringify(x)),
 * on random values (fast-check) and on the cases JSON treats specially.
 */
import fc from 'fast-check';
import { jsonCopy } from '../../src/kernel/json-copy';

const roundTrip = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
};

describe('jsonCopy', () => {
  it('equals the JSON round trip on random values (objects, arrays, numbers incl. NaN/±0/∞, strings, undefined, dates)', () => {
    const value = fc.anything({ withDate: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withSparseArray: true, maxDepth: 4 });
    fc.assert(
      fc.property(value, (input) => {
        expect(jsonCopy(input)).toStrictEqual(roundTrip(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('the special cases, one by one', () => {
    const date = new Date('2026-12-06T09:00:00.000Z');
    const input = {
      date,
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol('s'), Number.NaN, -Infinity, 1],
      custom: { toJSON: (key: string) => `custom:${key}` },
      boxed: [Object(1), Object('s'), Object(false)],
      nested: { deeper: { at: date } },
    };
    expect(jsonCopy(input)).toStrictEqual(roundTrip(input));
    expect(jsonCopy(input)).toEqual({ date: date.toISOString(), list: [null, null, null, null, null, 1], custom: 'custom:custom', boxed: [1, 's', false], nested: { deeper: { at: date.toISOString() } } });
    expect(jsonCopy(undefined)).toBeUndefined();
  });

  it('"__proto__" stays an own key of the copy, as JSON.parse makes it, and never becomes its prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copied = jsonCopy(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.keys(copied)).toEqual(['__proto__', 'a']);
    expect((copied as { polluted?: unknown }).polluted).toBeUndefined();
    expect(copied).toStrictEqual(roundTrip(input));
  });

  it('refuses what JSON.stringify refuses: cycles and BigInts', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => jsonCopy(cyclic)).toThrow(TypeError);
    expect(() => jsonCopy({ n: BigInt(1) })).toThrow(TypeError);
  });

  it('a copy: changing the input afterwards leaves it alone', () => {
    const input = { a: { b: [1, 2] } };
    const copied = jsonCopy(input);
    input.a.b.push(3);
    expect(copied).toEqual({ a: { b: [1, 2] } });
  });
});
