/**
 * Abstract syntax tree of a rules file. Every node carries its 1-based
 * position; expression nodes also carry a dense `id` used as the index of the
 * coverage counters (so counting is an array increment, not a map lookup).
 */
import type { RulesMethod } from './api';
import type { RVal } from './values';

export interface Pos {
  line: number;
  column: number;
}

export type Expr =
  | (Pos & { id: number; kind: 'lit'; value: RVal })
  | (Pos & { id: number; kind: 'ident'; name: string })
  | (Pos & { id: number; kind: 'member'; obj: Expr; name: string })
  | (Pos & { id: number; kind: 'index'; obj: Expr; index: Expr })
  | (Pos & { id: number; kind: 'range'; obj: Expr; lo: Expr; hi: Expr })
  | (Pos & { id: number; kind: 'call'; callee: Expr; args: Expr[] })
  | (Pos & { id: number; kind: 'unary'; op: '!' | '-'; arg: Expr })
  | (Pos & { id: number; kind: 'binary'; op: BinaryOp; left: Expr; right: Expr })
  | (Pos & { id: number; kind: 'ternary'; cond: Expr; then: Expr; else: Expr })
  | (Pos & { id: number; kind: 'is'; arg: Expr; typeName: string })
  | (Pos & { id: number; kind: 'list'; items: Expr[] })
  | (Pos & { id: number; kind: 'map'; entries: { key: Expr; value: Expr }[] })
  | (Pos & { id: number; kind: 'path'; segments: PathPart[] });

export type BinaryOp = '&&' | '||' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';

/** One segment of a path literal: literal text, or `$(expr)` interpolation. */
export type PathPart = { text: string } | { expr: Expr };

/** One segment of a match pattern. */
export type PatternSeg =
  | { kind: 'literal'; text: string }
  | { kind: 'var'; name: string }
  | { kind: 'rest'; name: string };

export interface FunctionDecl extends Pos {
  name: string;
  params: string[];
  lets: { name: string; value: Expr }[];
  body: Expr;
}

export interface AllowStmt extends Pos {
  methods: RulesMethod[];
  /** `allow read;` with no condition always allows. */
  cond: Expr | null;
}

export interface MatchBlock extends Pos {
  pattern: PatternSeg[];
  functions: FunctionDecl[];
  allows: AllowStmt[];
  matches: MatchBlock[];
}

export interface RulesFileAst {
  name: string;
  version: '1' | '2';
  service: string;
  functions: FunctionDecl[];
  matches: MatchBlock[];
  /** Number of expression ids allocated (coverage array size). */
  exprCount: number;
  /** All expression nodes by id, for coverage reporting. */
  exprs: Expr[];
}
