#!/usr/bin/env node
/**
 * Micro-benchmark of the rules language alone (no transport): parse + check
 * time of the project's firestore.rules, and the cost of one decision
 * (authorizeDocument for a get, with and without a get() in the rule;
 * authorizeQuery for an owner list). Build first: `npx tsc -p emulator`.
 *
 *   node emulator/bench/rules-bench.mjs [--iterations 20000]
 *
 * Reports medians of 5 rounds, in CPU µs (user + system) per operation, to stdout and to
 * bench/rules-last-results.md. The cost target of issue 11 (rules add at
 * most 30 % to a get) is judged against the server CPU of one get measured
 * by bench.mjs (bench/last-results.md), printed alongside when present.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { compileRules } = require('../lib/rules/index.js');

const argv = process.argv.slice(2);
const at = argv.indexOf('--iterations');
const N = at >= 0 ? Number(argv[at + 1]) : 20000;
const ROUNDS = 5;

const source = readFileSync(path.join(HERE, '../../firestore.rules'), 'utf8');
const P = 'bench';
const name = (p) => `projects/${P}/databases/(default)/documents/${p}`;
const str = (s) => ({ stringValue: s });
const docs = new Map([
  [name('users/alice'), { name: name('users/alice'), fields: { uid: str('alice'), name: str('Alice'), email: str('a@example.com'), createdAt: { timestampValue: { seconds: '1767000000', nanos: 0 } } } }],
  [name('kycCases/c1'), { name: name('kycCases/c1'), fields: { uid: str('alice'), status: str('pending'), provider: str('mock'), refs: { arrayValue: { values: [str('r1'), str('r2')] } } } }],
  [name('kycCases/c1/events/e1'), { name: name('kycCases/c1/events/e1'), fields: { type: str('submitted'), at: { integerValue: '1767000000' } } }],
]);
const reader = { get: (n) => docs.get(n) ?? null, getAfter: (n) => docs.get(n) ?? null };
const ctx = () => ({
  projectId: P,
  databaseId: '(default)',
  auth: { uid: 'alice', token: { sub: 'alice', email: 'a@example.com', firebase: { sign_in_provider: 'password' } } },
  time: { seconds: '1767000000', nanos: 0 },
  reader,
  budget: { remaining: 10 },
});

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU µs per call of fn, median over rounds (after a warm-up round). */
function measure(fn, n) {
  for (let i = 0; i < Math.min(n, 2000); i++) fn();
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    // CPU time of this process (user + system), not wall time: the machine is shared
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    const c = process.cpuUsage(c0);
    rounds.push((c.user + c.system) / n);
  }
  return median(rounds);
}

const compiled = compileRules([{ name: 'firestore.rules', content: source }]);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
const rules = compiled.ruleset;
const check = (d) => { if (!d.allowed) throw new Error(`expected allow: ${d.reason}`); };

const results = [
  ['compileRules(firestore.rules): parse + check', measure(() => compileRules([{ name: 'firestore.rules', content: source }]), Math.max(200, N / 20))],
  ['authorizeDocument get users/{uid} (owner)', measure(() => check(rules.authorizeDocument({ method: 'get', path: 'users/alice', resource: docs.get(name('users/alice')) }, ctx())), N)],
  ['authorizeDocument get kycCases/{id} (resource.data.uid)', measure(() => check(rules.authorizeDocument({ method: 'get', path: 'kycCases/c1', resource: docs.get(name('kycCases/c1')) }, ctx())), N)],
  ['authorizeDocument get kycCases/{id}/events/{id} (one get())', measure(() => check(rules.authorizeDocument({ method: 'get', path: 'kycCases/c1/events/e1', resource: docs.get(name('kycCases/c1/events/e1')) }, ctx())), N)],
  ['authorizeQuery list kycCases where uid == own uid', measure(() => check(rules.authorizeQuery({ parent: '', query: { from: [{ collectionId: 'kycCases' }], where: { fieldFilter: { field: { fieldPath: 'uid' }, op: 'EQUAL', value: str('alice') } } } }, ctx())), N)],
];

let getCpu = null;
const last = path.join(HERE, 'last-results.md');
if (existsSync(last)) {
  const m = /\| sequential get \(\d+\) \| (\d+) µs/.exec(readFileSync(last, 'utf8'));
  if (m) getCpu = Number(m[1]);
}

const lines = [
  '# Rules language micro-benchmark',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores; node ${process.version}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
  `- method: ${N} calls per round (compile: ${Math.max(200, N / 20)}), ${ROUNDS} rounds after a warm-up, median round; coverage counting on (as served)`,
  '',
  '| operation | CPU µs per call |' + (getCpu ? ' % of one get (server CPU ' + getCpu + ' µs, bench/last-results.md) |' : ''),
  '|---|---:|' + (getCpu ? '---:|' : ''),
  ...results.map(([k, us]) => `| ${k} | ${us.toFixed(2)} |` + (getCpu && k.startsWith('authorizeDocument') ? ` ${((us / getCpu) * 100).toFixed(1)} % |` : getCpu ? ' |' : '')),
  '',
];
const out = lines.join('\n');
console.log(out);
writeFileSync(path.join(HERE, 'rules-last-results.md'), out);
