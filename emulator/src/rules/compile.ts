/**
 * Static checks and flattening of a parsed rules file.
 *
 * Everything the evaluator could not honour is refused here, with a
 * position, so an unsupported construct never reaches evaluation (where it
 * could only deny, silently): unknown functions, methods no type has,
 * invalid RE2 literals, recursive functions (not permitted by the
 * reference), more than 7 function parameters or 10 `let` bindings (limits
 * table), `{x=**}` anywhere but last under rules_version '1', and more than
 * one `{x=**}` in one path.
 *
 * Calls to user functions are resolved lexically here (innermost match
 * block outwards, then service level) so evaluation does no name lookup.
 */
import type { AllowStmt, Expr, FunctionDecl, MatchBlock, PatternSeg, RulesFileAst } from './ast';
import { RulesSyntaxError } from './errors';
import { compileRegex } from './regex';
import { GLOBAL_NAMES, NAMESPACES } from './stdlib-globals';
import { METHOD_NAMES } from './stdlib-methods';
import { RError } from './values';

export const MAX_FUNCTION_PARAMS = 7;
export const MAX_LET_BINDINGS = 10;

/** A match block with its full pattern from the root (outer blocks' segments prepended). */
export interface RuleNode {
  pattern: PatternSeg[];
  allows: AllowStmt[];
}

export interface CompiledFile {
  ast: RulesFileAst;
  nodes: RuleNode[];
  /** call expression id → the user function it calls */
  calls: Map<number, FunctionDecl>;
}

interface Env {
  functions: Map<string, FunctionDecl>;
  vars: Set<string>;
  parent: Env | null;
}

const GLOBAL_VARS = ['request', 'resource'];

/** Checks `ast` and resolves its calls; throws RulesSyntaxError. */
export function compileFile(ast: RulesFileAst): CompiledFile {
  const calls = new Map<number, FunctionDecl>();
  const nodes: RuleNode[] = [];
  const edges = new Map<FunctionDecl, Set<FunctionDecl>>();
  const allVars = new Set<string>();
  const collectVars = (b: MatchBlock): void => {
    for (const s of b.pattern) if (s.kind !== 'literal') allVars.add(s.name);
    b.matches.forEach(collectVars);
  };
  ast.matches.forEach(collectVars);

  const fail = (at: { line: number; column: number }, msg: string): never => {
    throw new RulesSyntaxError(at.line, at.column, msg);
  };
  const lookupFn = (env: Env | null, name: string): FunctionDecl | undefined => {
    for (let e = env; e; e = e.parent) {
      const f = e.functions.get(name);
      if (f) return f;
    }
    return undefined;
  };
  const hasVar = (env: Env | null, name: string): boolean => {
    for (let e = env; e; e = e.parent) if (e.vars.has(name)) return true;
    return false;
  };

  const checkExpr = (e: Expr, env: Env, caller: FunctionDecl | null): void => {
    switch (e.kind) {
      case 'lit': return;
      case 'ident':
        // Function bodies may read path variables of the block they are called from
        // (documented examples do); refuse only names bound nowhere in the file.
        if (!hasVar(env, e.name) && !allVars.has(e.name)) fail(e, `Unknown variable '${e.name}'`);
        return;
      case 'member': checkExpr(e.obj, env, caller); return;
      case 'index': checkExpr(e.obj, env, caller); checkExpr(e.index, env, caller); return;
      case 'range': checkExpr(e.obj, env, caller); checkExpr(e.lo, env, caller); checkExpr(e.hi, env, caller); return;
      case 'unary': checkExpr(e.arg, env, caller); return;
      case 'is': checkExpr(e.arg, env, caller); return;
      case 'binary': checkExpr(e.left, env, caller); checkExpr(e.right, env, caller); return;
      case 'ternary': checkExpr(e.cond, env, caller); checkExpr(e.then, env, caller); checkExpr(e.else, env, caller); return;
      case 'list': e.items.forEach((x) => checkExpr(x, env, caller)); return;
      case 'map': e.entries.forEach((x) => { checkExpr(x.key, env, caller); checkExpr(x.value, env, caller); }); return;
      case 'path': for (const p of e.segments) if ('expr' in p) checkExpr(p.expr, env, caller); return;
      case 'call': {
        e.args.forEach((x) => checkExpr(x, env, caller));
        const c = e.callee;
        if (c.kind === 'ident') {
          const f = lookupFn(env, c.name);
          if (f) {
            if (f.params.length !== e.args.length) fail(e, `Function '${c.name}' expects ${f.params.length} argument(s), got ${e.args.length}`);
            calls.set(e.id, f);
            if (caller) edges.get(caller)!.add(f);
          } else if (!GLOBAL_NAMES.has(c.name) || NAMESPACES.has(c.name)) fail(c, `Function not found: '${c.name}'`);
          return;
        }
        if (c.kind === 'member' && c.obj.kind === 'ident' && NAMESPACES.has(c.obj.name) && !hasVar(env, c.obj.name)) {
          if (!GLOBAL_NAMES.has(`${c.obj.name}.${c.name}`)) fail(c, `Function not found: '${c.obj.name}.${c.name}' (unsupported)`);
          return;
        }
        if (c.kind !== 'member') return fail(c, 'Only functions and methods can be called');
        checkExpr(c.obj, env, caller);
        if (!METHOD_NAMES.has(c.name)) fail(c, `Method '${c.name}' is not supported by any type`);
        const a0 = e.args[0];
        if ((c.name === 'matches' || c.name === 'split' || c.name === 'replace') && a0?.kind === 'lit' && typeof a0.value === 'string') {
          const re = compileRegex(a0.value);
          if (re instanceof RError) fail(a0, re.message);
        }
        return;
      }
    }
  };

  const declare = (fns: FunctionDecl[], env: Env): void => {
    for (const f of fns) {
      if (env.functions.has(f.name)) fail(f, `Function '${f.name}' is already defined in this scope`);
      if (f.params.length > MAX_FUNCTION_PARAMS) fail(f, `Functions take at most ${MAX_FUNCTION_PARAMS} parameters`);
      if (f.lets.length > MAX_LET_BINDINGS) fail(f, `Functions have at most ${MAX_LET_BINDINGS} let bindings`);
      env.functions.set(f.name, f);
      edges.set(f, new Set());
    }
  };
  const checkFns = (fns: FunctionDecl[], env: Env): void => {
    for (const f of fns) {
      const inner: Env = { functions: new Map(), vars: new Set(f.params), parent: env };
      for (const l of f.lets) {
        checkExpr(l.value, inner, f);
        inner.vars.add(l.name);
      }
      checkExpr(f.body, inner, f);
    }
  };

  const root: Env = { functions: new Map(), vars: new Set(GLOBAL_VARS), parent: null };
  declare(ast.functions, root);
  const walk = (b: MatchBlock, env: Env, prefix: PatternSeg[]): void => {
    const pattern = [...prefix, ...b.pattern];
    if (pattern.filter((s) => s.kind === 'rest').length > 1) fail(b, 'At most one recursive wildcard {name=**} per path');
    const restAt = pattern.findIndex((s) => s.kind === 'rest');
    if (ast.version === '1' && restAt >= 0 && (restAt !== pattern.length - 1 || b.matches.length > 0)) {
      fail(b, "Recursive wildcards must be the last path segment under rules_version '1'");
    }
    const inner: Env = { functions: new Map(), vars: new Set(b.pattern.filter((s) => s.kind !== 'literal').map((s) => (s as { name: string }).name)), parent: env };
    declare(b.functions, inner);
    checkFns(b.functions, inner);
    for (const a of b.allows) if (a.cond) checkExpr(a.cond, inner, null);
    nodes.push({ pattern, allows: b.allows });
    for (const m of b.matches) walk(m, inner, pattern);
  };
  checkFns(ast.functions, root);
  for (const m of ast.matches) walk(m, root, []);
  checkRecursion(edges, fail);
  return { ast, nodes, calls };
}

function checkRecursion(edges: Map<FunctionDecl, Set<FunctionDecl>>, fail: (at: FunctionDecl, msg: string) => never): void {
  const state = new Map<FunctionDecl, 1 | 2>();
  const visit = (f: FunctionDecl): void => {
    const s = state.get(f);
    if (s === 2) return;
    if (s === 1) fail(f, `Recursive function calls are not allowed (function '${f.name}')`);
    state.set(f, 1);
    for (const g of edges.get(f) ?? []) visit(g);
    state.set(f, 2);
  };
  for (const f of edges.keys()) visit(f);
}
