#!/usr/bin/env node
/**
 * Runs Google's own system tests for the Node.js Firestore client
 * (googleapis/nodejs-firestore, dev/system-test/*.ts but pipelines and tracing) against a fresh
 * emulator, at the tag matching the installed @google-cloud/firestore.
 *
 *   npm run build -w emulator && npm run test:upstream -w emulator -- --repo /path/to/nodejs-firestore
 *   options: --repo DIR (or NFF_UPSTREAM_REPO; a clone, bare or not, that has the tag;
 *              without it the tag is cloned from GitHub into the work dir)
 *            --target ours|theirs   ours (default) = emulator/lib; theirs = @firestore-emulator/server
 *            --database NAME        run with a named database (FIRESTORE_NAMED_DATABASE)
 *            --grep REGEX           only matching tests (mocha --grep)
 *            --json FILE            also write the per-test results
 *            --test-timeout MS      per-test mocha timeout (default 60000)
 *            --tag vX.Y.Z           run another tag's tests (default: the installed client's)
 *
 * Google's code is never copied into this repository: the test files are
 * read from the clone with `git show`, transpiled into a work directory under
 * the OS temp dir, and run with mocha there. `../src` and `../protos` in those
 * files point (symlinks) at the installed client's build, so the tests exercise
 * exactly the client this project uses. The test-only packages (mocha, chai 4,
 * chai-as-promised 7, extend, through2, length-prefixed-json-stream) are npm-installed
 * into the work dir once.
 *
 * Prints pass / fail / pending, and the failures grouped by feature (the
 * test's top two describe blocks). Exit code 1 when any test fails.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { option, REPORTER, startEmulator, summarize } from './shared.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, dflt) => option(args, name, dflt);

/** The test-only packages upstream's system tests import (versions as in its devDependencies). */
const TEST_DEPS = {
  mocha: '^10.8.2', chai: '^4.4.0', 'chai-as-promised': '^7.1.1', extend: '^3.0.2',
  through2: '^4.0.0', 'length-prefixed-json-stream': '^1.0.1',
};
/**
 * System-test files not run, with the reason. Pipelines are a Firestore
 * Enterprise edition feature (the Pipeline API / `execute_pipeline`), which
 * neither this emulator nor the official one's Standard edition serves;
 * tracing tests exercise the client's OpenTelemetry spans and need the
 * Cloud Trace exporter packages, not a database.
 */
const EXCLUDED = {
  'dev/system-test/pipeline.ts': 'Pipeline queries: Firestore Enterprise edition only (out of scope)',
  'dev/system-test/tracing.ts': "client tracing (OpenTelemetry / Cloud Trace), not database behaviour",
};

const clientDir = path.dirname(require.resolve('@google-cloud/firestore/package.json'));
const version = JSON.parse(fs.readFileSync(path.join(clientDir, 'package.json'), 'utf8')).version;
const tag = opt('--tag', `v${version}`);
if (tag !== `v${version}`) console.log(`note: running the tests of ${tag} with the installed client ${version}`);
const target = opt('--target', 'ours');
if (target !== 'ours' && target !== 'theirs') throw new Error('--target must be ours or theirs');
const work = path.join(os.tmpdir(), 'nff-upstream', tag);
fs.mkdirSync(work, { recursive: true });

/** A git dir or work tree holding `tag`; cloned from GitHub when none is given. */
function sourceRepo() {
  const given = opt('--repo', process.env.NFF_UPSTREAM_REPO);
  if (given) return path.resolve(given);
  const clone = path.join(work, 'clone');
  if (!fs.existsSync(clone)) {
    console.log(`cloning googleapis/nodejs-firestore ${tag} (pass --repo DIR to use a local clone)`);
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', tag, 'https://github.com/googleapis/nodejs-firestore.git', clone], { stdio: 'inherit' });
  }
  return clone;
}

function prepare() {
  const repo = sourceRepo();
  const ts = require('typescript');
  try {
    execFileSync('git', ['-C', repo, 'rev-parse', '--verify', '--quiet', `${tag}^{commit}`], { stdio: 'ignore' });
  } catch {
    const newest = execFileSync('git', ['-C', repo, 'tag', '--sort=-v:refname'], { encoding: 'utf8' }).split('\n').slice(0, 3).join(', ');
    console.error(`${repo} has no tag ${tag} (newest: ${newest}); update the clone, or pass --tag to run another tag's tests`);
    process.exit(2);
  }
  const listed = execFileSync('git', ['-C', repo, 'ls-tree', '-r', '--name-only', tag, 'dev/system-test', 'dev/test/util', 'dev/test/bundle.ts'], { encoding: 'utf8' });
  const files = listed.split('\n').filter((f) => f.endsWith('.ts'));
  const suites = [];
  for (const f of files) {
    if (f.startsWith('dev/system-test/') && f !== 'dev/system-test/index_test_helper.ts') {
      if (EXCLUDED[f]) {
        const src = execFileSync('git', ['-C', repo, 'show', `${tag}:${f}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
        console.log(`not run: ${f} (~${(src.match(/\bit(\.skip|\.only)?\(/g) ?? []).length} tests): ${EXCLUDED[f]}`);
        continue;
      }
      suites.push(path.join(work, f.replace(/\.ts$/, '.js')));
    }

    const src = execFileSync('git', ['-C', repo, 'show', `${tag}:${f}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const out = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 }, fileName: f });
    const dest = path.join(work, f.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, out.outputText);
  }
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'nff-upstream-run', version, private: true, dependencies: TEST_DEPS }, null, 2));
  // Unlink the client first: npm prunes what it did not install, through symlinks too.
  for (const l of ['@google-cloud/firestore', 'google-gax']) {
    const at = path.join(work, 'node_modules', l);
    if (fs.lstatSync(at, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(at);
  }
  if (!fs.existsSync(path.join(work, 'node_modules', 'mocha'))) {
    console.log(`installing the upstream tests' own test packages into ${work}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent'], { cwd: work, stdio: 'inherit' });
  }
  // The tests import the client as ../src, ../protos and by package name; all resolve to the installed client.
  const link = (from, to) => {
    fs.rmSync(from, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(from), { recursive: true });
    fs.symlinkSync(to, from);
  };
  // dev/src: the client's build/src entry by entry, plus build/src/v1 (the GAPIC
  // client the test helpers import), which moved to @google-cloud/firestore-api in v9.
  const srcDir = path.join(work, 'dev', 'src');
  fs.rmSync(srcDir, { recursive: true, force: true });
  fs.mkdirSync(srcDir, { recursive: true });
  for (const e of fs.readdirSync(path.join(clientDir, 'build', 'src'))) link(path.join(srcDir, e), path.join(clientDir, 'build', 'src', e));
  if (!fs.existsSync(path.join(srcDir, 'v1'))) link(path.join(srcDir, 'v1'), path.join(packageDir('@google-cloud/firestore-api', clientDir), 'build', 'src', 'v1'));
  link(path.join(work, 'dev', 'protos'), path.join(clientDir, 'build', 'protos'));
  link(path.join(work, 'node_modules', '@google-cloud', 'firestore'), clientDir);
  link(path.join(work, 'node_modules', 'google-gax'), packageDir('google-gax', clientDir));
  fs.writeFileSync(path.join(work, 'reporter.js'), REPORTER);
  return suites;
}

/** The directory of package `name` as seen from `fromDir` (its package.json may not be exported). */
function packageDir(name, fromDir) {
  const dir = createRequire(path.join(fromDir, 'package.json')).resolve.paths(name).map((p) => path.join(p, name)).find((d) => fs.existsSync(path.join(d, 'package.json')));
  if (!dir) throw new Error(`${name} not found from ${fromDir}`);
  return dir;
}

const suites = prepare();
const emu = await startEmulator(target);
const results = path.join(work, `results-${target}.json`);
fs.rmSync(results, { force: true });
const mochaArgs = [path.join(work, 'node_modules', 'mocha', 'bin', 'mocha.js'), ...suites,
  '--reporter', path.join(work, 'reporter.js'), '--timeout', opt('--test-timeout', '60000'), '--exit'];
if (opt('--grep')) mochaArgs.push('--grep', opt('--grep'));
const env = {
  ...process.env, FIRESTORE_EMULATOR_HOST: emu.host, GCLOUD_PROJECT: 'demo-upstream', NFF_UPSTREAM_RESULTS: results,
  METADATA_SERVER_DETECTION: 'none', // no GCE metadata probes from google-auth-library
};
if (opt('--database')) env.FIRESTORE_NAMED_DATABASE = opt('--database');
console.log(`running ${tag} ${suites.map((f) => path.relative(work, f)).join(', ')} against ${emu.host} (${target})`);
const code = await new Promise((resolve) => spawn(process.execPath, mochaArgs, { cwd: work, env, stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', resolve));
emu.stop();
const rows = fs.existsSync(results) ? JSON.parse(fs.readFileSync(results, 'utf8')) : [];
if (opt('--json')) fs.writeFileSync(opt('--json'), JSON.stringify(rows, null, 2));
summarize(rows, `upstream ${tag} system tests against ${target === 'ours' ? 'the NFF emulator' : '@firestore-emulator/server'}`);
process.exit(rows.length === 0 ? 2 : rows.some((r) => r.state === 'failed') || code !== 0 ? 1 : 0);
