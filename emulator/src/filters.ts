/**
 * Filter compilation for the query engine: turns a StructuredQuery `where`
 * tree into a document predicate with Firestore's semantics for type
 * classes, missing fields, null and NaN. Pure.
 */
import type { Document, Filter, FieldFilter, UnaryFilter, Value } from './types';
import { canonicalFieldPath, getField, parseFieldPath } from './field-paths';
import {
  QueryError, arrayValues, compareValues, isArray, isNaNValue, isNullValue, typeOrder, valuesEqual,
} from './values';

/** A compiled filter. */
export type Pred = (doc: Document) => boolean;

const RANGE_OPS = new Set(['LESS_THAN', 'LESS_THAN_OR_EQUAL', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL']);
const INEQUALITY_OPS = new Set([...RANGE_OPS, 'NOT_EQUAL', 'NOT_IN', 'IS_NOT_NULL', 'IS_NOT_NAN']);

const fieldGetter = (fieldPath: string | undefined): ((doc: Document) => Value | undefined) => {
  if (!fieldPath) throw new QueryError('Filter requires a field path');
  const segs = parseFieldPath(fieldPath);
  return (doc) => getField(doc.fields, segs, doc.name);
};

/** Whether an `in`-style operand can equal anything: null and NaN cannot. */
const isEqualityOperand = (v: Value): boolean => !isNullValue(v) && !isNaNValue(v);

function requireArray(f: FieldFilter): Value[] {
  if (!f.value || !isArray(f.value) || arrayValues(f.value).length === 0) {
    throw new QueryError(`${f.op} filter requires a non-empty array value`);
  }
  return arrayValues(f.value);
}

function compileFieldFilter(f: FieldFilter, ineq: Set<string>): Pred {
  const get = fieldGetter(f.field?.fieldPath);
  const operand = f.value;
  if (!operand) throw new QueryError(`${f.op} filter requires a value`);
  if (INEQUALITY_OPS.has(f.op)) ineq.add(canonicalFieldPath(f.field.fieldPath));
  if (RANGE_OPS.has(f.op)) {
    // Range filters only match values of the operand's type class, compared in
    // the total order. NaN is excluded from every inequality (production and
    // the SDKs' own tests: `< 5` does not return NaN although NaN sorts first),
    // and a NaN operand matches nothing.
    if (isNaNValue(operand)) return () => false;
    const t = typeOrder(operand);
    const test = {
      LESS_THAN: (c: number) => c < 0, LESS_THAN_OR_EQUAL: (c: number) => c <= 0,
      GREATER_THAN: (c: number) => c > 0, GREATER_THAN_OR_EQUAL: (c: number) => c >= 0,
    }[f.op as 'LESS_THAN']; // key guaranteed by RANGE_OPS
    return (doc) => {
      const v = get(doc);
      return v !== undefined && typeOrder(v) === t && !isNaNValue(v) && test(compareValues(v, operand));
    };
  }
  switch (f.op) {
    case 'EQUAL':
      // The SDKs send `== null` / `== NaN` as IS_NULL / IS_NAN; a raw EQUAL
      // with such an operand means the same.
      if (isNullValue(operand) || isNaNValue(operand)) {
        return compileUnary(isNaNValue(operand) ? 'IS_NAN' : 'IS_NULL', get);
      }
      return (doc) => { const v = get(doc); return v !== undefined && valuesEqual(v, operand); };
    case 'NOT_EQUAL':
      // Likewise `!= null` / `!= NaN` are IS_NOT_NULL / IS_NOT_NAN (so a raw
      // `!= NaN` excludes NaN fields, which valuesEqual alone would not).
      if (isNullValue(operand) || isNaNValue(operand)) {
        return compileUnary(isNaNValue(operand) ? 'IS_NOT_NAN' : 'IS_NOT_NULL', get);
      }
      // Missing fields and nulls never match `!=`.
      return (doc) => {
        const v = get(doc);
        return v !== undefined && !isNullValue(v) && !valuesEqual(v, operand);
      };
    case 'IN': {
      // null and NaN elements never match anything (`in [5, null]` returns only
      // the 5s; the Firestore SDK integration tests pin this backend behaviour).
      const list = requireArray(f).filter(isEqualityOperand);
      return (doc) => { const v = get(doc); return v !== undefined && list.some((e) => valuesEqual(v, e)); };
    }
    case 'NOT_IN': {
      const list = requireArray(f);
      // `not-in [..., null]` matches nothing; otherwise missing and null fields
      // are excluded. A NaN element excludes NaN fields, as `!= NaN` does.
      if (list.some(isNullValue)) return () => false;
      const excludeNaN = list.some(isNaNValue);
      return (doc) => {
        const v = get(doc);
        return v !== undefined && !isNullValue(v) && !(excludeNaN && isNaNValue(v))
          && !list.some((e) => valuesEqual(v, e));
      };
    }
    case 'ARRAY_CONTAINS':
      // Like `in`, a null or NaN operand matches no element.
      if (!isEqualityOperand(operand)) return () => false;
      return (doc) => {
        const v = get(doc);
        return v !== undefined && isArray(v) && arrayValues(v).some((e) => valuesEqual(e, operand));
      };
    case 'ARRAY_CONTAINS_ANY': {
      const list = requireArray(f).filter(isEqualityOperand); // as for IN
      return (doc) => {
        const v = get(doc);
        return v !== undefined && isArray(v) && arrayValues(v).some((e) => list.some((x) => valuesEqual(e, x)));
      };
    }
    default:
      throw new QueryError(`Unsupported field filter operator: ${String(f.op)}`);
  }
}

/** The unary operators; also what EQUAL / NOT_EQUAL with a null or NaN operand mean. */
function compileUnary(op: string, get: (doc: Document) => Value | undefined): Pred {
  switch (op) {
    case 'IS_NULL': return (doc) => isNullValue(get(doc));
    case 'IS_NAN': return (doc) => isNaNValue(get(doc));
    // `!= null` / `!= NaN`: the field must exist and not be null / not be NaN
    // (nulls are also excluded from `!= NaN`, like any `!=`).
    case 'IS_NOT_NULL': return (doc) => { const v = get(doc); return v !== undefined && !isNullValue(v); };
    case 'IS_NOT_NAN':
      return (doc) => { const v = get(doc); return v !== undefined && !isNullValue(v) && !isNaNValue(v); };
    default: throw new QueryError(`Unsupported unary filter operator: ${String(op)}`);
  }
}

function compileUnaryFilter(f: UnaryFilter, ineq: Set<string>): Pred {
  const get = fieldGetter(f.field?.fieldPath);
  if (INEQUALITY_OPS.has(f.op)) ineq.add(canonicalFieldPath(f.field.fieldPath));
  return compileUnary(f.op, get);
}

/**
 * Compiles a filter tree into a predicate, adding the canonical path of every
 * field that carries an inequality (range, `!=`, `not-in`, IS_NOT_*) to `ineq`
 * (they become implicit orders). Throws QueryError when malformed.
 */
export function compileFilter(f: Filter, ineq: Set<string>): Pred {
  const kind = f.filterType ?? (f.compositeFilter ? 'compositeFilter' : f.fieldFilter ? 'fieldFilter' : 'unaryFilter');
  if (kind === 'fieldFilter' && f.fieldFilter) return compileFieldFilter(f.fieldFilter, ineq);
  if (kind === 'unaryFilter' && f.unaryFilter) return compileUnaryFilter(f.unaryFilter, ineq);
  if (kind === 'compositeFilter' && f.compositeFilter) {
    const { op } = f.compositeFilter;
    const parts = (f.compositeFilter.filters ?? []).map((c) => compileFilter(c, ineq));
    if (parts.length === 0) throw new QueryError('A composite filter must contain at least one filter');
    if (op === 'AND') return (doc) => parts.every((p) => p(doc));
    if (op === 'OR') return (doc) => parts.some((p) => p(doc));
    throw new QueryError(`Unsupported composite filter operator: ${String(op)}`);
  }
  throw new QueryError('Filter has no filter_type set');
}
