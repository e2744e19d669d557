/**
 * Authorizing a list query: rules are not filters
 * (https://firebase.google.com/docs/firestore/security/rules-query).
 * A query is allowed only if, for EVERY document it could return, some
 * `list` allow holds. We prove that symbolically, never by looking at data:
 *
 * 1. The query's filter is put in disjunctive normal form (OR branches,
 *    at most MAX_BRANCHES); every branch must be proven on its own.
 * 2. A branch's field filters become facts per field path: `==` pins a value;
 *    `in` a finite set of values; `<`, `<=`, `>`, `>=` bounds; `!=` and
 *    `not-in` exclusions; `array-contains(-any)` members; `is null`/`is nan`.
 * 3. The documents' path is a template: parent segments, then (collection
 *    group) any number of segments, the collection id, an unknown id. A match
 *    block counts only if its pattern matches EVERY path the template
 *    describes: a literal never matches the unknown id, `{x}` binds it as
 *    unknown, only `{x=**}` (rules_version '2') may absorb the "any number"
 *    part of a collection group. Blocks matching only some paths are skipped.
 * 4. `list` conditions are evaluated with `resource` symbolic: a field pinned
 *    by `==` is that value; otherwise it is Unknown carrying its facts.
 *    Comparisons of an unknown field with a concrete value are decided from
 *    the facts when they imply the answer for every value the facts allow
 *    (e.g. `x < 10` under `x <= 5`, `x in ['a','b']` under `x in ['a']`,
 *    `'t' in tags` under `tags array-contains 't'`); anything else stays
 *    Unknown. Unknown propagates like an error, except that `&&`/`||`
 *    discard it when the other side decides. `request.query.limit`,
 *    `.offset` and `.orderBy` are concrete.
 *    A pinned number stays typed by value only (`== 1` also returns 1.0), and
 *    a numeric upper bound admits NaN (ordered below every number).
 * 5. Only a definite `true` allows. Unknown or error denies the WHOLE query.
 *
 * Conservatively denied (limits): conditions depending on document fields
 * the query leaves open, on the document id (`resource.id`, the id path
 * variable) unless the query filters `__name__ ==`, on `resource.data`
 * methods (size(), keys(), diff()), on arithmetic over unknown fields, and
 * queries whose cursors alone would make a condition hold (cursors are
 * ignored, which only widens the set of documents considered).
 */
import type { Decision, QueryRequest, RequestContext } from './api';
import type { PatternSeg } from './ast';
import { type SymbolicHooks } from './evaluator';
import { parseFieldPath } from '../field-paths';
import type { Filter, StructuredQuery } from '../types';
import { authValue, evaluateAllows, type LoadedFile } from './ruleset';
import type { Bindings } from './match-paths';
import type { RuleNode } from './compile';
import { RError, RMap, RPath, SymbolicDoc, Unknown, type Result, type RVal } from './values';
import { fromWire, timestampFromWire } from './wire';
import { FieldUnknown, symbolicHooks, type Facts } from './query-facts';

export const MAX_BRANCHES = 32;

type Conj = Filter[];

/** Authorizes `req` against one file (see the algorithm above). */
export function authorizeQueryWith(file: LoadedFile, req: QueryRequest, ctx: RequestContext): Decision {
  const q = req.query;
  const from = q.from?.[0];
  if (!from?.collectionId) return { allowed: false, reason: 'denied: query names no collection' };
  const version = file.compiled.ast.version;
  if (from.allDescendants && version === '1') return { allowed: false, reason: "denied: collection group queries need rules_version = '2'" };
  const template: Tok[] = [
    ...['databases', ctx.databaseId, 'documents', ...req.parent.split('/').filter((s) => s !== '')].map((text) => ({ kind: 'lit' as const, text })),
    ...(from.allDescendants ? [{ kind: 'any' as const }] : []),
    { kind: 'lit', text: from.collectionId },
    { kind: 'id' },
  ];
  const matched: { node: RuleNode; bindings: Bindings }[] = [];
  for (const node of file.compiled.nodes) {
    const b = matchTemplate(node.pattern, template, version);
    if (b) matched.push({ node, bindings: b });
  }
  let branches: Conj[];
  try {
    branches = q.where ? dnf(q.where) : [[]];
  } catch (e) {
    return { allowed: false, reason: `denied: ${(e as Error).message}` };
  }
  const request = requestMap(q, ctx, template);
  for (const branch of branches) {
    const facts = factsOf(branch);
    if (facts instanceof RError) return { allowed: false, reason: `denied: ${facts.message}` };
    const resource = resourceDoc(facts, ctx);
    const out = evaluateAllows(file, matched, 'list', { request, resource }, ctx, symbolicHooks as SymbolicHooks);
    if (!out.allowed) return out;
  }
  return { allowed: true, reason: 'allowed: the query constraints prove a list allow for every document' };
}

type Tok = { kind: 'lit'; text: string } | { kind: 'id' } | { kind: 'any' };

/** Matches a pattern against every path the template describes (see step 3). */
function matchTemplate(p: readonly PatternSeg[], t: readonly Tok[], version: '1' | '2'): Bindings | null {
  const min = version === '1' ? 1 : 0; // v1: {x=**} matches one or more segments
  const out: Bindings = {};
  const go = (pi: number, ti: number): boolean => {
    if (pi === p.length) return ti === t.length;
    const seg = p[pi]!;
    if (seg.kind === 'rest') {
      for (let end = t.length; end >= ti + min; end--) {
        if (!go(pi + 1, end)) continue;
        const part = t.slice(ti, end);
        out[seg.name] = part.every((x) => x.kind === 'lit')
          ? new RPath(part.map((x) => (x as { text: string }).text))
          : new Unknown(`path variable ${seg.name}`);
        return true;
      }
      return false;
    }
    const tok = t[ti];
    if (!tok || tok.kind === 'any') return false;
    if (seg.kind === 'literal' && (tok.kind !== 'lit' || tok.text !== seg.text)) return false;
    if (!go(pi + 1, ti + 1)) return false;
    if (seg.kind === 'var') out[seg.name] = tok.kind === 'lit' ? tok.text : new Unknown(`document id variable ${seg.name}`);
    return true;
  };
  return go(0, 0) ? out : null;
}

/** Filter → OR of ANDs of field/unary filters. */
function dnf(f: Filter): Conj[] {
  if (f.compositeFilter) {
    const parts = (f.compositeFilter.filters ?? []).map(dnf);
    if (f.compositeFilter.op === 'OR') return parts.flat();
    let acc: Conj[] = [[]];
    for (const p of parts) {
      acc = acc.flatMap((a) => p.map((b) => [...a, ...b]));
      if (acc.length > MAX_BRANCHES) throw new Error(`query has more than ${MAX_BRANCHES} OR branches to prove`);
    }
    return acc;
  }
  return [[f]];
}

function factsOf(branch: Conj): Facts | RError {
  const facts: Facts = new Map();
  const at = (path: string): NonNullable<ReturnType<Facts['get']>> => {
    let f = facts.get(path);
    if (!f) facts.set(path, (f = { bounds: [], ne: [], contains: [] }));
    return f;
  };
  for (const f of branch) {
    if (f.unaryFilter) {
      const path = parseFieldPath(f.unaryFilter.field.fieldPath).join('\u0000');
      const op = f.unaryFilter.op;
      if (op === 'IS_NULL') at(path).eq = null;
      else if (op === 'IS_NAN') at(path).eq = NaN;
      else if (op === 'IS_NOT_NULL') at(path).ne.push(null);
      else if (op === 'IS_NOT_NAN') at(path).ne.push(NaN);
      continue;
    }
    const ff = f.fieldFilter;
    if (!ff) continue;
    const path = parseFieldPath(ff.field.fieldPath).join('\u0000');
    const v = fromWire(ff.value);
    const fact = at(path);
    switch (ff.op) {
      case 'EQUAL': fact.eq = v; break;
      case 'IN': fact.in = Array.isArray(v) ? v : [v]; break;
      case 'NOT_EQUAL': fact.ne.push(v); break;
      case 'NOT_IN': fact.ne.push(...(Array.isArray(v) ? v : [v])); break;
      case 'ARRAY_CONTAINS': fact.contains.push(v); break;
      case 'ARRAY_CONTAINS_ANY': break; // no single member is guaranteed
      case 'LESS_THAN': case 'LESS_THAN_OR_EQUAL': case 'GREATER_THAN': case 'GREATER_THAN_OR_EQUAL':
        fact.bounds.push({ op: ff.op, value: v });
        break;
      default: return new RError(`unsupported filter operator ${ff.op}`);
    }
  }
  return facts;
}

function resourceDoc(facts: Facts, ctx: RequestContext): SymbolicDoc {
  const resolve = (path: readonly string[]): Result => {
    const [root, ...rest] = path;
    if (root === 'data') return rest.length === 0 ? new SymbolicDoc(['data'], resolve) : fieldValue(facts, rest, resolve);
    const name = facts.get('__name__')?.eq;
    if ((root === 'id' || root === '__name__') && path.length === 1) {
      if (name instanceof RPath) return root === 'id' ? name.segments[name.segments.length - 1]! : name;
      return new Unknown(`resource.${root} (the query does not pin the document)`);
    }
    return new RError(`Property ${path.join('.')} is undefined on object.`);
  };
  void ctx;
  return new SymbolicDoc([], resolve);
}

/** A field of resource.data under the query's facts. */
function fieldValue(facts: Facts, path: readonly string[], resolve: (p: readonly string[]) => Result): Result {
  const key = path.join('\u0000');
  const f = facts.get(key);
  if (f && f.eq !== undefined && !(typeof f.eq === 'number' && Number.isNaN(f.eq))) {
    // `== 1` also returns documents holding 1.0 (numbers compare across int and
    // double), so a pinned number is known by value, not by type
    if (!hasNumber(f.eq)) return f.eq;
    return new FieldUnknown(path, { ...f, eq: undefined, in: [f.eq] });
  }
  for (const k of facts.keys()) {
    if (k.startsWith(key + '\u0000')) return new SymbolicDoc(['data', ...path], resolve);
  }
  return new FieldUnknown(path, f);
}

function hasNumber(v: RVal): boolean {
  if (typeof v === 'bigint' || typeof v === 'number') return true;
  if (Array.isArray(v)) return v.some(hasNumber);
  if (v instanceof RMap) return v.keys().some((k) => hasNumber(v.get(k)!));
  return false;
}

function requestMap(q: StructuredQuery, ctx: RequestContext, template: Tok[]): RMap {
  const limit = typeof q.limit === 'number' ? q.limit : q.limit?.value;
  const orderBy = new Map<string, RVal>();
  for (const o of q.orderBy ?? []) orderBy.set(o.field.fieldPath, o.direction === 'DESCENDING' ? 'DESC' : 'ASC');
  void template;
  return RMap.of({
    auth: authValue(ctx.auth),
    method: 'list',
    path: new Unknown('request.path of a list request') as unknown as RVal,
    time: timestampFromWire(ctx.time),
    resource: null,
    query: RMap.of({
      limit: limit === undefined ? null : BigInt(limit),
      offset: q.offset === undefined ? null : BigInt(q.offset),
      orderBy: new RMap(orderBy),
    }),
  });
}

