/**
 * Recursive-descent parser of the rules language. Grammar and operator
 * precedence follow https://firebase.google.com/docs/reference/rules/rules
 * (highest first): member/index/call, unary `! -`, `* / %`, `+ -`,
 * `< <= > >=`, `in is`, `== !=`, `&&`, `||`, `?:`.
 *
 * Path literals (`/databases/$(database)/documents/x`) and match patterns
 * re-glue adjacent tokens into segments (see lexer.ts for why).
 */
import type { RulesMethod } from './api';
import type { AllowStmt, BinaryOp, Expr, FunctionDecl, MatchBlock, PathPart, PatternSeg, RulesFileAst } from './ast';
import { RulesSyntaxError } from './errors';
import { tokenize, type Token } from './lexer';
import { RBytes } from './values';

const METHODS: Record<string, RulesMethod[]> = {
  read: ['get', 'list'],
  write: ['create', 'update', 'delete'],
  get: ['get'],
  list: ['list'],
  create: ['create'],
  update: ['update'],
  delete: ['delete'],
};

/** Type names accepted after `is` (reference: rules namespace, types). */
export const TYPE_NAMES = new Set([
  'bool', 'bytes', 'float', 'int', 'list', 'latlng', 'number', 'path', 'map', 'string', 'timestamp', 'duration', 'set', 'map_diff',
]);
const GLUE_PUNCT = new Set(['-', '~', '@', '.']);
const INT64_MIN_ABS = 1n << 63n;

type ExprBody = Expr extends infer E ? (E extends Expr ? Omit<E, 'id' | 'line' | 'column'> : never) : never;

/** Parses one rules file; throws RulesSyntaxError (1-based positions). */
export function parseRules(name: string, src: string): RulesFileAst {
  return new Parser(name, tokenize(src)).file();
}

class Parser {
  private i = 0;
  private readonly exprs: Expr[] = [];
  private version: '1' | '2' = '1';

  constructor(
    private readonly name: string,
    private readonly toks: Token[],
  ) {}

  private peek(k = 0): Token { return this.toks[Math.min(this.i + k, this.toks.length - 1)]!; }
  private next(): Token { const t = this.peek(); if (t.kind !== 'eof') this.i++; return t; }
  private fail(t: Token, msg: string): never { throw new RulesSyntaxError(t.line, t.column, msg); }
  private is(text: string, k = 0): boolean { const t = this.peek(k); return (t.kind === 'punct' || t.kind === 'ident') && t.text === text; }
  private expect(text: string): Token {
    const t = this.peek();
    if (!this.is(text)) this.fail(t, `mismatched input '${t.text}' expecting '${text}'`);
    return this.next();
  }
  private ident(): Token {
    const t = this.next();
    if (t.kind !== 'ident') this.fail(t, `mismatched input '${t.text}' expecting an identifier`);
    return t;
  }
  private node(at: { line: number; column: number }, body: ExprBody): Expr {
    const e = { ...body, id: this.exprs.length, line: at.line, column: at.column } as Expr;
    this.exprs.push(e);
    return e;
  }

  file(): RulesFileAst {
    if (this.is('rules_version')) {
      this.next();
      this.expect('=');
      const v = this.next();
      if (v.kind !== 'string' || (v.text !== '1' && v.text !== '2')) this.fail(v, `Unsupported rules_version '${v.text}' (expected '1' or '2')`);
      this.version = v.text;
      if (this.is(';')) this.next();
    }
    this.expect('service');
    const svc = [this.ident().text];
    while (this.is('.')) { this.next(); svc.push(this.ident().text); }
    const service = svc.join('.');
    if (service !== 'cloud.firestore') this.fail(this.peek(), `Unsupported service '${service}' (only cloud.firestore)`);
    this.expect('{');
    const functions: FunctionDecl[] = [];
    const matches: MatchBlock[] = [];
    while (!this.is('}')) {
      if (this.is('function')) functions.push(this.func());
      else if (this.is('match')) matches.push(this.match());
      else this.fail(this.peek(), `mismatched input '${this.peek().text}' expecting {'function', 'match', '}'}`);
    }
    this.expect('}');
    const end = this.peek();
    if (end.kind !== 'eof') this.fail(end, `extraneous input '${end.text}' expecting <EOF>`);
    return { name: this.name, version: this.version, service, functions, matches, exprCount: this.exprs.length, exprs: this.exprs };
  }

  private match(): MatchBlock {
    const at = this.expect('match');
    const pattern = this.pattern();
    this.expect('{');
    const block: MatchBlock = { line: at.line, column: at.column, pattern, functions: [], allows: [], matches: [] };
    while (!this.is('}')) {
      if (this.is('function')) block.functions.push(this.func());
      else if (this.is('match')) block.matches.push(this.match());
      else if (this.is('allow')) block.allows.push(this.allow());
      else this.fail(this.peek(), `mismatched input '${this.peek().text}' expecting {'allow', 'function', 'match', '}'}`);
    }
    this.expect('}');
    return block;
  }

  private pattern(): PatternSeg[] {
    const segs: PatternSeg[] = [];
    if (!this.is('/')) this.fail(this.peek(), `mismatched input '${this.peek().text}' expecting '/'`);
    while (this.is('/')) {
      this.next();
      if (this.is('{')) {
        this.next();
        const name = this.ident().text;
        if (this.is('=')) {
          this.next();
          this.expect('**');
          segs.push({ kind: 'rest', name });
        } else segs.push({ kind: 'var', name });
        this.expect('}');
      } else segs.push({ kind: 'literal', text: this.gluedSegment() });
    }
    return segs;
  }

  /** Literal path segment: adjacent identifier/number/punctuation tokens. */
  private gluedSegment(): string {
    const first = this.peek();
    if (first.kind !== 'ident' && first.kind !== 'int' && first.kind !== 'float') this.fail(first, `mismatched input '${first.text}' expecting a path segment`);
    let text = this.next().text;
    for (;;) {
      const t = this.peek();
      const prev = this.toks[this.i - 1]!;
      if (t.start !== prev.end) break;
      const glue = t.kind === 'ident' || t.kind === 'int' || t.kind === 'float' || (t.kind === 'punct' && GLUE_PUNCT.has(t.text));
      if (!glue) break;
      text += this.next().text;
    }
    return text;
  }

  private allow(): AllowStmt {
    const at = this.expect('allow');
    const methods = new Set<RulesMethod>();
    for (;;) {
      const m = this.ident();
      const expanded = METHODS[m.text];
      if (!expanded) this.fail(m, `Unknown method '${m.text}' (expected read, write, get, list, create, update or delete)`);
      for (const x of expanded) methods.add(x);
      if (!this.is(',')) break;
      this.next();
    }
    let cond: Expr | null = null;
    if (this.is(':')) {
      this.next();
      this.expect('if');
      cond = this.expr();
    }
    this.expect(';');
    return { line: at.line, column: at.column, methods: [...methods], cond };
  }

  private func(): FunctionDecl {
    const at = this.expect('function');
    const name = this.ident().text;
    this.expect('(');
    const params: string[] = [];
    while (!this.is(')')) {
      const p = this.ident();
      if (params.includes(p.text)) this.fail(p, `Duplicate parameter '${p.text}'`);
      params.push(p.text);
      if (!this.is(')')) this.expect(',');
    }
    this.next();
    this.expect('{');
    const lets: FunctionDecl['lets'] = [];
    while (this.is('let')) {
      this.next();
      const n = this.ident().text;
      this.expect('=');
      lets.push({ name: n, value: this.expr() });
      this.expect(';');
    }
    this.expect('return');
    const body = this.expr();
    if (this.is(';')) this.next();
    this.expect('}');
    return { line: at.line, column: at.column, name, params, lets, body };
  }

  expr(): Expr {
    const cond = this.binary(0);
    if (!this.is('?')) return cond;
    const q = this.next();
    const then = this.expr();
    this.expect(':');
    const els = this.expr();
    return this.node(q, { kind: 'ternary', cond, then, else: els });
  }

  private static readonly LEVELS: string[][] = [['||'], ['&&'], ['==', '!='], ['in', 'is'], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    const ops = Parser.LEVELS[level]!;
    for (;;) {
      const t = this.peek();
      if (!((t.kind === 'punct' || t.kind === 'ident') && ops.includes(t.text))) return left;
      this.next();
      if (t.text === 'is') {
        const ty = this.ident();
        if (!TYPE_NAMES.has(ty.text)) this.fail(ty, `Unknown type '${ty.text}' after 'is'`);
        left = this.node(t, { kind: 'is', arg: left, typeName: ty.text });
        continue;
      }
      const right = this.binary(level + 1);
      left = this.node(t, { kind: 'binary', op: t.text as BinaryOp, left, right });
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.is('!')) { this.next(); return this.node(t, { kind: 'unary', op: '!', arg: this.unary() }); }
    if (this.is('-')) {
      this.next();
      const n = this.peek();
      if (n.kind === 'int' && n.int === INT64_MIN_ABS) { this.next(); return this.postfix(this.node(t, { kind: 'lit', value: -INT64_MIN_ABS })); }
      return this.node(t, { kind: 'unary', op: '-', arg: this.unary() });
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      const t = this.peek();
      if (this.is('.')) {
        this.next();
        const name = this.ident();
        e = this.node(name, { kind: 'member', obj: e, name: name.text });
      } else if (this.is('(')) {
        this.next();
        e = this.node(t, { kind: 'call', callee: e, args: this.list(')') });
      } else if (this.is('[')) {
        this.next();
        const lo = this.expr();
        if (this.is(':')) {
          this.next();
          const hi = this.expr();
          this.expect(']');
          e = this.node(t, { kind: 'range', obj: e, lo, hi });
        } else {
          this.expect(']');
          e = this.node(t, { kind: 'index', obj: e, index: lo });
        }
      } else return e;
    }
  }

  private list(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.is(close)) {
      items.push(this.expr());
      if (!this.is(close)) this.expect(',');
    }
    this.next();
    return items;
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'int':
        if (t.int === INT64_MIN_ABS) this.fail(t, 'Integer literal out of range');
        this.next();
        return this.node(t, { kind: 'lit', value: t.int! });
      case 'float': this.next(); return this.node(t, { kind: 'lit', value: t.float! });
      case 'string': this.next(); return this.node(t, { kind: 'lit', value: t.text });
      case 'bytes': this.next(); return this.node(t, { kind: 'lit', value: new RBytes(t.bytes!) });
      case 'ident':
        this.next();
        if (t.text === 'true' || t.text === 'false') return this.node(t, { kind: 'lit', value: t.text === 'true' });
        if (t.text === 'null') return this.node(t, { kind: 'lit', value: null });
        return this.node(t, { kind: 'ident', name: t.text });
      default:
    }
    if (this.is('(')) { this.next(); const e = this.expr(); this.expect(')'); return e; }
    if (this.is('[')) { this.next(); return this.node(t, { kind: 'list', items: this.list(']') }); }
    if (this.is('{')) {
      this.next();
      const entries: { key: Expr; value: Expr }[] = [];
      while (!this.is('}')) {
        const key = this.expr();
        this.expect(':');
        entries.push({ key, value: this.expr() });
        if (!this.is('}')) this.expect(',');
      }
      this.next();
      return this.node(t, { kind: 'map', entries });
    }
    if (this.is('/')) return this.pathLiteral();
    return this.fail(t, `mismatched input '${t.text}' expecting an expression`);
  }

  private pathLiteral(): Expr {
    const at = this.peek();
    const segments: PathPart[] = [];
    while (this.is('/') && (segments.length === 0 || this.peek().start === this.toks[this.i - 1]!.end)) {
      this.next();
      if (this.is('$') && this.is('(', 1)) {
        this.next();
        this.next();
        segments.push({ expr: this.expr() });
        this.expect(')');
      } else if (this.is('(')) {
        this.next();
        segments.push({ expr: this.expr() });
        this.expect(')');
      } else segments.push({ text: this.gluedSegment() });
    }
    return this.node(at, { kind: 'path', segments });
  }
}
