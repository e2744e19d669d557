/**
 * Rule coverage as served by `:ruleCoverage` (JSON) and `:ruleCoverage.html`:
 * per expression, how often it evaluated to true / false / error and, for
 * non-boolean expressions, to which values (README "Security rules").
 * Issue 11: "the rules source annotated with how often each expression was
 * evaluated and to what".
 */
import { alice, bob, compile, context, doc, service } from './helpers';

const SOURCE = service("    match /a/{b} {\n      allow get: if request.auth.uid == 'alice' && resource.data.n > 1;\n      allow delete: if false;\n    }");

function run(): ReturnType<typeof compile> {
  const rules = compile(SOURCE);
  const resource = doc('a/x', { n: 2 });
  rules.authorizeDocument({ method: 'get', path: 'a/x', resource }, context({ auth: alice }));
  rules.authorizeDocument({ method: 'get', path: 'a/x', resource }, context({ auth: alice }));
  rules.authorizeDocument({ method: 'get', path: 'a/x', resource }, context({ auth: bob }));
  rules.authorizeDocument({ method: 'get', path: 'a/x', resource: doc('a/x', {}) }, context({ auth: alice }));
  return rules;
}

describe('rule coverage', () => {
  test('JSON: outcome counts per expression, with positions', () => {
    const files = run().coverage().files;
    expect(files).toHaveLength(1);
    const at = (line: number, column: number): Record<string, number> | undefined =>
      files[0]!.expressions.find((e) => e.line === line && e.column === column)?.counts;
    const col = (token: string): number => SOURCE.split('\n')[4]!.indexOf(token) + 1;
    // the && on line 5: true twice, false once (bob), error once (missing n)
    expect(at(5, col('&&'))).toMatchObject({ true: 2, false: 1, error: 1 });
    // the == : true three times (alice), false once (bob)
    expect(at(5, col('=='))).toMatchObject({ true: 3, false: 1, error: 0 });
    // request.auth.uid (the member `uid` at its column) evaluated to two values
    const uid = files[0]!.expressions.find((e) => e.line === 5 && e.counts['string:"alice"'] === 3);
    expect(uid?.counts).toMatchObject({ 'string:"bob"': 1 });
    // allow delete never ran
    expect(at(6, 24)).toEqual({ true: 0, false: 0, error: 0 });
  });

  test('HTML: the source annotated with the counts', () => {
    const html = run().coverageHtml();
    expect(html).toContain("allow get: if request.auth.uid == 'alice' &amp;&amp; resource.data.n &gt; 1;");
    expect(html).toMatch(/true×2/);
    expect(html).toMatch(/error×1/);
    expect(html).toMatch(/class="none"><td class="n">6</); // the never-evaluated allow delete line
  });

  test('a fresh ruleset starts at zero', () => {
    const counts = compile(SOURCE).coverage().files[0]!.expressions.map((e) => e.counts);
    expect(counts.every((c) => c.true === 0 && c.false === 0 && c.error === 0)).toBe(true);
  });
});
