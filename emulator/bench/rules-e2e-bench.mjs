#!/usr/bin/env node
/**
 * What security rules cost end to end (rules-bench.mjs measures the
 * language alone): the same client-SDK operations against two
 * emulator processes, one with no rules (open rules: nothing is evaluated)
 * and one enforcing the repository's firestore.rules, plus the time to
 * compile firestore.rules.
 *
 *   npx tsc -p emulator && node emulator/bench/rules-e2e-bench.mjs [--n 500] [--rounds 3]
 *
 * Operations (a signed-in user, mockUserToken, reading what the rules allow it):
 * - get (lite, REST): firebase/firestore/lite getDoc of users/{uid}
 *   (rule: request.auth.uid == uid);
 * - get with get() (lite): kycCases/{c}/events/{e}, whose rule reads the case;
 * - get (full SDK): getDocFromServer (a one-shot Listen target over gRPC);
 * - listener update: a write by the privileged client until the user's
 *   onSnapshot sees it (rules are checked when the target is added and again
 *   for every change delivered to it: listen.ts stillAllowed).
 * Each operation runs --rounds rounds alternating which target goes first;
 * the median round is reported. Results: stdout and bench/rules-e2e-results.md.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpuMsOf } from './proc-cpu.mjs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RULES = path.join(HERE, '..', '..', 'firestore.rules');
const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : def;
};
const lib = (f) => import(pathToFileURL(path.join(HERE, '..', 'lib', f)).href);

if (argv.includes('--child')) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  const { start } = await lib('index.js');
  const emu = await start({ host: '127.0.0.1', port: 0, quiet: true, rules: argv.includes('--rules') ? RULES : undefined });
  process.stdout.write(`READY ${emu.port}\n`);
  await new Promise(() => {});
}

const N = Number(opt('--n', 500));
const ROUNDS = Number(opt('--rounds', 3));
const WARMUP = Number(opt('--warmup', 300));
const PROJECT = 'demo-rules-bench';
const UID = 'alice';

function child(withRules) {
  const p = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', ...(withRules ? ['--rules'] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    p.stdout.on('data', (d) => {
      const m = /READY (\d+)/.exec(String(d));
      if (m) resolve({ port: Number(m[1]), pid: p.pid, stop: () => p.kill('SIGTERM') });
    });
    p.on('exit', (code) => reject(new Error(`emulator child exited ${code}`)));
  });
}

const { initializeApp, deleteApp } = await import('firebase/app');
const full = await import('firebase/firestore');
const lite = await import('firebase/firestore/lite');
full.setLogLevel('error');
lite.setLogLevel('error');

let appN = 0;
function clients(port) {
  const mk = (mod, token) => {
    const app = initializeApp({ projectId: PROJECT, apiKey: 'bench' }, `bench-${++appN}`);
    const db = mod.getFirestore(app);
    mod.connectFirestoreEmulator(db, '127.0.0.1', port, { mockUserToken: token });
    return { app, db, mod };
  };
  return { owner: mk(full, 'owner'), user: mk(full, { sub: UID, user_id: UID }), userLite: mk(lite, { sub: UID, user_id: UID }) };
}

async function seed(c) {
  const { db } = c.owner;
  await full.setDoc(full.doc(db, `users/${UID}`), { uid: UID, displayName: 'Alice', n: 0 });
  await full.setDoc(full.doc(db, 'kycCases/case-a'), { uid: UID, status: 'in_review' });
  await full.setDoc(full.doc(db, 'kycCases/case-a/events/e1'), { to: 'submitted' });
}

const OPS = {
  'get (lite, REST)': async (c, n) => {
    const ref = lite.doc(c.userLite.db, `users/${UID}`);
    for (let i = 0; i < n; i++) await lite.getDoc(ref);
  },
  'get with get() in the rule (lite)': async (c, n) => {
    const ref = lite.doc(c.userLite.db, 'kycCases/case-a/events/e1');
    for (let i = 0; i < n; i++) await lite.getDoc(ref);
  },
  'get (full SDK, getDocFromServer)': async (c, n) => {
    const ref = full.doc(c.user.db, `users/${UID}`);
    for (let i = 0; i < n; i++) await full.getDocFromServer(ref);
  },
  'listener update (write → onSnapshot)': async (c, n) => {
    let want = -1;
    let wake = () => {};
    const unsub = full.onSnapshot(full.doc(c.user.db, `users/${UID}`), (s) => {
      if (!s.metadata.hasPendingWrites && s.get('n') === want) wake();
    });
    const writer = full.doc(c.owner.db, `users/${UID}`);
    const base = Date.now() * 10;
    for (let i = 0; i < n; i++) {
      want = base + i;
      const seen = new Promise((r) => (wake = r));
      await full.updateDoc(writer, { n: want });
      await seen;
    }
    unsub();
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU time (µs) the process has used (NaN off Linux): clock ticks of 10 ms. */
const cpuMicros = (pid) => (cpuMsOf(pid) ?? NaN) * 1000;

const targets = { off: await child(false), on: await child(true) };
const conns = { off: clients(targets.off.port), on: clients(targets.on.port) };
try {
  for (const k of ['off', 'on']) {
    await seed(conns[k]);
    for (const op of Object.values(OPS)) await op(conns[k], WARMUP); // JIT-warm client and both servers
  }
  const rows = [];
  for (const [name, op] of Object.entries(OPS)) {
    const times = { off: [], on: [] };
    const cpu = { off: [], on: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const k of r % 2 === 0 ? ['off', 'on'] : ['on', 'off']) {
        const c0 = cpuMicros(targets[k].pid);
        const t0 = process.hrtime.bigint();
        await op(conns[k], N);
        times[k].push(Number(process.hrtime.bigint() - t0) / 1e3 / N);
        cpu[k].push((cpuMicros(targets[k].pid) - c0) / N);
      }
    }
    const off = median(times.off);
    const on = median(times.on);
    rows.push({ name, off, on, overhead: (on / off - 1) * 100, cpuOff: median(cpu.off), cpuOn: median(cpu.on) });
  }

  let parse = 'n/a (the rules language is not in this build)';
  try {
    const { compileRules } = await lib('rules/index.js');
    const content = readFileSync(RULES, 'utf8');
    const files = [{ name: 'firestore.rules', content }];
    for (let i = 0; i < 50; i++) compileRules(files);
    const reps = 500;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) compileRules(files);
    parse = `${(Number(process.hrtime.bigint() - t0) / 1e3 / reps).toFixed(0)} µs (${content.length} bytes, median of ${reps})`;
  } catch (e) {
    parse = `n/a (${e instanceof Error ? e.message.split('\n')[0] : e})`;
  }

  const lines = [
    `# Security rules cost — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, node ${process.version}`,
    '',
    `\`node emulator/bench/rules-e2e-bench.mjs --n ${N} --rounds ${ROUNDS}\`: sequential operations by one signed-in client, median of ${ROUNDS} rounds: µs per operation seen by the client (client + server), and the emulator process's CPU µs per operation.`,
    '',
    '| operation | rules off (µs) | firestore.rules on (µs) | overhead | server CPU off / on (µs) |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.off.toFixed(0)} | ${r.on.toFixed(0)} | ${r.overhead >= 0 ? '+' : ''}${r.overhead.toFixed(1)} % | ${r.cpuOff.toFixed(0)} / ${r.cpuOn.toFixed(0)} |`,
    ),
    '',
    `Compile time of firestore.rules: ${parse}.`,
    '',
  ];
  const text = lines.join('\n');
  console.log(text);
  writeFileSync(path.join(HERE, 'rules-e2e-results.md'), text);
} finally {
  for (const k of ['off', 'on']) {
    await Promise.allSettled([full.terminate(conns[k].owner.db), full.terminate(conns[k].user.db), lite.terminate(conns[k].userLite.db)]);
    for (const c of Object.values(conns[k])) await deleteApp(c.app).catch(() => {});
    targets[k].stop();
  }
}
process.exit(0);
