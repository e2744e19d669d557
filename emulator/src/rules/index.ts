/**
 * The rules language: `compileRules` turns rules source into the `Ruleset`
 * api.ts defines. See ../../README.md "Security rules" for what is supported.
 */
import type { CompileResult, RulesFile } from './api';
import { compileFile } from './compile';
import { Coverage } from './coverage';
import { RulesSyntaxError } from './errors';
import { parseRules } from './parser';
import { makeRuleset, type LoadedFile } from './ruleset';

export type * from './api';

/** Parses and checks every file; compile errors carry 1-based line/column. */
export function compileRules(files: RulesFile[]): CompileResult {
  if (files.length === 0) return { ok: false, issues: [{ line: 1, column: 1, message: 'No rules files' }] };
  const loaded: LoadedFile[] = [];
  for (const f of files) {
    try {
      const ast = parseRules(f.name, f.content);
      loaded.push({ compiled: compileFile(ast), coverage: new Coverage(ast, f.content) });
    } catch (e) {
      if (e instanceof RulesSyntaxError) return { ok: false, issues: [{ line: e.line, column: e.column, message: e.message }] };
      // pathological nesting exhausts the parser's stack: a compile error, not a crash
      if (e instanceof RangeError) return { ok: false, issues: [{ line: 1, column: 1, message: `Rules too deeply nested: ${e.message}` }] };
      throw e;
    }
  }
  return { ok: true, ruleset: makeRuleset(loaded) };
}
