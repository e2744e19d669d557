/**
 * Expression evaluator of the rules language.
 *
 * Error semantics (reference: rules-language "error values", rules namespace):
 * an evaluation error is a value (RError) that propagates through every
 * operator, except that `&&` is false as soon as either side is false and
 * `||` is true as soon as either side is true (so `false && error` → false,
 * `true || error` → true, and symmetrically — the CEL semantics the language
 * inherits), and `c ? a : b` only evaluates the branch it takes.
 *
 * Limits (https://firebase.google.com/docs/firestore/security/rules-conditions
 * "access call limits", and the rules limits table): 1000 expressions per
 * request, function call depth 20, document access calls per AccessBudget
 * (10 single-document / 20 batch); a repeated read of the same document in
 * one request is served from the request's cache and counted once. Every
 * limit breach is an error, so it denies.
 */
import type { DocumentReader, RequestContext } from './api';
import type { Expr, FunctionDecl } from './ast';
import type { Coverage } from './coverage';
import { callGlobal, NAMESPACES } from './stdlib-globals';
import { callMethod } from './stdlib-methods';
import { binaryOp, index, member, slice, typeError } from './operators';
import { checkInt, isErr, RDuration, RError, RMap, RPath, SymbolicDoc, Unknown, typeName, type Result, type RVal } from './values';
import { resourceFromDocument } from './wire';

export const MAX_EXPRESSIONS = 1000;
export const MAX_CALL_DEPTH = 20;

/** Variables in scope: a prototype chain of plain objects (cheap to extend). */
export type Scope = Record<string, Result>;

/** Symbolic hooks used by query authorization (query-auth.ts); absent for document requests. */
export interface SymbolicHooks {
  binary(op: string, l: Result, r: Result): Result | undefined;
  is(v: Unknown, typeName: string): Result;
}

/**
 * Per-request state shared by every evaluation of one request. It is kept on
 * the request's AccessBudget object under a private symbol: the budget is
 * exactly "one per request", and a WeakMap keyed by short-lived objects made
 * the garbage collector the main cost of a decision.
 */
interface RequestState {
  exprs: number;
  reads: Map<string, RVal> | null;
}
const STATE = Symbol('rules.requestState');
type BudgetWithState = RequestContext['budget'] & { [STATE]?: RequestState };

/** One evaluation: a request context, resolved functions and coverage sink. */
export class Evaluation {
  private depth = 0;
  private readonly state: RequestState;

  constructor(
    private readonly ctx: RequestContext,
    private readonly functions: ReadonlyMap<number, FunctionDecl>,
    private readonly coverage: Coverage | null,
    private readonly hooks: SymbolicHooks | null = null,
  ) {
    const b = ctx.budget as BudgetWithState;
    this.state = b[STATE] ??= { exprs: 0, reads: null };
  }

  /** Evaluates `e`, recording its outcome for coverage. */
  eval(e: Expr, scope: Scope): Result {
    if (++this.state.exprs > MAX_EXPRESSIONS) return new RError(`Exceeded maximum of ${MAX_EXPRESSIONS} expressions evaluated per request`);
    const v = this.evalNode(e, scope);
    this.coverage?.record(e.id, v);
    return v;
  }

  private evalNode(e: Expr, scope: Scope): Result {
    switch (e.kind) {
      case 'lit': return e.value;
      case 'ident': {
        const v = scope[e.name];
        return v === undefined ? new RError(`Variable '${e.name}' is not defined`) : v;
      }
      case 'member': {
        const o = this.eval(e.obj, scope);
        if (o instanceof SymbolicDoc) return o.field(e.name);
        return isErr(o) ? o : member(o, e.name);
      }
      case 'index': {
        const o = this.eval(e.obj, scope);
        const k = this.eval(e.index, scope);
        if (o instanceof SymbolicDoc && typeof k === 'string') return o.field(k);
        if (isErr(o)) return o;
        return isErr(k) ? k : index(o, k);
      }
      case 'range': {
        const o = this.eval(e.obj, scope);
        const lo = this.eval(e.lo, scope);
        const hi = this.eval(e.hi, scope);
        if (isErr(o)) return o;
        if (isErr(lo)) return lo;
        if (isErr(hi)) return hi;
        return slice(o, lo, hi);
      }
      case 'unary': {
        const a = this.eval(e.arg, scope);
        if (isErr(a)) return a;
        if (e.op === '!') return typeof a === 'boolean' ? !a : typeError('!', a);
        if (typeof a === 'bigint') return checkInt(-a);
        if (typeof a === 'number') return -a;
        if (a instanceof RDuration) return new RDuration(-a.nanos);
        return typeError('-', a);
      }
      case 'binary': return this.binary(e.op, e.left, e.right, scope);
      case 'ternary': {
        const c = this.eval(e.cond, scope);
        if (isErr(c)) return c;
        if (typeof c !== 'boolean') return new RError(`Ternary condition is not a bool: ${typeName(c)}`);
        return this.eval(c ? e.then : e.else, scope);
      }
      case 'is': {
        const a = this.eval(e.arg, scope);
        if (a instanceof Unknown && this.hooks) return this.hooks.is(a, e.typeName);
        if (isErr(a)) return a;
        const t = typeName(a);
        return t === e.typeName || (e.typeName === 'number' && (t === 'int' || t === 'float'));
      }
      case 'list': {
        const out: RVal[] = [];
        for (const it of e.items) {
          const v = this.eval(it, scope);
          if (isErr(v)) return v;
          out.push(v);
        }
        return out;
      }
      case 'map': {
        const m = new Map<string, RVal>();
        for (const { key, value } of e.entries) {
          const k = this.eval(key, scope);
          if (isErr(k)) return k;
          if (typeof k !== 'string') return new RError(`Map keys must be strings, got ${typeName(k)}`);
          const v = this.eval(value, scope);
          if (isErr(v)) return v;
          m.set(k, v);
        }
        return new RMap(m);
      }
      case 'path': {
        const segs: string[] = [];
        for (const p of e.segments) {
          if ('text' in p) { segs.push(p.text); continue; }
          const v = this.eval(p.expr, scope);
          if (isErr(v)) return v;
          if (v instanceof RPath) segs.push(...v.segments);
          else if (typeof v === 'string' || typeof v === 'bigint') segs.push(String(v));
          else return new RError(`Cannot interpolate ${typeName(v)} into a path`);
        }
        return new RPath(segs);
      }
      case 'call': return this.call(e, scope);
    }
  }

  private binary(op: string, le: Expr, re: Expr, scope: Scope): Result {
    const l = this.eval(le, scope);
    if (op === '&&' || op === '||') {
      const stop = op === '||';
      if (l === stop) return stop;
      if (!isErr(l) && typeof l !== 'boolean') return new RError(`Operator ${op} needs bools, got ${typeName(l)}`);
      const r = this.eval(re, scope);
      if (r === stop) return stop;
      if (!isErr(r) && typeof r !== 'boolean') return new RError(`Operator ${op} needs bools, got ${typeName(r)}`);
      if (l instanceof RError) return l;
      if (r instanceof RError) return r;
      return isErr(l) ? l : r; // Unknown if either is unknown, else !stop
    }
    const r = this.eval(re, scope);
    if (this.hooks && (l instanceof Unknown || r instanceof Unknown)) {
      const s = this.hooks.binary(op, l, r);
      if (s !== undefined) return s;
    }
    if (isErr(l)) return l;
    if (isErr(r)) return r;
    return binaryOp(op, l, r);
  }

  private call(e: Extract<Expr, { kind: 'call' }>, scope: Scope): Result {
    const decl = this.functions.get(e.id);
    if (decl) {
      // user functions take unknowns too: their body may still decide (query authorization)
      const uargs: Result[] = [];
      for (const a of e.args) {
        const v = this.eval(a, scope);
        if (v instanceof RError) return v;
        uargs.push(v);
      }
      return this.callUser(decl, uargs, scope);
    }
    const args: RVal[] = [];
    const callee = e.callee;
    if (callee.kind === 'member' && callee.name === 'get' && e.args.length === 2) {
      const recv = this.eval(callee.obj, scope);
      if (recv instanceof SymbolicDoc) return this.symbolicGet(recv, e.args, scope);
    }
    for (const a of e.args) {
      const v = this.eval(a, scope);
      if (isErr(v)) return v;
      args.push(v);
    }
    if (callee.kind === 'ident') return this.callBuiltin(callee.name, args);
    if (callee.kind === 'member' && callee.obj.kind === 'ident' && NAMESPACES.has(callee.obj.name) && scope[callee.obj.name] === undefined) {
      return callGlobal(`${callee.obj.name}.${callee.name}`, args);
    }
    if (callee.kind !== 'member') return new RError('Not a function');
    const recv = this.eval(callee.obj, scope);
    if (isErr(recv)) return recv;
    return callMethod(recv, callee.name, args);
  }

  /** `m.get(key, default)` on a partly known map: resolves a pinned field, else unknown. */
  private symbolicGet(recv: SymbolicDoc, argExprs: Expr[], scope: Scope): Result {
    const k = this.eval(argExprs[0]!, scope);
    const d = this.eval(argExprs[1]!, scope);
    if (d instanceof RError) return d;
    const keys = typeof k === 'string' ? [k] : Array.isArray(k) && k.every((x) => typeof x === 'string') ? (k as string[]) : null;
    if (!keys) return isErr(k) ? k : new RError('get() key must be a string or a list of strings');
    let cur: Result = recv;
    for (const key of keys) {
      if (!(cur instanceof SymbolicDoc)) return new Unknown('map.get on a partly known map');
      cur = cur.field(key);
    }
    return cur instanceof Unknown ? new Unknown(`field ${keys.join('.')} (may be absent)`) : cur;
  }

  private callUser(decl: FunctionDecl, args: Result[], scope: Scope): Result {
    if (this.depth >= MAX_CALL_DEPTH) return new RError(`Exceeded maximum function call depth of ${MAX_CALL_DEPTH}`);
    const inner: Scope = Object.create(scope) as Scope;
    decl.params.forEach((p, k) => { inner[p] = args[k]!; });
    this.depth++;
    try {
      for (const l of decl.lets) inner[l.name] = this.eval(l.value, inner);
      return this.eval(decl.body, inner);
    } finally {
      this.depth--;
    }
  }

  private callBuiltin(name: string, args: RVal[]): Result {
    switch (name) {
      case 'get': case 'getAfter': case 'exists': case 'existsAfter': {
        const p = args[0];
        if (args.length !== 1 || !(p instanceof RPath)) return new RError(`${name}() expects one path`);
        const doc = this.read(p, name.endsWith('After'));
        if (isErr(doc)) return doc;
        return name.startsWith('exists') ? doc !== null : doc;
      }
      default: return callGlobal(name, args);
    }
  }

  /** get()/getAfter(): counted against the request's budget, cached per document. */
  private read(p: RPath, after: boolean): Result {
    const s = p.segments;
    if (s.length < 5 || s[0] !== 'databases' || s[2] !== 'documents' || (s.length - 3) % 2 !== 0) {
      return new RError(`Path ${p.toString()} is not a document path /databases/{database}/documents/...`);
    }
    if (s[1] !== this.ctx.databaseId) return new RError(`Cross-database access is not allowed: ${p.toString()}`);
    const name = `projects/${this.ctx.projectId}/${s.join('/')}`;
    const key = (after ? 'a:' : 'b:') + name;
    const reads = (this.state.reads ??= new Map());
    const hit = reads.get(key);
    if (hit !== undefined) return hit;
    if (this.ctx.budget.remaining <= 0) return new RError('Exceeded maximum number of document access calls for this request');
    this.ctx.budget.remaining--;
    const reader: DocumentReader = this.ctx.reader;
    const doc = after ? reader.getAfter(name) : reader.get(name);
    const v = doc ? resourceFromDocument(doc) : null;
    reads.set(key, v);
    return v;
  }
}
