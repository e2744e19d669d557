/**
 * Helpers for the rules-language suites: compile a snippet, build request
 * contexts over an in-memory document map, and make wire documents from
 * plain JS (ints as integerValue, non-integral numbers as doubleValue).
 */
import { compileRules, type Decision, type Ruleset, type RequestContext, type RulesAuth } from '../../src/rules';
import type { Document, Value } from '../../src/types';

export const PROJECT = 'demo-rules';
export const DB = '(default)';

/** Compiles or throws with the compile issues (a test that expects compile errors uses compileRules directly). */
export function compile(source: string): Ruleset {
  const r = compileRules([{ name: 'firestore.rules', content: source }]);
  if (!r.ok) throw new Error(`compile failed: ${JSON.stringify(r.issues)}`);
  return r.ruleset;
}

/** Wraps `match` statements into a v2 firestore service. */
export function service(body: string, version: '1' | '2' = '2'): string {
  return `rules_version = '${version}';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n${body}\n  }\n}\n`;
}

export function toValue(x: unknown): Value {
  if (x === null) return { nullValue: 'NULL_VALUE' };
  if (typeof x === 'boolean') return { booleanValue: x };
  if (typeof x === 'bigint') return { integerValue: x.toString() };
  if (typeof x === 'number') return Number.isInteger(x) ? { integerValue: String(x) } : { doubleValue: x };
  if (typeof x === 'string') return { stringValue: x };
  if (x instanceof Date) return { timestampValue: { seconds: String(Math.floor(x.getTime() / 1000)), nanos: (x.getTime() % 1000) * 1e6 } };
  if (Buffer.isBuffer(x)) return { bytesValue: x };
  if (Array.isArray(x)) return { arrayValue: { values: x.map(toValue) } };
  if (typeof x === 'object') return { mapValue: { fields: fields(x as Record<string, unknown>) } };
  throw new Error(`cannot encode ${typeof x}`);
}

export function fields(o: Record<string, unknown>): Record<string, Value> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toValue(v)]));
}

export function docName(path: string): string {
  return `projects/${PROJECT}/databases/${DB}/documents/${path}`;
}

export function doc(path: string, data: Record<string, unknown>): Document {
  return { name: docName(path), fields: fields(data) };
}

export interface CtxOptions {
  auth?: RulesAuth | null;
  docs?: Record<string, Record<string, unknown>>;
  after?: Record<string, Record<string, unknown> | null>;
  budget?: number;
  timeMs?: number;
}

/** A request context over an in-memory store; `reads` counts reader calls. */
export function context(o: CtxOptions = {}): RequestContext & { reads: string[] } {
  const before = new Map(Object.entries(o.docs ?? {}).map(([p, d]) => [docName(p), doc(p, d)]));
  const after = new Map(before);
  for (const [p, d] of Object.entries(o.after ?? {})) {
    if (d === null) after.delete(docName(p));
    else after.set(docName(p), doc(p, d));
  }
  const reads: string[] = [];
  const t = o.timeMs ?? Date.UTC(2026, 0, 2, 3, 4, 5);
  return {
    projectId: PROJECT,
    databaseId: DB,
    auth: o.auth === undefined ? null : o.auth,
    time: { seconds: String(Math.floor(t / 1000)), nanos: (t % 1000) * 1e6 },
    reader: {
      get: (n) => { reads.push(n); return before.get(n) ?? null; },
      getAfter: (n) => { reads.push('after:' + n); return after.get(n) ?? null; },
    },
    budget: { remaining: o.budget ?? 10 },
    reads,
  };
}

export const alice: RulesAuth = { uid: 'alice', token: { sub: 'alice', email: 'alice@example.com', firebase: { sign_in_provider: 'password' } } };
export const bob: RulesAuth = { uid: 'bob', token: { sub: 'bob' } };

export function outcome(d: Decision): 'allow' | 'deny' {
  return d.allowed ? 'allow' : 'deny';
}

/** The fixture document every expression case reads as `resource` (path t/doc1). */
export const FIXTURE = {
  uid: 'alice',
  n: 5,
  f: 1.5,
  s: 'Hello World',
  tags: ['a', 'b', 'c'],
  m: { a: 1, b: { c: 2 } },
  ts: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
  nul: null,
  raw: Buffer.from('hi'),
  big: 9223372036854775807n,
};

/** What `request.resource` holds in expression cases (an update of FIXTURE). */
export const FIXTURE_AFTER = { ...FIXTURE, n: 6, m: { a: 1, b: { c: 3 }, d: true }, extra: 'x' };

/**
 * Evaluates one condition and reports what the evaluator computed for it,
 * read back from rule coverage: 'true', 'false', 'error', or a rendered
 * value such as 'int:3'. The condition's root is the last expression the
 * parser allocated, hence the last in the coverage list.
 */
export function evaluate(expr: string, opts: CtxOptions & { functions?: string } = {}): string {
  const rules = compile(service(`    ${opts.functions ?? ''}\n    match /t/{id} { allow update: if ${expr}; }`));
  rules.authorizeDocument(
    { method: 'update', path: 't/doc1', resource: doc('t/doc1', FIXTURE), requestResource: doc('t/doc1', FIXTURE_AFTER) },
    context({ auth: alice, ...opts }),
  );
  const exprs = rules.coverage().files[0]!.expressions;
  const counts = exprs[exprs.length - 1]!.counts;
  const hit = Object.entries(counts).filter(([, n]) => n > 0);
  if (hit.length !== 1) throw new Error(`expected one outcome, got ${JSON.stringify(counts)}`);
  return hit[0]![0];
}
