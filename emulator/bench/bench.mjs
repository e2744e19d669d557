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
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
const OP_TIMEOUT_MS = Number(opt('--timeout', 120000));
const THEIRS_PORT = Number(opt('--theirs-port', 18210));

const { initializeApp, deleteApp } = await import('firebase-admin/app');
const { getFirestore } = await import('firebase-admin/firestore');

function startChild(which, port) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', which, '--port', String(port)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
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
        resolve({ child, port: Number(m[1]), startMs: ms, stderr: () => err });
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

/** The operations; each returns { ops, seconds, note? }. */
const OPERATIONS = [
  {
    key: 'seqSet',
    label: `sequential set (${N_SEQ})`,
    async run(db) {
      const col = db.collection('bench-seq');
      const t0 = performance.now();
      for (let i = 0; i < N_SEQ; i++) await col.doc(`d${i}`).set({ i, s: 'value', n: i * 1.5 });
      return { ops: N_SEQ, seconds: (performance.now() - t0) / 1000 };
    },
  },
  {
    key: 'seqGet',
    label: `sequential get (${N_SEQ})`,
    async run(db) {
      const col = db.collection('bench-seq');
      const t0 = performance.now();
      for (let i = 0; i < N_SEQ; i++) {
        const s = await col.doc(`d${i}`).get();
        if (!s.exists || s.get('i') !== i) throw new Error(`get d${i} returned wrong data`);
      }
      return { ops: N_SEQ, seconds: (performance.now() - t0) / 1000 };
    },
  },
  {
    key: 'parSet',
    label: `${IN_FLIGHT}-in-flight set (${N_PAR})`,
    async run(db) {
      const col = db.collection('bench-par');
      const t0 = performance.now();
      await pool(N_PAR, IN_FLIGHT, (i) => col.doc(`d${i}`).set({ i, s: 'value' }));
      return { ops: N_PAR, seconds: (performance.now() - t0) / 1000 };
    },
  },
  {
    key: 'query',
    label: `query returning ${N_QUERY_DOCS} docs (×${N_QUERY_REPS})`,
    async run(db) {
      const col = db.collection('bench-query');
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
    async run(db) {
      const ref = db.doc('bench-tx/counter');
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

function fmtOps(r) {
  if (!r) return 'n/a';
  if (r.error) return `fails: ${r.error}`;
  const v = r.ops / r.seconds;
  return v >= 100 ? String(Math.round(v)) : v.toFixed(1);
}

async function main() {
  const targets = [
    { key: 'ours', title: 'ours (@nff/firestore-emulator)', port: 0 },
    { key: 'theirs', title: '@firestore-emulator/server 0.3.15', port: THEIRS_PORT },
  ];
  const results = {};
  const started = {};
  try {
    for (const t of targets) {
      try {
        started[t.key] = await startChild(t.key, t.port);
      } catch (e) {
        started[t.key] = { error: reason(e) };
      }
    }
    for (const t of targets) {
      results[t.key] = {};
      const s = started[t.key];
      if (s.error) {
        for (const op of OPERATIONS) results[t.key][op.key] = { error: `start: ${s.error}` };
        continue;
      }
      const { app, db } = makeDb(`bench-${t.key}`, `127.0.0.1:${s.port}`, `demo-bench-${t.key}`);
      try {
        // warm up the channel (not measured)
        await withTimeout(db.doc('bench-warmup/x').set({ ok: true }), 15000, 'warm-up');
        await db.doc('bench-warmup/x').get();
      } catch (e) {
        for (const op of OPERATIONS) results[t.key][op.key] = { error: `warm-up: ${reason(e)}` };
        await deleteApp(app).catch(() => {});
        continue;
      }
      for (const op of OPERATIONS) {
        process.stderr.write(`[bench] ${t.key}: ${op.label} ... `);
        try {
          results[t.key][op.key] = await withTimeout(op.run(db), OP_TIMEOUT_MS, op.label);
          process.stderr.write(`${fmtOps(results[t.key][op.key])} ops/s\n`);
        } catch (e) {
          results[t.key][op.key] = { error: reason(e) };
          process.stderr.write(`fails: ${reason(e)}\n`);
        }
      }
      await db.terminate().catch(() => {});
      await deleteApp(app).catch(() => {});
    }
  } finally {
    await Promise.all(Object.values(started).map((s) => (s && s.child ? stopChild(s) : undefined)));
  }

  // ---------------------------------------------------------------- report
  const lines = [];
  lines.push(`# Firestore emulator benchmark`);
  lines.push('');
  lines.push(`- date: ${new Date().toISOString()}`);
  lines.push(`- machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}`);
  lines.push(`- node: ${process.version}; client: firebase-admin (gRPC), one app/project per target; servers in child processes`);
  lines.push('');
  lines.push(`| operation | ${targets[0].title} ops/s | ${targets[1].title} ops/s | ratio (ours / theirs) |`);
  lines.push('|---|---:|---:|---:|');
  for (const op of OPERATIONS) {
    const a = results.ours?.[op.key];
    const b = results.theirs?.[op.key];
    let ratio = 'n/a';
    if (a && b && !a.error && !b.error) ratio = `${(a.ops / a.seconds / (b.ops / b.seconds)).toFixed(2)}×`;
    lines.push(`| ${op.label} | ${fmtOps(a)} | ${fmtOps(b)} | ${ratio} |`);
  }
  const startCell = (s) => (s?.error ? `fails: ${s.error}` : `${Math.round(s.startMs)} ms`);
  lines.push(`| start time (spawn → ready, incl. node startup) | ${startCell(started.ours)} | ${startCell(started.theirs)} | |`);
  lines.push('');
  for (const t of targets) {
    const notes = OPERATIONS.map((op) => [op, results[t.key]?.[op.key]])
      .filter(([, r]) => r && !r.error && r.note)
      .map(([op, r]) => `${op.label}: ${r.note}`);
    if (notes.length) lines.push(`- ${t.title}: ${notes.join('; ')}`);
  }
  const ourTx = results.ours?.tx;
  if (ourTx && !ourTx.error && ourTx.counter !== 2 * TX_PER_WORKER) {
    lines.push(`- **ours lost updates: counter ${ourTx.counter} ≠ ${2 * TX_PER_WORKER}**`);
  }
  const report = lines.join('\n') + '\n';
  process.stdout.write('\n' + report);
  writeFileSync(path.join(HERE, 'last-results.md'), report);
  if (ourTx && !ourTx.error && ourTx.counter !== 2 * TX_PER_WORKER) process.exitCode = 1;
}

await main();
process.exit(process.exitCode ?? 0);
