/**
 * A compiled ruleset: decides document requests (and, through
 * query-auth.ts, list queries) the way the reference describes
 * (https://firebase.google.com/docs/firestore/security/rules-structure):
 * access is granted when ANY allow statement for the request's method, in
 * ANY match block whose full pattern matches the path, evaluates to true.
 * A false or erroring condition only means that allow does not grant.
 */
import type {
  Decision, DocumentRequest, QueryRequest, RequestContext, RulesAuth, RulesCoverage, RulesMethod, Ruleset,
} from './api';
import type { CompiledFile, RuleNode } from './compile';
import { Coverage } from './coverage';
import { renderCoverageHtml } from './coverage-html';
import { Evaluation, type Scope, type SymbolicHooks } from './evaluator';
import { matchPath, type Bindings } from './match-paths';
import { authorizeQueryWith } from './query-auth';
import { RError, RMap, RPath, Unknown, type Result, type RVal } from './values';
import { fromJson, resourceFromDocument, timestampFromWire } from './wire';

/** One compiled file with its coverage counters. */
export interface LoadedFile {
  compiled: CompiledFile;
  coverage: Coverage;
}

let lastAuth: RulesAuth | null = null;
let lastAuthValue: RVal = null;

/** The `request.auth` map: { uid, token }. Converted once per identity object (a stream reuses it). */
export function authValue(auth: RulesAuth | null): RVal {
  if (!auth) return null;
  if (auth !== lastAuth) {
    lastAuthValue = RMap.of({ uid: auth.uid, token: fromJson(auth.token) });
    lastAuth = auth;
  }
  return lastAuthValue;
}

/** The outcome of OR-ing the allows of one request. */
export interface AllowOutcome {
  allowed: boolean;
  reason: string;
}

/** Evaluates every allow for `method` of every node a path matched; true as soon as one grants. */
export function evaluateAllows(
  file: LoadedFile,
  matched: { node: RuleNode; bindings: Bindings }[],
  method: RulesMethod,
  base: Record<string, Result>,
  ctx: RequestContext,
  hooks: SymbolicHooks | null,
): AllowOutcome {
  const ev = new Evaluation(ctx, file.compiled.calls, file.coverage, hooks);
  const notes: string[] = [];
  for (const { node, bindings } of matched) {
    for (const allow of node.allows) {
      if (!allow.methods.includes(method)) continue;
      if (!allow.cond) return { allowed: true, reason: `allowed by unconditional allow at ${allow.line}:${allow.column}` };
      const scope: Scope = Object.assign(Object.create(null) as Scope, base, bindings);
      const v = ev.eval(allow.cond, scope);
      if (v === true) return { allowed: true, reason: `allowed by allow at ${allow.line}:${allow.column}` };
      const why = v instanceof RError ? `error: ${v.message}` : v instanceof Unknown ? `not provable from the query: ${v.why}` : String(v);
      notes.push(`allow at ${allow.line}:${allow.column} → ${why}`);
    }
  }
  return { allowed: false, reason: notes.length ? `denied: ${notes.join('; ')}` : `denied: no allow statement matches ${method}` };
}

class CompiledRuleset implements Ruleset {
  readonly version: '1' | '2';

  constructor(private readonly files: LoadedFile[]) {
    this.version = files[0]?.compiled.ast.version ?? '2';
  }

  authorizeDocument(req: DocumentRequest, ctx: RequestContext): Decision {
    return guarded(() => this.decideDocument(req, ctx));
  }

  authorizeQuery(req: QueryRequest, ctx: RequestContext): Decision {
    return guarded(() => this.decideQuery(req, ctx));
  }

  private decideDocument(req: DocumentRequest, ctx: RequestContext): Decision {
    const segs = ['databases', ctx.databaseId, 'documents', ...req.path.split('/').filter((s) => s !== '')];
    const path = new RPath(segs);
    const request = RMap.of({
      auth: authValue(ctx.auth),
      method: req.method,
      path,
      time: timestampFromWire(ctx.time),
      resource: req.requestResource ? resourceFromDocument(req.requestResource) : null,
    });
    const base = { request, resource: req.resource ? resourceFromDocument(req.resource) : null };
    const reasons: string[] = [];
    for (const file of this.files) {
      const version = file.compiled.ast.version;
      const matched: { node: RuleNode; bindings: Bindings }[] = [];
      for (const node of file.compiled.nodes) {
        const b = matchPath(node.pattern, segs, version);
        if (b) matched.push({ node, bindings: b });
      }
      const out = evaluateAllows(file, matched, req.method, base, ctx, null);
      if (out.allowed) return out;
      reasons.push(out.reason);
    }
    return { allowed: false, reason: reasons.join(' | ') || 'denied: no rules' };
  }

  private decideQuery(req: QueryRequest, ctx: RequestContext): Decision {
    const reasons: string[] = [];
    for (const file of this.files) {
      const out = authorizeQueryWith(file, req, ctx);
      if (out.allowed) return out;
      reasons.push(out.reason);
    }
    return { allowed: false, reason: reasons.join(' | ') || 'denied: no rules' };
  }

  coverage(): RulesCoverage {
    return { files: this.files.map((f) => f.coverage.report()) };
  }

  coverageHtml(): string {
    return renderCoverageHtml(this.files.map((f) => f.coverage));
  }
}

/**
 * Evaluation never throws by design (errors are values); should a bug or a
 * malformed wire value make it throw anyway, the request is denied, never
 * allowed and never turned into a 500.
 */
function guarded(decide: () => Decision): Decision {
  try {
    return decide();
  } catch (e) {
    return { allowed: false, reason: `denied: rules evaluation failed: ${(e as Error).message}` };
  }
}

/** Wraps compiled files into the api.ts Ruleset. */
export function makeRuleset(files: LoadedFile[]): Ruleset {
  return new CompiledRuleset(files);
}
