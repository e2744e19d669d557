#!/usr/bin/env node
/**
 * Runs firebase-js-sdk's own Firestore integration tests
 * (packages/firestore/test/integration/api/*.test.ts) with the `firebase`
 * client SDK this project installs, under Node (gRPC), against a fresh emulator.
 *
 *   npm run build -w emulator && npm run test:client-sdk -w emulator -- --repo /path/to/firebase-js-sdk
 *   options: --repo DIR (or NFF_CLIENT_SDK_REPO; a clone, bare or not, of firebase/firebase-js-sdk)
 *            --tag REF              default: the tag of the installed @firebase/firestore
 *                                   (@firebase/firestore@X.Y.Z), else the newest older one in the clone
 *            --database NAME        run against a named database (FIRESTORE_TARGET_DB_ID)
 *            --grep REGEX           only matching tests (mocha --grep)
 *            --test-timeout MS      per-test timeout (default 5000, upstream's mocharc)
 *            --retries N            mocha retries (default 0; upstream's CI uses 5 against production,
 *                                   which would hide an emulator race behind a lucky retry)
 *            --json FILE            also write the per-test results
 *            --report FILE          the markdown report (default reports/client-sdk-latest.md, with --require-indexes
 *                                   reports/client-sdk-strict-latest.md; "-" for none)
 *            --persistence          also the IndexedDB cache (every suite runs twice, as upstream's
 *                                   test:node:persistence), with fake-indexeddb as the IndexedDB
 *            --require-indexes      strict index mode: the emulator refuses queries lacking a composite index
 *                                   (start({ requireIndexes })), given the indexes upstream's test project has
 *                                   in production (its Terraform files, tf-indexes.mjs); the tests upstream
 *                                   skips on an emulator (`skipEmulator`: all of them expect a missing-index
 *                                   error, which the official emulator never raises) then run too
 *
 * This is the way upstream tests its own published build ("test:minified",
 * integration/firestore/gulpfile.js): the api/ test files and their helpers,
 * with every import of `util/firebase_export` / `util/pipeline_export` pointed
 * at upstream's replacements (integration/firestore/*_export.ts) that import
 * `@firebase/firestore` — the package, not its sources. The files are read from
 * the clone with `git show`, transpiled into a work directory under the OS temp
 * dir and run with mocha there; `@firebase/*` resolves to this project's
 * node_modules. Nothing of upstream's enters this repository. The test-only
 * packages (mocha, chai 4, chai-as-promised 7, upstream's versions) are
 * npm-installed into the work dir once.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, failureGroups, option, REPORTER, startEmulator, summarize } from './shared.mjs';
import { indexesFromTerraform } from './tf-indexes.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, dflt) => option(args, name, dflt);

/** Upstream's root devDependencies at the 12.x tags. */
const TEST_DEPS = { mocha: '11.8.0', chai: '4.5.0', 'chai-as-promised': '7.1.2', 'fake-indexeddb': '6.2.8' };
/**
 * --persistence: what upstream's test/util/node_persistence.ts sets up with
 * indexeddbshim (which needs a native sqlite3 build): a global IndexedDB —
 * here the pure-JS fake-indexeddb — and the window the SDK's Node build uses
 * when USE_MOCK_PERSISTENCE=YES (a localStorage, no events: single tab).
 */
const PERSISTENCE_SETUP = `
require('fake-indexeddb/auto');
const data = new Map();
const localStorage = {
  getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => void data.set(k, String(v)),
  removeItem: (k) => void data.delete(k), clear: () => data.clear(), key: (i) => [...data.keys()][i] ?? null,
  get length() { return data.size; },
};
globalThis.window = { indexedDB: globalThis.indexedDB, localStorage, addEventListener() {}, removeEventListener() {} };
`;
const BASE = 'packages/firestore';
/** The helpers upstream's minified-build suite copies next to the api/ tests. */
const HELPERS = [
  'test/integration/util/composite_index_test_helper.ts', 'test/integration/util/events_accumulator.ts',
  'test/integration/util/helpers.ts', 'test/integration/util/settings.ts',
  'test/integration/util/testing_hooks_util.ts', 'test/util/equality_matcher.ts', 'test/util/promise.ts',
  'test/util/mocha_extensions.ts',
];
/** api/ files not run, with the reason (the first three are left out by upstream's own minified-build suite too). */
const EXCLUDED = {
  'pipeline.listen.test.ts': 'realtime pipelines: imports SDK internals absent from the published build; Enterprise edition only',
  'pipeline.query.test.ts': 'pipelines: imports SDK internals absent from the published build; Enterprise edition only',
  'snapshot_listener_source.test.ts': "imports SDK internals absent from the published build (upstream's minified-build suite skips it too)",
};

const pkgDir = (name) => path.join(ROOT, 'node_modules', name);
const installed = (name) => JSON.parse(fs.readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8')).version;
const firestoreVersion = installed('@firebase/firestore');
const git = (repo, ...a) => execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });

function sourceRepo() {
  const given = opt('--repo', process.env.NFF_CLIENT_SDK_REPO);
  if (!given) {
    console.error('pass --repo DIR (or NFF_CLIENT_SDK_REPO): a clone of https://github.com/firebase/firebase-js-sdk');
    process.exit(2);
  }
  return path.resolve(given);
}

const cmpVersion = (a, b) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
};

/** The requested tag, else the installed client's, else the newest tag below it. */
function pickTag(repo) {
  if (opt('--tag')) return opt('--tag');
  const exact = `@firebase/firestore@${firestoreVersion}`;
  const tags = git(repo, 'tag', '--list', '@firebase/firestore@*').split('\n').filter(Boolean)
    .map((t) => t.slice('@firebase/firestore@'.length)).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  if (tags.includes(firestoreVersion)) return exact;
  const older = tags.filter((v) => cmpVersion(v, firestoreVersion) < 0).sort(cmpVersion).at(-1);
  if (!older) {
    console.error(`${repo} has no tag ${exact} nor an older @firebase/firestore tag; pass --tag`);
    process.exit(2);
  }
  console.log(`note: ${repo} has no tag ${exact}; running the tests of @firebase/firestore@${older} (the newest older tag) with the installed ${firestoreVersion}`);
  return `@firebase/firestore@${older}`;
}

const strict = args.includes('--require-indexes');
const persistence = args.includes('--persistence');
const repo = sourceRepo();
const tag = pickTag(repo);
const commit = git(repo, 'rev-parse', '--verify', `${tag}^{commit}`).trim();
const work = path.join(os.tmpdir(), 'nff-client-sdk', tag.replace(/[@/]/g, '_'));

function prepare() {
  const ts = require('typescript');
  fs.rmSync(path.join(work, BASE), { recursive: true, force: true });
  const emit = (from, to, rewrite = (s) => s) => {
    const src = rewrite(git(repo, 'show', `${tag}:${from}`));
    const out = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }, fileName: from });
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, out.outputText);
  };
  const exportShim = (name) => path.join(work, 'integration', 'firestore', name);
  // Upstream's own rewrites (integration/firestore/gulpfile.js), onto the published package.
  const rewrite = (s) => s
    .replace(/\s+from '\.(\.\/util)?\/firebase_export';/g, ` from '${exportShim('firebase_export')}';`)
    .replace(/\s+from '\.(\.\/util)?\/pipeline_export';/g, ` from '${exportShim('pipeline_export')}';`);
  for (const f of ['firebase_export.ts', 'pipeline_export.ts']) emit(`integration/firestore/${f}`, `${exportShim(f.replace(/\.ts$/, ''))}.js`);
  const suites = [];
  const notRun = [];
  const apiFiles = git(repo, 'ls-tree', '--name-only', tag, `${BASE}/test/integration/api/`).split('\n').filter((f) => f.endsWith('.test.ts'));
  for (const f of apiFiles) {
    const name = path.basename(f);
    if (EXCLUDED[name]) {
      const n = (git(repo, 'show', `${tag}:${f}`).match(/\bit(\.\w+)*\(/g) ?? []).length;
      notRun.push({ file: name, tests: n, reason: EXCLUDED[name] });
      continue;
    }
    const dest = path.join(work, f.replace(/\.ts$/, '.js'));
    emit(f, dest, rewrite);
    suites.push(dest);
  }
  // Strict index mode runs what upstream skips only because an emulator never reports a missing index.
  const unskip = (s) => (strict ? s.replace(/if \(USE_EMULATOR\) \{\s*return this\.skip;\s*\}/, '') : s);
  for (const h of HELPERS) emit(`${BASE}/${h}`, path.join(work, BASE, h.replace(/\.ts$/, '.js')), (s) => unskip(rewrite(s)));
  // settings.ts requires the repository's config/project.json (used only against production).
  fs.mkdirSync(path.join(work, 'config'), { recursive: true });
  fs.writeFileSync(path.join(work, 'config', 'project.json'), JSON.stringify({ projectId: 'test-emulator' }));
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'nff-client-sdk-run', private: true, dependencies: TEST_DEPS }, null, 2));
  // Unlink the SDK first: npm prunes what it did not install, and through a
  // symlinked scope directory that would empty this project's node_modules/@firebase.
  const link = path.join(work, 'node_modules', '@firebase');
  const st = fs.lstatSync(link, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) fs.unlinkSync(link);
  else if (st) fs.rmSync(link, { recursive: true });
  if (Object.keys(TEST_DEPS).some((d) => !fs.existsSync(path.join(work, 'node_modules', d)))) {
    console.log(`installing the upstream tests' own test packages into ${work}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent'], { cwd: work, stdio: 'inherit' });
  }
  // The SDK under test: this project's installed @firebase/* packages.
  fs.symlinkSync(pkgDir('@firebase'), link);
  fs.writeFileSync(path.join(work, 'reporter.js'), REPORTER);
  fs.writeFileSync(path.join(work, 'persistence.js'), PERSISTENCE_SETUP);
  return { suites, notRun };
}

function writeReport(file, rows, notRun, seconds) {
  const lines = [
    '# firebase-js-sdk Firestore integration tests against the NFF emulator', '',
    `Generated by \`npm run test:client-sdk -w emulator -- --repo <firebase-js-sdk clone>${strict ? ' --require-indexes' : ''}${persistence ? ' --persistence' : ''}${args.includes('--tag') ? ` --tag ${tag}` : ''}${opt('--database') ? ` --database ${opt('--database')}` : ''}\` on ${new Date().toISOString()}.`, '',
    `- tests: firebase/firebase-js-sdk \`${tag}\` (commit ${commit}), packages/firestore/test/integration/api, as upstream's minified-build suite runs them`,
    `- client: firebase ${installed('firebase')} (@firebase/firestore ${firestoreVersion}, Node ${process.versions.node}, gRPC), ${persistence ? 'memory and IndexedDB (fake-indexeddb) caches' : 'memory cache'}`,
    `- emulator: ${strict ? "strict index mode (`--require-indexes`: upstream's production composite indexes from its Terraform files; its `skipEmulator` tests run)" : 'default (no index checks, as the official emulator)'}`,
    `- mocha timeout ${opt('--test-timeout', '5000')} ms, retries ${opt('--retries', '0')}${opt('--grep') ? `, grep \`${opt('--grep')}\`` : ''}; ${Math.round(seconds)} s`, '',
    `**${count(rows, 'passed')} passing, ${count(rows, 'failed')} failing, ${count(rows, 'pending')} pending** (pending = skipped by upstream itself on an emulator or on Standard edition)`, '',
  ];
  if (notRun.length) {
    lines.push('Not run:', '');
    for (const n of notRun) lines.push(`- \`${n.file}\` (~${n.tests} tests): ${n.reason}`);
    lines.push('');
  }
  const pending = new Map();
  for (const r of rows.filter((x) => x.state === 'pending')) pending.set(r.path[0], (pending.get(r.path[0]) ?? 0) + 1);
  if (pending.size) {
    lines.push('Pending by suite (why: emulator/README.md, "The firebase JS SDK\'s own integration tests"):', '');
    for (const [suite, n] of [...pending].sort((a, b) => b[1] - a[1])) lines.push(`- ${suite}: ${n}`);
    lines.push('');
  }
  const groups = failureGroups(rows, 1);
  if (groups.length) lines.push('## Failures', '');
  for (const [feature, list] of groups) {
    lines.push(`### ${feature} (${list.length})`, '');
    for (const r of list) lines.push(`- ${r.path.slice(1).join(' > ')}: ${(r.error ?? '').split('\n')[0].replace(/\|/g, '\\|')}`);
    lines.push('');
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join('\n'));
}

/** The emulator's start() options: in strict mode, upstream's production indexes for its test projects. */
function emulatorOptions() {
  if (!strict) return {};
  const show = (f) => { try { return git(repo, 'show', `${tag}:${BASE}/${f}`); } catch { return undefined; } };
  const file = path.join(work, 'firestore.indexes.json');
  const indexes = indexesFromTerraform({ composite: show('firestore_composite_index_config.tf'), collectionGroup: show('firestore_collection_group_index_config.tf') }, 'composite-index-test-collection');
  fs.writeFileSync(file, JSON.stringify(indexes, null, 2));
  console.log(`strict index mode: ${indexes.indexes.length} composite indexes from upstream's Terraform files (${file})`);
  return { indexes: file, requireIndexes: ['test-emulator', 'test-db2'] };
}

const { suites, notRun } = prepare();
const emu = await startEmulator('ours', undefined, emulatorOptions());
const results = path.join(work, 'results.json');
const log = path.join(work, 'mocha.log');
fs.rmSync(results, { force: true });
const mochaArgs = [path.join(work, 'node_modules', 'mocha', 'bin', 'mocha.js'), ...suites,
  '--reporter', path.join(work, 'reporter.js'), '--timeout', opt('--test-timeout', '5000'),
  '--retries', opt('--retries', '0'), '--exit'];
if (opt('--grep')) mochaArgs.push('--grep', opt('--grep'));
if (persistence) mochaArgs.push('--require', path.join(work, 'persistence.js'));
const env = {
  ...process.env, FIRESTORE_TARGET_BACKEND: 'emulator', FIRESTORE_EMULATOR_PORT: String(emu.port),
  INCLUDE_FIRESTORE_PERSISTENCE: String(persistence), NFF_UPSTREAM_RESULTS: results,
};
if (persistence) env.USE_MOCK_PERSISTENCE = 'YES';
if (opt('--database')) env.FIRESTORE_TARGET_DB_ID = opt('--database');
for (const n of notRun) console.log(`not run: ${n.file} (~${n.tests} tests): ${n.reason}`);
console.log(`running ${tag} (${commit.slice(0, 10)}) ${suites.length} api test files with @firebase/firestore ${firestoreVersion} against ${emu.host}; mocha output in ${log}`);
const t0 = Date.now();
const out = fs.openSync(log, 'w');
const code = await new Promise((resolve) => spawn(process.execPath, mochaArgs, { cwd: work, env, stdio: ['ignore', out, out] }).on('exit', resolve));
emu.stop();
const rows = fs.existsSync(results) ? JSON.parse(fs.readFileSync(results, 'utf8')) : [];
if (opt('--json')) fs.writeFileSync(opt('--json'), JSON.stringify(rows, null, 2));
const report = opt('--report', path.join(ROOT, 'reports', `client-sdk${strict ? '-strict' : ''}${persistence ? '-persistence' : ''}-latest.md`));
if (report !== '-') writeReport(path.resolve(report), rows, notRun, (Date.now() - t0) / 1000);
summarize(rows, `firebase-js-sdk ${tag} Firestore integration tests against the NFF emulator`, 1);
if (report !== '-') console.log(`\nreport: ${path.resolve(report)}`);
process.exit(rows.length === 0 ? 2 : rows.some((r) => r.state === 'failed') || code !== 0 ? 1 : 0);
