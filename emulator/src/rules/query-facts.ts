/**
 * What a query's filters say about one field, and the decisions those facts
 * imply (step 4 of the algorithm in query-auth.ts). A decision is made only
 * when it holds for EVERY value the facts allow; otherwise the comparison
 * stays Unknown, which denies.
 */
import type { SymbolicHooks } from './evaluator';
import { binaryOp } from './operators';
import { compare, equals, isErr, SymbolicDoc, typeName, Unknown, type Result, type RVal } from './values';

export interface FieldFacts {
  /** `==` (or `is null` / `is nan`) */
  eq?: RVal;
  /** `in [..]`: the field is one of these */
  in?: RVal[];
  /** `!=`, `not-in`, `is not null/nan`: the field is none of these */
  ne: RVal[];
  /** `array-contains`: the field is a list holding each of these */
  contains: RVal[];
  /** range filters */
  bounds: { op: string; value: RVal }[];
}

/** Facts per field path (segments joined by U+0000). */
export type Facts = Map<string, FieldFacts>;

/** An unknown document field with what the query says about it. */
export class FieldUnknown extends Unknown {
  constructor(
    readonly path: readonly string[],
    readonly facts: FieldFacts | undefined,
  ) {
    super(`resource.data.${path.join('.')} is not constrained enough by the query`);
  }
}

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

/** Decides `field op c` over every value of a finite `in` set. */
function overSet(values: RVal[], op: string, c: RVal, field: FieldUnknown): Result {
  let t = 0;
  let f = 0;
  for (const v of values) {
    const r = binaryOp(op, v, c);
    if (r === true) t++;
    else if (r === false) f++;
  }
  return t === values.length ? true : f === values.length ? false : field;
}

/** What one range bound implies for `field qop c`: true, false, or undefined (no implication). */
function fromBound(bop: string, b: RVal, qop: string, c: RVal): boolean | undefined {
  const k = compare(b, c);
  if (k === null || Number.isNaN(k)) return undefined;
  const incl = bop === 'LESS_THAN_OR_EQUAL' || bop === 'GREATER_THAN_OR_EQUAL';
  if (bop === 'LESS_THAN' || bop === 'LESS_THAN_OR_EQUAL') {
    // every value v satisfies v < b (or v <= b)
    const strictlyBelowC = k < 0 || (k === 0 && !incl); // v < c for every v
    if (qop === '<') return strictlyBelowC ? true : undefined;
    if (qop === '<=') return k <= 0 ? true : undefined;
    if (qop === '>') return k <= 0 ? false : undefined;
    if (qop === '>=' || qop === '==') return strictlyBelowC ? false : undefined;
    if (qop === '!=') return strictlyBelowC ? true : undefined;
    return undefined;
  }
  const strictlyAboveC = k > 0 || (k === 0 && !incl); // v > c for every v
  if (qop === '>') return strictlyAboveC ? true : undefined;
  if (qop === '>=') return k >= 0 ? true : undefined;
  if (qop === '<') return k >= 0 ? false : undefined;
  if (qop === '<=' || qop === '==') return strictlyAboveC ? false : undefined;
  if (qop === '!=') return strictlyAboveC ? true : undefined;
  return undefined;
}

function decide(field: FieldUnknown, op: string, c: RVal): Result {
  const f = field.facts;
  if (!f) return field;
  if (f.in) return overSet(f.in, op, c, field);
  if (op === '==' || op === '!=') {
    if (f.ne.some((x) => equals(x, c))) return op === '!=';
  }
  // Firestore orders NaN below every number, so an upper bound on a number
  // also returns NaN fields (see ../filters.ts), for which `<`/`<=` are false.
  const nanExcluded = f.ne.some((x) => typeof x === 'number' && Number.isNaN(x));
  for (const b of f.bounds) {
    const r = fromBound(b.op, b.value, op, c);
    const upperOnNumber = (b.op === 'LESS_THAN' || b.op === 'LESS_THAN_OR_EQUAL') && (typeof b.value === 'number' || typeof b.value === 'bigint');
    if (r === true && upperOnNumber && !nanExcluded && (op === '<' || op === '<=')) continue;
    if (r !== undefined) return r;
  }
  return field;
}

/** Hooks the evaluator calls when an operand is Unknown during query authorization. */
export const symbolicHooks: SymbolicHooks = {
  binary(op: string, l: Result, r: Result): Result | undefined {
    // every document a query returns exists: resource (and its maps) are never null
    if ((op === '==' || op === '!=') && ((l instanceof SymbolicDoc && r === null) || (r instanceof SymbolicDoc && l === null))) return op === '!=';
    if (l instanceof FieldUnknown && !isErr(r) && op in FLIP) return decide(l, op, r);
    if (r instanceof FieldUnknown && !isErr(l)) {
      if (op in FLIP) return decide(r, FLIP[op]!, l);
      if (op === 'in' && r.facts?.contains.some((x) => equals(x, l))) return true;
    }
    if (l instanceof FieldUnknown && op === 'in' && Array.isArray(r) && l.facts?.in) return overSet(l.facts.in, 'in', r, l);
    if (r instanceof SymbolicDoc && op === 'in' && typeof l === 'string') {
      const v = r.field(l);
      if (!isErr(v) || v instanceof SymbolicDoc) return true;
      const f = v instanceof FieldUnknown ? v.facts : undefined;
      if (f && (f.in || f.bounds.length || f.contains.length)) return true;
      return v;
    }
    return undefined;
  },
  is(v: Unknown, name: string): Result {
    if (v instanceof SymbolicDoc) return name === 'map';
    if (!(v instanceof FieldUnknown) || !v.facts) return v;
    const f = v.facts;
    const matches = (x: RVal): boolean => {
      const t = typeName(x);
      return t === name || (name === 'number' && (t === 'int' || t === 'float'));
    };
    if (f.in) {
      // a number matched by value may be stored as int or as float
      const numeric = (x: RVal): boolean => typeof x === 'bigint' || typeof x === 'number';
      if ((name === 'int' || name === 'float') && f.in.some(numeric)) return f.in.every(numeric) ? v : f.in.some(matches) ? v : false;
      return f.in.every(matches) ? true : f.in.every((x) => !matches(x)) ? false : v;
    }
    if (f.contains.length) return name === 'list';
    if (f.bounds.length) {
      const b = f.bounds[0]!.value;
      const t = typeName(b);
      if (t === 'int' || t === 'float') return name === 'number' ? true : name === 'int' || name === 'float' ? v : false;
      return t === name;
    }
    return v;
  },
};
