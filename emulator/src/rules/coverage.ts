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
import { RError, Unknown, show, typeName, type Result, type RVal } from './values';

/** Objects are counted by type: one registered symbol per type name. */
const TYPE_PREFIX = 'rules.coverage.type:';

const MAX_VALUES = 10;

export class Coverage {
  private readonly t: Uint32Array;
  private readonly f: Uint32Array;
  private readonly e: Uint32Array;
  /** per expression: [value, count] pairs, values compared by identity (primitives) or type name (objects) */
  private readonly other = new Map<number, [unknown, number][]>();

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
    else this.bump(id, v instanceof Unknown ? UNKNOWN : v !== null && typeof v === 'object' ? Symbol.for(TYPE_PREFIX + typeName(v)) : v);
  }

  /** Cheap on the hot path: a short linear scan; rendering waits for the report. */
  private bump(id: number, key: unknown): void {
    let list = this.other.get(id);
    if (!list) this.other.set(id, (list = []));
    for (const e of list) {
      if (e[0] === key) { e[1]++; return; }
    }
    if (list.length >= MAX_VALUES) key = OTHER;
    for (const e of list) {
      if (e[0] === key) { e[1]++; return; }
    }
    list.push([key, 1]);
  }

  /** Counts of one expression (only non-zero outcomes; true/false/error always present). */
  counts(id: number): Record<string, number> {
    const out: Record<string, number> = { true: this.t[id]!, false: this.f[id]!, error: this.e[id]! };
    for (const [k, n] of this.other.get(id) ?? []) {
      const label = renderKey(k);
      out[label] = (out[label] ?? 0) + n;
    }
    return out;
  }

  total(id: number): number {
    let n = this.t[id]! + this.f[id]! + this.e[id]!;
    for (const [, c] of this.other.get(id) ?? []) n += c;
    return n;
  }

  report(): RulesCoverage['files'][number] {
    return {
      name: this.ast.name,
      expressions: this.ast.exprs.map((x) => ({ line: x.line, column: x.column, counts: this.counts(x.id) })),
    };
  }
}

const UNKNOWN = Symbol('unknown');
const OTHER = Symbol('other');

/** Label of a counted value: 'int:3', 'string:"abc"', or a type name for objects. */
function renderKey(k: unknown): string {
  if (k === UNKNOWN) return 'unknown';
  if (k === OTHER) return 'other';
  if (typeof k === 'symbol') return (k.description ?? '').slice(TYPE_PREFIX.length);
  const v = k as RVal;
  const s = typeof v === 'string' ? JSON.stringify(v) : show(v);
  return `${typeName(v)}:${s.length > 40 ? s.slice(0, 40) + '…' : s}`;
}
