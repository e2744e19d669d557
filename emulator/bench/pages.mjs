#!/usr/bin/env node
/**
 * Does a `limit 100` ordered page cost the same over 1,000, 10,000 and
 * 100,000 documents? (It should: queries are served from ordered indexes,
 * src/query-plan.ts.) Run after bench.mjs by `npm run bench -w emulator`;
 * build first (`npx tsc -p emulator`).
 *
 *   node emulator/bench/pages.mjs [--reps 40] [--sizes 1000,10000,100000]
 *
 * Three measurements, written to stdout and bench/last-pages.md:
 * 1. end to end: firebase-admin against our emulator in a child process
 *    (bench.mjs --child ours), p50/p95 of sequential page reads and the
 *    server's CPU per page (from /proc);
 * 2. engine only, in process: the same queries through the index path
 *    (queryDocuments) and through the scanning path (executeQuery), to show
 *    what the index changes;
 * 3. memory per 10,000 documents: heap after storing them, and what each
 *    index adds (node --expose-gc, measured in a fresh child).
 */
import { spawn, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpuMsOf } from './proc-cpu.mjs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : def;
};
const SIZES = opt('--sizes', '1000,10000,100000').split(',').map(Number);
const REPS = Number(opt('--reps', 40));
const PAGE = 100;
const STATUSES = ['active', 'pending', 'closed', 'blocked'];
const DB = 'projects/demo-pages/databases/(default)';

/** Document i of a collection: createdAt in shuffled order (no help from insertion order), one of four statuses. */
function fieldsOf(i, n) {
  const createdAt = (i * 7919) % n; // 7919 is prime, so this permutes 0..n-1 when n is not a multiple of it
  return { createdAt, status: STATUSES[i % 4], name: `user ${i}`, pad: 'x'.repeat(64) };
}

const QUERIES = [
  { key: 'ordered', label: `orderBy createdAt desc, limit ${PAGE}` },
  { key: 'equality', label: `status == 'pending', orderBy createdAt desc, limit ${PAGE}` },
  { key: 'cursor', label: `orderBy createdAt desc, startAfter(middle), limit ${PAGE}` },
];

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const ms = (x) => (x >= 10 ? x.toFixed(0) : x.toFixed(2));

// ------------------------------------------------ child: in-process engine + memory
if (argv.includes('--engine')) {
  const { Database } = require('../lib/store.js');
  const { queryDocuments } = require('../lib/query-plan.js');
  const { executeQuery } = require('../lib/query.js');
  const toValue = (v) => (typeof v === 'number' ? { integerValue: String(v) } : { stringValue: v });
  const docOf = (coll, i, n) => {
    const f = fieldsOf(i, n);
    return { name: `${DB}/documents/${coll}/u${i}`, fields: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, toValue(v)])) };
  };
  const structured = (key, n) => ({
    from: [{ collectionId: `c${n}` }],
    where: key === 'equality' ? { fieldFilter: { field: { fieldPath: 'status' }, op: 'EQUAL', value: { stringValue: 'pending' } } } : undefined,
    orderBy: [{ field: { fieldPath: 'createdAt' }, direction: 'DESCENDING' }],
    startAt: key === 'cursor' ? { values: [{ integerValue: String(Math.floor(n / 2)) }], before: false } : undefined,
    limit: { value: PAGE },
  });
  const heap = () => {
    global.gc();
    global.gc();
    return process.memoryUsage().heapUsed;
  };
  const out = { engine: {}, memory: {} };
  // Memory per 10,000 documents, measured first on a fresh heap.
  {
    const db = new Database(DB);
    const h0 = heap();
    for (let i = 0; i < 10000; i++) db.install(`${DB}/documents/mem/u${i}`, docOf('mem', i, 10000), i + 1);
    const h1 = heap();
    const coll = db.selectCollections(`${DB}/documents`, 'mem', false);
    queryDocuments(db, `${DB}/documents`, { ...structured('ordered', 10000), from: [{ collectionId: 'mem' }] }, coll, undefined);
    const h2 = heap();
    out.memory = { storeMB: (h1 - h0) / 2 ** 20, indexMB: (h2 - h1) / 2 ** 20 };
  }
  const db = new Database(DB);
  let t = 1e6;
  for (const n of SIZES) {
    for (let i = 0; i < n; i++) db.install(`${DB}/documents/c${n}/u${i}`, docOf(`c${n}`, i, n), t++);
    const coll = db.selectCollections(`${DB}/documents`, `c${n}`, false);
    out.engine[n] = {};
    for (const { key } of QUERIES) {
      const q = structured(key, n);
      const b0 = performance.now();
      const first = queryDocuments(db, `${DB}/documents`, q, coll, undefined); // builds the index
      const buildMs = performance.now() - b0;
      const scan = executeQuery(`${DB}/documents`, q, db.documentsIn(coll, undefined));
      if (JSON.stringify(first) !== JSON.stringify(scan) || first.length !== PAGE) throw new Error(`index and scan disagree on ${key} over ${n}`);
      const time = (fn) => {
        const xs = [];
        for (let r = 0; r < REPS; r++) {
          const s = performance.now();
          fn();
          xs.push(performance.now() - s);
        }
        return pct(xs, 0.5);
      };
      out.engine[n][key] = {
        indexMs: time(() => queryDocuments(db, `${DB}/documents`, q, coll, undefined)),
        scanMs: time(() => executeQuery(`${DB}/documents`, q, db.documentsIn(coll, undefined))),
        buildMs,
      };
    }
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

// ------------------------------------------------ parent
function startOurs() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(HERE, 'bench.mjs'), '--child', 'ours', '--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}


async function endToEnd() {
  const { initializeApp, deleteApp } = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  const emu = await startOurs();
  process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${emu.port}`;
  const app = initializeApp({ projectId: 'demo-pages' }, 'pages');
  const db = getFirestore(app);
  const result = {};
  try {
    for (const n of SIZES) {
      const col = db.collection(`c${n}`);
      const t0 = performance.now();
      // Batches of 500, four in flight: bounded, so a loaded machine slows the seeding down
      // instead of timing out writes queued behind thousands of others.
      const batches = Array.from({ length: Math.ceil(n / 500) }, (_, b) => b);
      let next = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < batches.length) {
          const b = batches[next++];
          const batch = db.batch();
          for (let i = b * 500; i < Math.min(n, (b + 1) * 500); i++) batch.set(col.doc(`u${i}`), fieldsOf(i, n));
          await batch.commit();
        }
      }));
      const seedS = (performance.now() - t0) / 1000;
      process.stderr.write(`[pages] seeded ${n} documents in ${seedS.toFixed(1)} s\n`);
      result[n] = { seedS };
      const queries = {
        ordered: col.orderBy('createdAt', 'desc').limit(PAGE),
        equality: col.where('status', '==', 'pending').orderBy('createdAt', 'desc').limit(PAGE),
        cursor: col.orderBy('createdAt', 'desc').startAfter(Math.floor(n / 2)).limit(PAGE),
      };
      for (const { key } of QUERIES) {
        const q = queries[key];
        for (let r = 0; r < 3; r++) await q.get(); // builds the index, warms the client
        const xs = [];
        const cpu0 = cpuMsOf(emu.child.pid);
        for (let r = 0; r < REPS; r++) {
          const s = performance.now();
          const snap = await q.get();
          xs.push(performance.now() - s);
          if (snap.size !== PAGE) throw new Error(`${key} over ${n}: ${snap.size} documents, expected ${PAGE}`);
        }
        const cpu1 = cpuMsOf(emu.child.pid);
        result[n][key] = { p50: pct(xs, 0.5), p95: pct(xs, 0.95), cpuMs: cpu0 === undefined ? undefined : (cpu1 - cpu0) / REPS };
      }
    }
  } finally {
    await db.terminate().catch(() => {});
    await deleteApp(app).catch(() => {});
    emu.child.kill('SIGTERM');
  }
  return result;
}

const load = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const e2e = await endToEnd();
const engine = JSON.parse(execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--engine', '--sizes', SIZES.join(','), '--reps', String(REPS)], { maxBuffer: 1 << 24 }).toString());

const small = SIZES[0];
const large = SIZES[SIZES.length - 1];
const lines = [];
lines.push(`# Emulator: cost of a limit ${PAGE} ordered page by collection size`);
lines.push('');
lines.push(`- date: ${new Date().toISOString()}`);
lines.push(`- machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}, Node ${process.version}`);
lines.push(`- load average at start (1/5/15 min): ${load} — the machine is shared with other agents; compare ratios`);
lines.push(`- command: \`npm run bench -w emulator\` (this part: \`node emulator/bench/pages.mjs --reps ${REPS}\`)`);
lines.push(`- documents: { createdAt: integer in shuffled order, status: one of 4, name, 64-byte pad }; ${REPS} sequential reads per query after 3 unmeasured ones (the first builds the index)`);
lines.push('');
lines.push('## End to end (firebase-admin → our emulator in a child process)');
lines.push('');
lines.push(`| query | ${SIZES.map((n) => `${n.toLocaleString('en')} docs p50 / p95 ms`).join(' | ')} | p50 ratio ${large.toLocaleString('en')} / ${small.toLocaleString('en')} | target ≤ 2× | server CPU per page ${SIZES.map((n) => n.toLocaleString('en')).join(' / ')} |`);
lines.push(`|---|${SIZES.map(() => '---:').join('|')}|---:|---|---:|`);
for (const { key, label } of QUERIES) {
  const ratio = e2e[large][key].p50 / e2e[small][key].p50;
  const cpu = SIZES.map((n) => (e2e[n][key].cpuMs === undefined ? 'n/a' : `${e2e[n][key].cpuMs.toFixed(1)} ms`)).join(' / ');
  lines.push(`| ${label} | ${SIZES.map((n) => `${ms(e2e[n][key].p50)} / ${ms(e2e[n][key].p95)}`).join(' | ')} | ${ratio.toFixed(2)}× | ${ratio <= 2 ? 'met' : '**missed**'} | ${cpu} |`);
}
lines.push('');
lines.push(`Seeding (batches of 500, 4 in flight): ${SIZES.map((n) => `${n.toLocaleString('en')} in ${e2e[n].seedS.toFixed(1)} s`).join(', ')}. Server CPU has 10 ms resolution per reading, averaged over the ${REPS} reads.`);
lines.push('');
lines.push('## Engine only (in process): index path vs scanning path, p50 ms');
lines.push('');
lines.push(`| query | ${SIZES.map((n) => `${n.toLocaleString('en')}: index / scan`).join(' | ')} | index ratio ${large.toLocaleString('en')} / ${small.toLocaleString('en')} | index build at ${large.toLocaleString('en')} (once) |`);
lines.push(`|---|${SIZES.map(() => '---:').join('|')}|---:|---:|`);
for (const { key, label } of QUERIES) {
  const cells = SIZES.map((n) => `${ms(engine.engine[n][key].indexMs)} / ${ms(engine.engine[n][key].scanMs)}`);
  const ratio = engine.engine[large][key].indexMs / engine.engine[small][key].indexMs;
  lines.push(`| ${label} | ${cells.join(' | ')} | ${ratio.toFixed(2)}× | ${ms(engine.engine[large][key].buildMs)} ms |`);
}
lines.push('');
lines.push('## Memory per 10,000 documents (heap, after GC)');
lines.push('');
lines.push(`- stored documents (with their version slots): ${engine.memory.storeMB.toFixed(1)} MB`);
lines.push(`- one ordered index over them: ${engine.memory.indexMB.toFixed(1)} MB (a tree node and a key array per document; keys reference the stored values). At most 16 indexes per collection, least recently used dropped first.`);
const report = lines.join('\n') + '\n';
process.stdout.write('\n' + report);
writeFileSync(path.join(HERE, 'last-pages.md'), report);
process.exit(0);
