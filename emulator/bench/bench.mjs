#!/usr/bin/env node
/**
 * Side-by-side benchmark: the embedded emulator (../lib, build it first with
 * `npx tsc -p emulator`) against @firestore-emulator/server.
 *
 *   npm run bench -w emulator            # defaults
 *   node emulator/bench/bench.mjs --quick
 *
 * Each emulator runs in its own child process (this same file with --child),
 * so neither shares an event loop with the firebase-admin client that drives
 * it. Every target gets its own firebase-admin app and project id. A failing
 * operation on a target is reported as "fails: <reason>" instead of aborting
 * the run. Results go to stdout and to bench/last-results.md.
 *
 * Fairness: the client is JIT-warmed against every target before anything is
 * measured, then each operation runs in --rounds rounds, alternating which
 * target goes first, and the median round is reported (a cold client used to
 * make whichever target ran first look ~40 % slower). Each round writes fresh
 * documents, so every round does the same work.
 *
 * A third target, null-server.mjs, answers set/get without doing any work: the
 * "ceiling" column is the most any server can reach through firebase-admin on
 * this machine. Server CPU per operation (from /proc, Linux only) is reported
 * too, because sequential ops/s through firebase-admin is mostly client time.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpuMsOf } from './proc-cpu.mjs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : def;
};

// ---------------------------------------------------------------- child mode
if (flag('--child')) {
  const which = opt('--child');
  const port = Number(opt('--port', '0'));
  // Exit when the parent goes away (stdin closes), so nothing is left behind.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  process.on('SIGTERM', () => process.exit(0));
  if (which === 'ours') {
    const mod = await import(pathToFileURL(path.join(HERE, '..', 'lib', 'index.js')).href);
    const start = mod.start ?? mod.default?.start;
    const emu = await start({ host: '127.0.0.1', port, quiet: true });
    process.stdout.write(`READY ${emu.port}\n`);
  } else if (which === 'theirs') {
    const { FirestoreServer } = require('@firestore-emulator/server');
    const server = new FirestoreServer();
    await server.start(port); // binds 0.0.0.0:port
    process.stdout.write(`READY ${port}\n`);
  } else {
    throw new Error(`unknown child ${which}`);
  }
  // keep running until the parent kills us
  await new Promise(() => {});
}

// ---------------------------------------------------------------- parent mode
const QUICK = flag('--quick');
const N_SEQ = Number(opt('--seq', QUICK ? 300 : 2000));
const N_PAR = Number(opt('--par', QUICK ? 1000 : 5000));
const IN_FLIGHT = 50;
const N_QUERY_DOCS = 1000;
const N_QUERY_REPS = Number(opt('--query-reps', QUICK ? 5 : 20));
const TX_PER_WORKER = 50;
const ROUNDS = Number(opt('--rounds', QUICK ? 1 : 3));
const N_WARMUP = Number(opt('--warmup', QUICK ? 200 : 1000));
const OP_TIMEOUT_MS = Number(opt('--timeout', 120000));
const THEIRS_PORT = Number(opt('--theirs-port', 18210));

const { initializeApp, deleteApp } = await import('firebase-admin/app');
const { getFirestore } = await import('firebase-admin/firestore');

function startChild(which, args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${which} did not become ready in 30 s: ${err.trim().slice(-300)}`));
    }, 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        resolve({ child, port: Number(m[1]), startMs: ms });
      }
    });
    child.stderr.on('data', (d) => {
      err += d;
      if (err.length > 20000) err = err.slice(-10000);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = err.split('\n').find((l) => /Error|error:/.test(l)) ?? err.trim().split('\n').pop() ?? '';
      reject(new Error(`${which} exited with code ${code}: ${line.trim()}`));
    });
  });
}

function stopChild(c) {
  if (!c || c.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      c.child.kill('SIGKILL');
      resolve();
    }, 3000);
    c.child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    c.child.stdin.end();
    c.child.kill('SIGTERM');
  });
}


function withTimeout(p, ms, what) {
  let t;
  return Promise.race([
    p,
    new Promise((_, rej) => {
      t = setTimeout(() => rej(new Error(`timeout after ${ms / 1000} s (${what})`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

function makeDb(name, host, projectId) {
  // firebase-admin reads FIRESTORE_EMULATOR_HOST when the Firestore instance
  // is constructed; each instance keeps its own host afterwards.
  process.env.FIRESTORE_EMULATOR_HOST = host;
  const app = initializeApp({ projectId }, name);
  const db = getFirestore(app);
  return { app, db };
}

async function pool(n, concurrency, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) {
      const i = next++;
      await fn(i);
    }
  });
  await Promise.all(workers);
}

const reason = (e) =>
  String(e?.details || e?.message || e)
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '/')
    .slice(0, 90);

async function sequentialSets(col, n) {
  for (let i = 0; i < n; i++) await col.doc(`d${i}`).set({ i, s: 'value', n: i * 1.5 });
}

async function sequentialGets(col, n) {
  for (let i = 0; i < n; i++) {
    const s = await col.doc(`d${i}`).get();
    if (!s.exists || s.get('i') !== i) throw new Error(`get d${i} returned wrong data`);
  }
}

/**
 * The operations; run(db, round) returns { ops, seconds, note? } and uses
 * round-specific documents, so every round does the same work. Operations
 * the ceiling target runs are marked withCeiling.
 */
const OPERATIONS = [
  {
    key: 'seqSet',
    label: `sequential set (${N_SEQ})`,
    withCeiling: true,
    async run(db, round) {
      const t0 = performance.now();
      await sequentialSets(db.collection(`bench-seq-${round}`), N_SEQ);
      return { ops: N_SEQ, seconds: (performance.now() - t0) / 1000 };
    },
  },
  {
    key: 'seqGet',
    label: `sequential get (${N_SEQ})`,
    withCeiling: true,
    async run(db, round) {
      const t0 = performance.now();
      await sequentialGets(db.collection(`bench-seq-${round}`), N_SEQ);
      return { ops: N_SEQ, seconds: (performance.now() - t0) / 1000 };
    },
  },
  {
    key: 'parSet',
    label: `${IN_FLIGHT}-in-flight set (${N_PAR})`,
    async run(db, round) {
      const col = db.collection(`bench-par-${round}`);
      const t0 = performance.now();
      await pool(N_PAR, IN_FLIGHT, (i) => col.doc(`d${i}`).set({ i, s: 'value' }));
      return { ops: N_PAR, seconds: (performance.now() - t0) / 1000 };
    },
  },
  {
    key: 'query',
    label: `query returning ${N_QUERY_DOCS} docs (×${N_QUERY_REPS})`,
    async run(db, round) {
      const col = db.collection(`bench-query-${round}`);
      for (let start = 0; start < N_QUERY_DOCS; start += 500) {
        const b = db.batch();
        for (let i = start; i < Math.min(start + 500, N_QUERY_DOCS); i++) b.set(col.doc(`d${i}`), { i, g: 'all', pad: 'x'.repeat(64) });
        await b.commit();
      }
      const q = col.where('g', '==', 'all').orderBy('i');
      const first = await q.get();
      if (first.size !== N_QUERY_DOCS) throw new Error(`query returned ${first.size} docs, expected ${N_QUERY_DOCS}`);
      const t0 = performance.now();
      for (let r = 0; r < N_QUERY_REPS; r++) {
        const s = await q.get();
        if (s.size !== N_QUERY_DOCS) throw new Error(`query returned ${s.size} docs`);
      }
      const seconds = (performance.now() - t0) / 1000;
      return { ops: N_QUERY_REPS, seconds, note: `${Math.round((N_QUERY_REPS * N_QUERY_DOCS) / seconds)} docs/s` };
    },
  },
  {
    key: 'tx',
    label: `2×${TX_PER_WORKER} contended transactions (one counter)`,
    async run(db, round) {
      const ref = db.doc(`bench-tx/counter-${round}`);
      await ref.set({ n: 0 });
      let failed = 0;
      const worker = async () => {
        for (let i = 0; i < TX_PER_WORKER; i++) {
          try {
            await db.runTransaction(async (t) => {
              const s = await t.get(ref);
              t.update(ref, { n: (s.get('n') ?? 0) + 1 });
            });
          } catch {
            failed++;
          }
        }
      };
      const t0 = performance.now();
      await Promise.all([worker(), worker()]);
      const seconds = (performance.now() - t0) / 1000;
      const final = (await ref.get()).get('n');
      return {
        ops: 2 * TX_PER_WORKER,
        seconds,
        note: `final counter ${final} (expected ${2 * TX_PER_WORKER})${failed ? `, ${failed} transactions failed` : ''}`,
        counter: final,
      };
    },
  },
];

const TARGETS = [
  { key: 'ours', title: 'ours (@nff/firestore-emulator)', args: () => [fileURLToPath(import.meta.url), '--child', 'ours', '--port', '0'] },
  {
    key: 'theirs',
    title: '@firestore-emulator/server 0.3.15',
    args: () => [fileURLToPath(import.meta.url), '--child', 'theirs', '--port', String(THEIRS_PORT)],
  },
  { key: 'ceiling', title: 'ceiling (null server)', args: () => [path.join(HERE, 'null-server.mjs'), '0'], ceiling: true },
];

const opsPerSecond = (r) => r.ops / r.seconds;

/** The median round of a list of runs (by ops/s), or the first error. */
function summarize(runs) {
  if (!runs || runs.length === 0) return undefined;
  const failed = runs.find((r) => r.error);
  if (failed) return failed;
  const sorted = [...runs].sort((a, b) => opsPerSecond(a) - opsPerSecond(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...median, min: opsPerSecond(sorted[0]), max: opsPerSecond(sorted[sorted.length - 1]), rounds: runs };
}

function fmt(v) {
  return v >= 100 ? String(Math.round(v)) : v.toFixed(1);
}

function fmtOps(r) {
  if (!r) return 'n/a';
  if (r.error) return `fails: ${r.error}`;
  const range = r.rounds.length > 1 ? ` (${fmt(r.min)}–${fmt(r.max)})` : '';
  return `${fmt(opsPerSecond(r))}${range}`;
}

function fmtCpu(r) {
  if (!r || r.error || r.serverCpuMs === undefined) return 'n/a';
  return `${Math.round((r.serverCpuMs * 1000) / r.ops)} µs`;
}

function ratio(a, b) {
  return a && b && !a.error && !b.error ? `${(opsPerSecond(a) / opsPerSecond(b)).toFixed(2)}×` : 'n/a';
}

async function runOnce(target, op, round) {
  const pid = target.started.child.pid;
  const cpu0 = cpuMsOf(pid);
  const result = await withTimeout(op.run(target.db, round), OP_TIMEOUT_MS, op.label);
  const cpu1 = cpuMsOf(pid);
  return { ...result, serverCpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

async function main() {
  const raw = {}; // raw[target][op] = runs
  const live = [];
  try {
    for (const t of TARGETS) {
      raw[t.key] = {};
      try {
        t.started = await startChild(t.key, t.args());
        live.push(t);
      } catch (e) {
        t.error = `start: ${reason(e)}`;
        continue;
      }
      ({ app: t.app, db: t.db } = makeDb(`bench-${t.key}`, `127.0.0.1:${t.started.port}`, `demo-bench-${t.key}`));
      try {
        // Warm the channel and JIT-compile the client's set/get paths before any measurement.
        process.stderr.write(`[bench] ${t.key}: warm-up (${N_WARMUP} sets + gets) ... `);
        const col = t.db.collection('bench-warmup');
        await withTimeout(sequentialSets(col, N_WARMUP), OP_TIMEOUT_MS, 'warm-up');
        await withTimeout(sequentialGets(col, N_WARMUP), OP_TIMEOUT_MS, 'warm-up');
        process.stderr.write('done\n');
      } catch (e) {
        t.error = `warm-up: ${reason(e)}`;
        process.stderr.write(`fails: ${t.error}\n`);
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const op of OPERATIONS) {
        const order = live.filter((t) => !t.error && (!t.ceiling || op.withCeiling));
        if (round % 2 === 1) order.reverse();
        for (const t of order) {
          process.stderr.write(`[bench] round ${round + 1}/${ROUNDS} ${t.key}: ${op.label} ... `);
          let run;
          try {
            run = await runOnce(t, op, round);
            process.stderr.write(`${fmt(opsPerSecond(run))} ops/s\n`);
          } catch (e) {
            run = { error: reason(e) };
            process.stderr.write(`fails: ${run.error}\n`);
          }
          (raw[t.key][op.key] ??= []).push(run);
        }
      }
    }
  } finally {
    for (const t of live) {
      await t.db?.terminate().catch(() => {});
      if (t.app) await deleteApp(t.app).catch(() => {});
    }
    await Promise.all(live.map((t) => stopChild(t.started)));
  }

  const result = (key, opKey) => {
    const t = TARGETS.find((x) => x.key === key);
    if (t.error) return { error: t.error };
    return summarize(raw[key][opKey]);
  };

  // ---------------------------------------------------------------- report
  const lines = [];
  lines.push(`# Firestore emulator benchmark`);
  lines.push('');
  lines.push(`- date: ${new Date().toISOString()}`);
  lines.push(`- machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}`);
  lines.push(`- node: ${process.version}; client: firebase-admin (gRPC), one app/project per target; servers in child processes`);
  lines.push(
    `- method: client warmed with ${N_WARMUP} sets + gets per target; ${ROUNDS} round(s) per operation, alternating which target goes first; median round shown, (min–max) over rounds`,
  );
  lines.push('');
  lines.push(`| operation | ${TARGETS[0].title} ops/s | ${TARGETS[1].title} ops/s | ratio (ours / theirs) | ceiling: null server ops/s | best possible ratio (ceiling / theirs) |`);
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const op of OPERATIONS) {
    const a = result('ours', op.key);
    const b = result('theirs', op.key);
    const c = op.withCeiling ? result('ceiling', op.key) : undefined;
    lines.push(`| ${op.label} | ${fmtOps(a)} | ${fmtOps(b)} | ${ratio(a, b)} | ${c ? fmtOps(c) : ''} | ${c ? ratio(c, b) : ''} |`);
  }
  const startCell = (t) => (t.error?.startsWith('start') ? t.error : `${Math.round(t.started.startMs)} ms`);
  lines.push(`| start time (spawn → ready, incl. node startup) | ${startCell(TARGETS[0])} | ${startCell(TARGETS[1])} | | | |`);
  lines.push('');
  lines.push('Server CPU per operation (median round; user + system time of the server process, 10 ms resolution):');
  lines.push('');
  lines.push(`| operation | ours | theirs | ceiling: null server |`);
  lines.push('|---|---:|---:|---:|');
  for (const op of OPERATIONS) {
    lines.push(
      `| ${op.label} | ${fmtCpu(result('ours', op.key))} | ${fmtCpu(result('theirs', op.key))} | ${op.withCeiling ? fmtCpu(result('ceiling', op.key)) : ''} |`,
    );
  }
  lines.push('');
  for (const t of TARGETS.slice(0, 2)) {
    const notes = OPERATIONS.map((op) => [op, result(t.key, op.key)])
      .filter(([, r]) => r && !r.error && r.note)
      .map(([op, r]) => `${op.label}: ${r.note}`);
    if (notes.length) lines.push(`- ${t.title}: ${notes.join('; ')}`);
  }
  const lostUpdates = (raw.ours.tx ?? []).filter((r) => !r.error && r.counter !== 2 * TX_PER_WORKER);
  if (lostUpdates.length > 0) {
    lines.push(`- **ours lost updates: counter ${lostUpdates.map((r) => r.counter).join(', ')} ≠ ${2 * TX_PER_WORKER}**`);
  }
  const report = lines.join('\n') + '\n';
  process.stdout.write('\n' + report);
  writeFileSync(path.join(HERE, 'last-results.md'), report);
  if (lostUpdates.length > 0) process.exitCode = 1;
}

await main();
process.exit(process.exitCode ?? 0);
