/**
 * fast-check arbitraries derived from the contract's JSON schemas:
 *   - validValue(): a value the schema accepts (the base a mutation starts from);
 *   - invalidValue(): a value the server MUST refuse, labelled with the
 *     mutation that made it invalid (wrong type, missing or unknown field,
 *     bounds, pattern, format, enum...);
 *   - boundaryValue(): schema-valid extremes (used where acceptance is harmless).
 * "Must refuse" is judged against what the zod schemas do (they trim and
 * upper-case some strings before checking), so a mutation never relies on a
 * contract detail the implementation legitimately normalises away.
 */
import fc from 'fast-check';
import type { JsonSchema } from './spec';

export interface Mutated {
  value: unknown;
  mutation: string;
}

/** Strings that tend to break parsers, loggers, regexes and storage. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\r\n',
  '\u202e\u0041\u0042',
  '\u200b',
  '\ufeff',
  '😀'.repeat(3),
  '\ud800',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '%',
  '${jndi:ldap://x}',
  "' OR 1=1 --",
  '{"$gt":""}',
  '<script>alert(1)</script>',
  'Ω≈ç√∫˜µ≤≥÷',
  'ＡＢＣ',
];

/** Any string, biased towards hostile ones, control characters and full Unicode. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u2028', '\u2029', 'a', ' '), maxLength: 20 }),
  fc.nat({ max: 4 }).map((exponent) => 'x'.repeat(10 ** exponent)),
);

/** Numbers at and around the edges of what JSON and JavaScript represent. */
export const boundaryNumbers: readonly number[] = [0, -0, 1, -1, 0.5, 1.5, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, Number.MAX_VALUE];

/** Any JSON value, small. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, {}, [], '', 0),
  fc.constantFrom(...boundaryNumbers),
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
);

/** Keys an object must not accept (unknown, prototype-polluting, read-only). */
const extraKeys: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'roles', 'status', 'kycStatus', 'uid', 'email', 'version', 'createdAt', 'admin', '', ' ', '$where', 'a.b', 'x'.repeat(1000)),
  fc.string({ minLength: 1, maxLength: 20 }),
);

const isoDate = (daysAgo: number): string => new Date(Date.UTC(1990, 11, 10) - daysAgo * 86_400_000).toISOString().slice(0, 10);

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === 'date') return fc.nat({ max: 10_000 }).map(isoDate);
  if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.pattern) {
    if (typeof schema.example === 'string') return fc.constant(schema.example);
    return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' }).filter((value) => value.length <= (schema.maxLength ?? Infinity));
  }
  if (typeof schema.example === 'string') return fc.constant(schema.example);
  return fc.string({ unit: 'grapheme-ascii', minLength: Math.max(1, schema.minLength ?? 1), maxLength: Math.min(schema.maxLength ?? 30, 30) }).filter((value) => value.trim().length > 0 && value.trim() === value);
}

/** A value the schema accepts; objects carry their required keys plus a random subset of the optional ones. */
export function validValue(schema: JsonSchema, withKey?: string): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      if (withKey) required.add(withKey);
      const entries = Object.entries(properties);
      if (entries.length === 0) return fc.constant({});
      return fc.tuple(...entries.map(([key, child]) => fc.tuple(fc.constant(key), validValue(child), required.has(key) ? fc.constant(true) : fc.boolean()))).map((fields) =>
        Object.fromEntries(fields.filter(([, , keep]) => keep).map(([key, value]) => [key, value])),
      );
    }
    case 'array': {
      const items = schema.items ?? {};
      const max = schema.maxItems ?? 3;
      const min = schema.minItems ?? 0;
      if (items.enum) return fc.subarray(items.enum as unknown[], { minLength: Math.min(min, items.enum.length), maxLength: Math.min(max, items.enum.length) });
      return fc.array(validValue(items), { minLength: min, maxLength: Math.max(min, Math.min(max, 3)) });
    }
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return validString(schema);
    default:
      return anyJson;
  }
}

/** JSON values of another type than the schema's (null only where the schema is not nullable). */
function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const candidates: unknown[] = ['text', 42, 1.5, true, {}, [], { nested: { deeper: [1, 'two'] } }, ['a', 1]];
  if (!schema.nullable) candidates.push(null);
  const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);
  const allowed = new Set<string>(schema.type === 'number' ? ['integer', 'number'] : [schema.type ?? '']);
  return fc.constantFrom(...candidates.filter((value) => !allowed.has(kind(value)) && !(schema.type === 'number' && kind(value) === 'number')));
}

/** Strings that do not match `pattern`, even after the trimming / case folding the zod schemas apply. */
function patternViolations(pattern: string): string[] {
  const regex = new RegExp(pattern);
  const candidates = ['', '!!', '1', '😀', 'a b', '..', '.', '__x__', 'a/b', 'Z9', 'ABC', 'x'.repeat(300), '\u0000', 'é', '-', '--', ' -a'];
  return candidates.filter((candidate) => ![candidate, candidate.trim(), candidate.trim().toUpperCase(), candidate.trim().toLowerCase()].some((form) => regex.test(form)));
}

const badDates = ['1990-13-01', '1990-02-30', '1990-00-10', '90-12-10', '1990/12/10', '19901210', 'yesterday', '１９９０-12-10', '1990-12-10T00:00:00Z', ''];
const badDateTimes = ['2025-01-31', '2025-13-01T00:00:00Z', '2025-01-31 09:30:00', '2025-01-31T25:00:00Z', 'now', '1738315860', '', '2025-01-31T09:30:00+25:00'];

function invalidString(schema: JsonSchema): fc.Arbitrary<Mutated> {
  const options: fc.Arbitrary<Mutated>[] = [wrongType(schema).map((value) => ({ value, mutation: 'wrong-type' }))];
  if (schema.enum) {
    const known = new Set(schema.enum as string[]);
    options.push(
      fc
        .oneof(fc.constantFrom(...(schema.enum as string[]).flatMap((value) => [value.toUpperCase(), ` ${value}`, `${value}x`])), hostileString)
        .filter((value) => !known.has(value))
        .map((value) => ({ value, mutation: 'enum' })),
    );
  }
  if ((schema.minLength ?? 0) > 0) options.push(fc.constant({ value: '', mutation: 'too-short' }));
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    options.push(fc.constantFrom('x', 'é', '界').map((unit) => ({ value: unit.repeat(max + 1), mutation: 'too-long' })));
  }
  if (schema.pattern) {
    const violations = patternViolations(schema.pattern);
    if (violations.length > 0) options.push(fc.constantFrom(...violations).map((value) => ({ value, mutation: 'pattern' })));
  }
  if (schema.format === 'date') options.push(fc.constantFrom(...badDates).map((value) => ({ value, mutation: 'format-date' })));
  if (schema.format === 'date-time') options.push(fc.constantFrom(...badDateTimes).map((value) => ({ value, mutation: 'format-date-time' })));
  return fc.oneof(...options);
}

function invalidNumber(schema: JsonSchema): fc.Arbitrary<Mutated> {
  const values: unknown[] = ['5', 1.5, 1e308, -1e308, 2 ** 53 + 2];
  if (schema.minimum !== undefined) values.push(schema.minimum - 1, schema.minimum - 0.5, -(2 ** 31));
  if (schema.maximum !== undefined) values.push(schema.maximum + 1, schema.maximum + 0.5, 2 ** 31);
  const inRange = (value: unknown): boolean =>
    typeof value === 'number' && Number.isInteger(value) && value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity) && Number.isSafeInteger(value);
  return fc.oneof(
    fc.constantFrom(...values.filter((value) => !inRange(value))).map((value) => ({ value, mutation: 'number-bounds' })),
    wrongType(schema).map((value) => ({ value, mutation: 'wrong-type' })),
  );
}

function invalidArray(schema: JsonSchema): fc.Arbitrary<Mutated> {
  const items = schema.items ?? {};
  const options: fc.Arbitrary<Mutated>[] = [
    wrongType(schema).map((value) => ({ value, mutation: 'wrong-type' })),
    fc.tuple(fc.array(validValue(items), { maxLength: 2 }), invalidValue(items)).map(([valid, bad]) => ({ value: [...valid, bad.value], mutation: `item-${bad.mutation}` })),
  ];
  if (schema.maxItems !== undefined) {
    const over = schema.maxItems + 1;
    options.push(fc.array(validValue(items), { minLength: over, maxLength: over + 3 }).map((value) => ({ value, mutation: 'too-many-items' })));
  }
  if ((schema.minItems ?? 0) > 0) options.push(fc.constant({ value: [], mutation: 'too-few-items' }));
  return fc.oneof(...options);
}

function invalidObject(schema: JsonSchema): fc.Arbitrary<Mutated> {
  const properties = Object.keys(schema.properties ?? {});
  const options: fc.Arbitrary<Mutated>[] = [wrongType(schema).map((value) => ({ value, mutation: 'wrong-type' }))];
  for (const key of schema.required ?? []) {
    options.push(
      validValue(schema).map((value) => {
        const copy = { ...(value as Record<string, unknown>) };
        delete copy[key];
        return { value: copy, mutation: `missing:${key}` };
      }),
    );
  }
  if (schema.additionalProperties === false) {
    options.push(
      fc
        .tuple(validValue(schema), extraKeys.filter((key) => !properties.includes(key)), anyJson)
        // A computed key defines an own property, so even `__proto__` is sent as a field.
        .map(([value, key, extra]) => ({ value: { ...(value as object), [key]: extra }, mutation: 'unknown-field' })),
    );
  }
  for (const key of properties) {
    const child = (schema.properties ?? {})[key];
    options.push(
      fc.tuple(validValue(schema, key), invalidValue(child)).map(([value, bad]) => ({ value: { ...(value as object), [key]: bad.value }, mutation: `${key}:${bad.mutation}` })),
    );
  }
  return fc.oneof(...options);
}

/** A value the schema (as zod implements it) refuses, with the name of the mutation. */
export function invalidValue(schema: JsonSchema): fc.Arbitrary<Mutated> {
  switch (schema.type) {
    case 'object':
      return invalidObject(schema);
    case 'array':
      return invalidArray(schema);
    case 'integer':
    case 'number':
      return invalidNumber(schema);
    case 'string':
      return invalidString(schema);
    default:
      return fc.constant({ value: Symbol.for('unset'), mutation: 'none' });
  }
}

/** Schema-valid extremes: length limits, numeric limits, every enum member, Unicode within limits. */
export function boundaryValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'integer' || schema.type === 'number') {
    const values = [schema.minimum, schema.maximum, schema.default].filter((value): value is number => typeof value === 'number');
    return values.length > 0 ? fc.constantFrom(...values) : fc.integer();
  }
  if (schema.type === 'string' && !schema.pattern && !schema.format) {
    const max = schema.maxLength ?? 64;
    const min = Math.max(1, schema.minLength ?? 1);
    return fc.constantFrom('a'.repeat(min), 'a'.repeat(max), '界'.repeat(max), 'é'.repeat(min));
  }
  return validValue(schema);
}
