/**
 * The security rules in force, per project, as the official emulator keeps
 * them: `PUT /emulator/v1/projects/{p}:securityRules` replaces one project's
 * ruleset; `--rules FILE` (start({ rules })) sets the ruleset of every
 * project that has not been given its own.
 *
 * With no rules at all for a project the official emulator treats the
 * project as having open rules (every request allowed; firebase-tools warns
 * "the emulator will default to allowing all reads and writes"), and so does
 * this one: `rulesFor()` then answers undefined and no check runs.
 *
 * Invariant: a ruleset is installed only once it compiled; a compile error
 * leaves the previous ruleset in force.
 */
import type { CompileResult, RulesFile, RulesIssue, Ruleset } from './rules/api';

/** The rules compiler (rules/index.ts compileRules), injected so this file does not depend on the language module. */
export type RulesCompiler = (files: RulesFile[]) => CompileResult;

/** A rules source that did not compile. */
export class RulesCompileError extends Error {
  constructor(readonly issues: RulesIssue[]) {
    super(issues.map((i) => `${i.line}:${i.column}: ${i.message}`).join('\n'));
    this.name = 'RulesCompileError';
  }
}

/** Per-project rulesets plus an emulator-wide default. */
export class RulesRegistry {
  private readonly byProject = new Map<string, Ruleset>();
  private fallback: Ruleset | undefined;

  constructor(private readonly compiler: RulesCompiler) {}

  /** The ruleset governing a project, or undefined for open rules. */
  rulesFor(projectId: string): Ruleset | undefined {
    return this.byProject.get(projectId) ?? this.fallback;
  }

  /** Compiles and installs a project's rules; throws RulesCompileError and keeps the old ones on failure. */
  setProjectRules(projectId: string, files: RulesFile[]): Ruleset {
    const ruleset = this.compile(files);
    this.byProject.set(projectId, ruleset);
    return ruleset;
  }

  /** Compiles and installs the emulator-wide rules (--rules FILE); projects with their own keep theirs. */
  setDefaultRules(files: RulesFile[]): Ruleset {
    const ruleset = this.compile(files);
    this.fallback = ruleset;
    return ruleset;
  }

  private compile(files: RulesFile[]): Ruleset {
    if (files.length === 0) throw new RulesCompileError([{ line: 1, column: 1, message: 'No rules files given' }]);
    const result = this.compiler(files);
    if (!result.ok) throw new RulesCompileError(result.issues);
    return result.ruleset;
  }
}
