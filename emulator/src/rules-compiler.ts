/**
 * The rules compiler the emulator uses by default: the rules language in
 * ./rules (parser, evaluator, coverage). A separate seam so the registry and
 * the transports depend on rules/api.ts only, and tests can inject a double.
 */
import { compileRules } from './rules';
import type { RulesCompiler } from './rules-registry';

/** Compiles rules files with the emulator's rules language. */
export const defaultRulesCompiler: RulesCompiler = compileRules;
