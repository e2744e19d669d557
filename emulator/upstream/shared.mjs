/**
 * What the runners of Google's client test suites share (run.mjs: nodejs-firestore's
 * system tests; client-sdk.mjs: firebase-js-sdk's Firestore integration tests):
 * argument reading, a child process serving one emulator, a mocha reporter that
 * records every test, and the pass/fail summary grouped by feature.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** `--name value` from argv, else `dflt`. */
export function option(args, name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}

/**
 * Child mode (`node shared.mjs --serve ours|theirs --port N`): serve one
 * emulator until stdin closes, printing `READY <port>` once listening.
 */
async function serve(args) {
  const which = args[1];
  const port = Number(option(args, '--port', '0'));
  const extra = JSON.parse(option(args, '--options', '{}'));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  if (which === 'ours') {
    const mod = await import(pathToFileURL(path.join(HERE, '..', 'lib', 'index.js')).href);
    const emu = await (mod.start ?? mod.default.start)({ ...extra, host: '127.0.0.1', port, quiet: true });
    process.stdout.write(`READY ${emu.port}\n`);
  } else {
    const { FirestoreServer } = require('@firestore-emulator/server');
    await new FirestoreServer().start(port);
    process.stdout.write(`READY ${port}\n`);
  }
  await new Promise(() => {});
}

if (process.argv[2] === '--serve' && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await serve(process.argv.slice(2));
}

export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * Starts `ours` (emulator/lib, an ephemeral port unless `port` is given;
 * `options` go to its start()) or `theirs` (@firestore-emulator/server) in a
 * child process on 127.0.0.1.
 */
export async function startEmulator(target, port, options = {}) {
  const chosen = port ?? (target === 'theirs' ? await freePort() : 0);
  const argv = [fileURLToPath(import.meta.url), '--serve', target, '--port', String(chosen), '--options', JSON.stringify(options)];
  const child = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /READY (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { port: ready, host: `127.0.0.1:${ready}`, stop: () => child.kill('SIGTERM') };
}

/** A mocha reporter (CommonJS source) recording each test's describe path, state and error. */
export const REPORTER = `
const Mocha = require('mocha');
const fs = require('fs');
module.exports = function Recorder(runner, options) {
  Mocha.reporters.Base.call(this, runner, options);
  const rows = [];
  const row = (state) => (t, err) => rows.push({ path: t.titlePath(), state, error: err ? String(err.message).slice(0, 400) : undefined });
  runner.on('pass', row('passed'));
  runner.on('fail', row('failed'));
  runner.on('pending', row('pending'));
  runner.on('end', () => fs.writeFileSync(process.env.NFF_UPSTREAM_RESULTS, JSON.stringify(rows)));
};`;

export const count = (rows, state) => rows.filter((r) => r.state === state).length;

/**
 * The failures grouped by feature (the first `depth` describe blocks), largest
 * group first: [[feature, rows], ...].
 */
export function failureGroups(rows, depth = 2) {
  const groups = new Map();
  for (const r of rows.filter((x) => x.state === 'failed')) {
    const feature = r.path.slice(0, Math.min(depth, r.path.length - 1)).join(' > ') || '(top level)';
    if (!groups.has(feature)) groups.set(feature, []);
    groups.get(feature).push(r);
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length);
}

/** Prints the one-line totals, then each failing test under its feature. */
export function summarize(rows, title, depth = 2) {
  console.log(`\n${title}: ${count(rows, 'passed')} passing, ${count(rows, 'failed')} failing, ${count(rows, 'pending')} pending (skipped by upstream)`);
  for (const [feature, list] of failureGroups(rows, depth)) {
    console.log(`\n  ${feature}: ${list.length} failing`);
    for (const r of list) console.log(`    - ${r.path.slice(depth).join(' > ') || r.path.at(-1)}: ${(r.error ?? '').split('\n')[0]}`);
  }
}
