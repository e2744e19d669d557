/**
 * What loading the built functions module brings in, in a fresh Node process
 * (module identity, not time: proof/bench/src/coldstart.ts measures the time).
 * Every instance of every function loads functions/lib/index.js; the heavy
 * parts (the composition root, Express, zod, the Firestore client) must wait
 * for a function's first invocation, and the triggers whose declaration needs
 * firebase-functions' Firestore support must load it only when their export
 * is read — which is how discovery and the runtimes find a function.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { PROJECT_ID, REPO_ROOT } from '../../scripts/src/config';

const INDEX = resolve(REPO_ROOT, 'functions/lib/index.js');

interface Loaded {
  keys: string[];
  /** HEAVY files loaded after require() (packages by name, our own files repo-relative); `read`: after reading each lazy export, in turn. */
  atImport: string[];
  read: Record<string, { heavy: string[]; type: string; trigger: string }>;
}

/** Module files whose presence after require(index.js) means a cold-start regression. */
const HEAVY = /node_modules\/(google-gax|@google-cloud\/firestore|express|zod|libphonenumber-js)\/|firebase-admin\/lib\/firestore\/|functions\/lib\/(composition|app)\.js$/;

/** Runs in the fresh process: the HEAVY files loaded so far, as package names or repo-relative paths. */
function heavySource(): string {
  return `() => [...new Set(Object.keys(require.cache).filter((f) => ${HEAVY}.test(f)).map((f) => {
      const pkg = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f);
      return pkg ? (f.includes('firebase-admin/lib/firestore/') ? 'firebase-admin/firestore' : pkg[1]) : f.slice(${JSON.stringify(REPO_ROOT.length + 1)});
    }))].sort()`;
}

function loadInFreshProcess(index: string): Loaded {
  const script = `
    const heavy = ${heavySource()};
    const mod = require(${JSON.stringify(index)});
    const atImport = heavy();
    const read = {};
    for (const name of ['onKycCaseWritten', 'onUserCreated']) {
      const fn = mod[name];
      const endpoint = fn.__endpoint;
      read[name] = { heavy: heavy(), type: typeof fn, trigger: (endpoint.eventTrigger || {}).eventType };
    }
    process.stdout.write(JSON.stringify({ keys: Object.keys(mod), atImport, read }));`;
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, GCLOUD_PROJECT: PROJECT_ID },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Loaded;
}

describe('cold start: what functions/lib/index.js loads', () => {
  const loaded = loadInFreshProcess(INDEX);

  test('exports the four functions (two of them as getters)', () => {
    expect([...loaded.keys].sort()).toEqual(['api', 'onKycCaseWritten', 'onUserCreated', 'sweepKycCases']);
  });

  test('loads no Firestore client, Express, zod or composition root at import', () => {
    expect(loaded.atImport).toEqual([]);
  });

  test('reading a lazily declared trigger loads its declaration, with firebase-functions metadata', () => {
    expect(loaded.read.onKycCaseWritten).toMatchObject({ type: 'function', trigger: 'google.cloud.firestore.document.v1.written' });
    expect(loaded.read.onKycCaseWritten.heavy).toEqual(['@google-cloud/firestore', 'firebase-admin/firestore', 'google-gax']);
    expect(loaded.read.onUserCreated).toMatchObject({ type: 'function', trigger: 'providers/firebase.auth/eventTypes/user.create' });
    // Declaring a trigger is not running it: the composition root still waits for the first event.
    expect(loaded.read.onUserCreated.heavy).toEqual(['@google-cloud/firestore', 'firebase-admin/firestore', 'google-gax']);
  });
});
