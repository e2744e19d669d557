/**
 * Rule coverage: how often each expression evaluated, and to what.
 *
 * Counts are kept per expression id in typed arrays (true/false/error) so
 * recording costs an increment; other values are counted by a short
 * rendering (`int:3`, `string:"abc"`, `map`), at most MAX_VALUES distinct
 * ones per expression. The official emulator's JSON shape is not documented;
 * we serve api.ts's RulesCoverage: per file, per expression {line, column,
 * counts: { true, false, error, unknown?, <value>... }}. `unknown` counts
 * evaluations during query authorization whose value the query left open.
 */
import type { RulesCoverage } from './api';
import type { RulesFileAst } from './ast';
import { RError, Unknown, show, typeName, type Result } from './values';

const MAX_VALUES = 10;

export class Coverage {
  private readonly t: Uint32Array;
  private readonly f: Uint32Array;
  private readonly e: Uint32Array;
  private readonly other = new Map<number, Map<string, number>>();

  constructor(
    readonly ast: RulesFileAst,
    readonly source: string,
  ) {
    this.t = new Uint32Array(ast.exprCount);
    this.f = new Uint32Array(ast.exprCount);
    this.e = new Uint32Array(ast.exprCount);
  }

  record(id: number, v: Result): void {
    if (v === true) this.t[id]!++;
    else if (v === false) this.f[id]!++;
    else if (v instanceof RError) this.e[id]!++;
    else this.bump(id, v instanceof Unknown ? 'unknown' : renderValue(v));
  }

  private bump(id: number, key: string): void {
    let m = this.other.get(id);
    if (!m) this.other.set(id, (m = new Map()));
    if (!m.has(key) && m.size >= MAX_VALUES) key = 'other';
    m.set(key, (m.get(key) ?? 0) + 1);
  }

  /** Counts of one expression (only non-zero outcomes; true/false/error always present). */
  counts(id: number): Record<string, number> {
    const out: Record<string, number> = { true: this.t[id]!, false: this.f[id]!, error: this.e[id]! };
    for (const [k, n] of this.other.get(id) ?? []) out[k] = n;
    return out;
  }

  total(id: number): number {
    let n = this.t[id]! + this.f[id]! + this.e[id]!;
    for (const c of this.other.get(id)?.values() ?? []) n += c;
    return n;
  }

  report(): RulesCoverage['files'][number] {
    return {
      name: this.ast.name,
      expressions: this.ast.exprs.map((x) => ({ line: x.line, column: x.column, counts: this.counts(x.id) })),
    };
  }
}

function renderValue(v: Exclude<Result, RError | Unknown>): string {
  const t = typeName(v);
  if (v === null || typeof v !== 'object') {
    const s = typeof v === 'string' ? JSON.stringify(v) : show(v);
    return `${t}:${s.length > 40 ? s.slice(0, 40) + '…' : s}`;
  }
  return t;
}
