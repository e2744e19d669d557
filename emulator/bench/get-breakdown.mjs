#!/usr/bin/env node
/**
 * Where the time of one sequential firebase-admin get/set goes (see "Benchmark
 * notes" in ../README.md). Starts a server child exactly like bench.mjs
 * (`bench.mjs --child ours|theirs`) and prints per-operation medians for:
 *
 * - firebase-admin `doc.set()` and `doc.get()`, as the benchmark runs them;
 * - `doc.get()` with firebase-admin's zero-delay retry backoff timer moved
 *   from setTimeout(0) (at least 1 ms) to setImmediate. DIAGNOSTIC ONLY: it
 *   patches the client through a testing hook, which bench.mjs never does;
 * - raw grpc-js Commit / BatchGetDocuments calls (same request shapes, no
 *   firebase-admin), i.e. server + transport.
 *
 *   npx tsc -p emulator && node emulator/bench/get-breakdown.mjs ours [N]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const which = process.argv[2] ?? 'ours';
const N = Number(process.argv[3] ?? 2000);

const child = spawn(process.execPath, [path.join(HERE, 'bench.mjs'), '--child', which, '--port', which === 'ours' ? '0' : '18299'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const port = await new Promise((resolve) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = /READY (\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
});
const host = `127.0.0.1:${port}`;
process.env.FIRESTORE_EMULATOR_HOST = host;
const { initializeApp } = await import('firebase-admin/app');
const { getFirestore } = await import('firebase-admin/firestore');
const db = getFirestore(initializeApp({ projectId: 'demo-breakdown' }, 'breakdown'));

async function time(label, fn) {
  for (let i = 0; i < 50; i++) await fn(i); // warm-up, not measured
  const ts = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn(i);
    ts.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  ts.sort((a, b) => a - b);
  const mean = ts.reduce((a, b) => a + b) / N;
  const cpuMs = (cpu.user + cpu.system) / 1000 / N;
  console.log(`${which.padEnd(6)} ${label.padEnd(40)} median ${ts[N >> 1].toFixed(3)} ms  mean ${mean.toFixed(3)} ms  client CPU ${cpuMs.toFixed(3)} ms/op`);
}

const col = db.collection('breakdown');
await time('admin set', (i) => col.doc(`d${i % 500}`).set({ i, s: 'value', n: i * 1.5 }));
await time('admin get', (i) => col.doc(`d${i % 500}`).get());
const backoff = require('@google-cloud/firestore/build/src/backoff.js');
backoff.setTimeoutHandler((fn, ms) => (ms === 0 ? setImmediate(fn) : setTimeout(fn, ms)));
await time('admin get, 0-ms backoff on setImmediate', (i) => col.doc(`d${i % 500}`).get());
backoff.setTimeoutHandler(setTimeout);

// Raw calls through the grpc-js copy firebase-admin itself uses.
const grpc = require(require.resolve('@grpc/grpc-js', { paths: [require.resolve('google-gax')] }));
const { firestoreService } = require('../lib/proto.js');
const Client = grpc.makeGenericClientConstructor(firestoreService(), 'Firestore');
const raw = new Client(host, grpc.credentials.createInsecure());
const database = 'projects/demo-breakdown/databases/(default)';
const name = (i) => `${database}/documents/breakdown/d${i % 500}`;
await time('raw grpc-js Commit', (i) => new Promise((resolve, reject) => {
  raw.Commit({ database, writes: [{ update: { name: name(i), fields: { i: { integerValue: String(i) } } } }] },
    (err) => (err ? reject(err) : resolve()));
}));
await time('raw grpc-js BatchGetDocuments', (i) => new Promise((resolve, reject) => {
  const s = raw.BatchGetDocuments({ database, documents: [name(i)] });
  s.on('data', () => {});
  s.on('error', reject);
  s.on('end', resolve);
}));
raw.close();
await db.terminate();
child.stdin.end();
child.kill('SIGTERM');
process.exit(0);
