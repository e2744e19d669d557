/**
 * Cold-start cost: how long a fresh Node process takes to load a module (the
 * part of a function instance's cold start our code controls) and how much
 * memory it holds afterwards. Each sample is a new process that times its own
 * require() with hrtime and reports process.memoryUsage(); variants are
 * interleaved so machine noise spreads evenly, and the median is reported.
 *
 *   node proof/bench/lib/coldstart.js [--samples N]   (standalone)
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../../scripts/lib/config';
import { median } from './stats';

export interface ColdStartVariant {
  name: string;
  description: string;
  /** CommonJS source run with `node -e` (cwd: repo root); must set globalThis.loaded. */
  source: string;
}

export interface ColdStartRow {
  name: string;
  description: string;
  samples: number;
  loadMs: number;
  rssMb: number;
  heapMb: number;
}

const FUNCTIONS_INDEX = resolve(REPO_ROOT, 'functions/lib/index.js');
const FUNCTIONS_APP = resolve(REPO_ROOT, 'functions/lib/app.js');

export const COLD_START_VARIANTS: ColdStartVariant[] = [
  { name: 'node', description: 'empty Node process (reference)', source: '' },
  {
    name: 'bare',
    description: 'firebase-functions/v2/https + express, one onRequest(express())',
    source: "const { onRequest } = require('firebase-functions/v2/https'); const express = require('express'); globalThis.loaded = onRequest(express());",
  },
  { name: 'functions', description: 'functions/lib/index.js (every exported function)', source: `globalThis.loaded = require(${JSON.stringify(FUNCTIONS_INDEX)});` },
  // index.js declares the triggers whose declaration needs a heavy part of firebase-functions
  // only when their export is read (functions/src/index.ts, exportOnRead): what an instance
  // of that function loads before its first event.
  ...['onKycCaseWritten', 'onUserCreated'].map((fn) => ({
    name: `functions.${fn}`,
    description: `index.js + reading its ${fn} export (what that function's instance loads; informational)`,
    source: `globalThis.loaded = require(${JSON.stringify(FUNCTIONS_INDEX)}).${fn};`,
  })),
  {
    name: 'functions+app',
    description: 'index.js + createApp() (what the first request adds; informational)',
    source:
      `globalThis.loaded = require(${JSON.stringify(FUNCTIONS_INDEX)}); ` +
      `require(${JSON.stringify(FUNCTIONS_APP)}).createApp({ config: { corsAllowedOrigins: [], maxBodyBytes: 65536 } });`,
  },
];

function sample(variant: ColdStartVariant): { loadMs: number; rssMb: number; heapMb: number } {
  const script =
    'const t0 = process.hrtime.bigint();\n' +
    `${variant.source}\n` +
    'const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;\n' +
    'const m = process.memoryUsage();\n' +
    'process.stdout.write(JSON.stringify({ loadMs, rssMb: m.rss / 1048576, heapMb: m.heapUsed / 1048576 }));\n' +
    'process.exit(0);';
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, GCLOUD_PROJECT: process.env.GCLOUD_PROJECT ?? 'demo-nff' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as { loadMs: number; rssMb: number; heapMb: number };
}

/** Median of `samples` fresh processes per variant, interleaved. */
export function measureColdStart(samples: number, variants: ColdStartVariant[] = COLD_START_VARIANTS): ColdStartRow[] {
  // One unmeasured round first: the OS file cache, not our code, would dominate it.
  for (const variant of variants) sample(variant);
  const raw = new Map<string, { loadMs: number; rssMb: number; heapMb: number }[]>(variants.map((v) => [v.name, []]));
  for (let i = 0; i < samples; i++) {
    for (const variant of variants) raw.get(variant.name)?.push(sample(variant));
  }
  return variants.map((variant) => {
    const values = raw.get(variant.name) ?? [];
    return {
      name: variant.name,
      description: variant.description,
      samples: values.length,
      loadMs: median(values.map((v) => v.loadMs)),
      rssMb: median(values.map((v) => v.rssMb)),
      heapMb: median(values.map((v) => v.heapMb)),
    };
  });
}

if (require.main === module) {
  const index = process.argv.indexOf('--samples');
  const samples = index > 0 ? Number(process.argv[index + 1]) : 11;
  for (const row of measureColdStart(samples)) {
    console.log(`${row.name.padEnd(27)} load ${row.loadMs.toFixed(0).padStart(5)} ms  rss ${row.rssMb.toFixed(0)} MB  heap ${row.heapMb.toFixed(1)} MB`);
  }
}
