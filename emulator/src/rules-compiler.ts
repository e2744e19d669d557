/**
 * The rules compiler the emulator uses by default. The language itself
 * (parser, evaluator) lives in ./rules and is built on its own branch; until
 * it is merged every rules source is refused at load time — loudly, never
 * evaluated to allow.
 */
import type { RulesCompiler } from './rules-registry';

/** Compiles rules files (placeholder: refuses everything until ./rules is merged). */
export const defaultRulesCompiler: RulesCompiler = () => ({
  ok: false,
  issues: [{ line: 1, column: 1, message: 'The rules language is not available in this build yet' }],
});
